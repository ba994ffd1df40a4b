// A worker thread of the card pool (pool.ts): draws the cards it is sent, one at a time.
import { parentPort } from 'node:worker_threads';
import { drawCard } from './draw.ts';
import type { CardContent } from './card.ts';

parentPort!.on('message', async ({ id, content }: { id: number; content: CardContent }) => {
  try {
    const { png, missing } = await drawCard(content);
    parentPort!.postMessage({ id, png, missing });
  } catch (e) {
    parentPort!.postMessage({ id, error: e instanceof Error ? e.stack ?? e.message : String(e) });
  }
});
