// A worker thread of the cards (pool.ts): for each card it is sent, the stored copy, or a new
// drawing that it stores. A batch is drawn without answering: the main thread may be too busy
// (Astro syncing content) to hand out one card at a time, and only the store needs them.
import { parentPort } from 'node:worker_threads';
import { drawCard } from './draw.ts';
import { cardStore } from './store.ts';
import type { CardContent } from './card.ts';

const store = cardStore();

async function storedOrDrawn(content: CardContent): Promise<{ png: Buffer; missing: string[] }> {
  const key = store.keyOf(content);
  const stored = store.read(key);
  if (stored) return { png: stored, missing: [] };
  const drawn = await drawCard(content);
  store.write(key, drawn.png);
  return drawn;
}

parentPort!.on('message', async (m: { id: number; content: CardContent } | { batch: CardContent[] }) => {
  if ('batch' in m) {
    for (const c of m.batch) await storedOrDrawn(c).catch(() => { /* the route draws it again and reports */ });
    return;
  }
  try {
    const { png, missing } = await storedOrDrawn(m.content);
    parentPort!.postMessage({ id: m.id, png, missing });
  } catch (e) {
    parentPort!.postMessage({ id: m.id, error: e instanceof Error ? e.stack ?? e.message : String(e) });
  }
});
