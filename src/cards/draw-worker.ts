// A worker thread of the cards (pool.ts): for each card it is sent, the stored copy, or a new
// drawing that it stores. A batch is drawn without answering card by card (the main thread may be
// too busy, Astro syncing content, to hand out one card at a time, and only the store needs
// them); it says when the batch is done.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { parentPort } from 'node:worker_threads';
import { drawCard } from './draw.ts';
import { cardStore } from './store.ts';
import type { CardContent } from './card.ts';

const store = cardStore();

async function storedOrDrawn(content: CardContent): Promise<Buffer> {
  const key = store.keyOf(content);
  const stored = store.read(key);
  if (stored) return stored;
  const { png } = await drawCard(content);
  store.write(key, png);
  return png;
}

parentPort!.on('message', async (m: { id: number; content: CardContent } | { batch: CardContent[] }) => {
  if ('batch' in m) {
    for (const c of m.batch) {
      await storedOrDrawn(c).catch(() => { /* the route draws it again and reports */ });
      // resvg's native pictures (3 MB a card) are freed by finalizers that run on a turn of the
      // event loop; a loop of awaits alone never yields one (a 100-card batch: 560 MB, not 230)
      await nextTurn();
    }
    parentPort!.postMessage({ done: true }); // (the pool ends this worker and starts the next batch in a new one)
    return;
  }
  try {
    parentPort!.postMessage({ id: m.id, png: await storedOrDrawn(m.content) });
  } catch (e) {
    parentPort!.postMessage({ id: m.id, error: e instanceof Error ? e.stack ?? e.message : String(e) });
  }
});
