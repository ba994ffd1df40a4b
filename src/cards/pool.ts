// Cards are drawn off the main thread, one worker per core: a card is ~30 ms of CPU (satori
// ~7 ms, resvg ~24 ms), and a 1,000-post site has a thousand of them, while the main thread
// renders pages. Astro renders several paths at once (build.concurrency), so several cards
// wait here at a time. Workers are unreferenced while idle, so they never keep a build alive.
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CardContent } from './card.ts';

interface Drawn { png: Buffer; missing: string[] }
interface Task { id: number; content: CardContent; resolve: (d: Drawn) => void; reject: (e: Error) => void }
interface Slot { worker: Worker; task?: Task | undefined }

// The worker runs from the source tree (Node strips the types): the build's bundle has no file
// for it. Every build runs in the project's root.
const workerFile = () => join(process.cwd(), 'src/cards/draw-worker.ts');

export function cardPool(size = Math.max(1, availableParallelism())) {
  const queue: Task[] = [];
  const slots: Slot[] = [];
  let next = 0;

  const run = (slot: Slot) => {
    const task = queue.shift();
    slot.task = task;
    if (!task) { slot.worker.unref(); return; }
    slot.worker.ref();
    slot.worker.postMessage({ id: task.id, content: task.content });
  };

  const spawn = (): Slot => {
    const slot: Slot = { worker: new Worker(workerFile()) };
    slot.worker.on('message', (m: { id: number; png?: Uint8Array; missing?: string[]; error?: string }) => {
      const task = slot.task!;
      if (m.error !== undefined) task.reject(new Error(`drawing a card failed (not the post's fault):\n${m.error}`));
      else task.resolve({ png: Buffer.from(m.png!), missing: m.missing ?? [] });
      run(slot);
    });
    slot.worker.on('error', (e: Error) => { slot.task?.reject(e); slot.task = undefined; slots.splice(slots.indexOf(slot), 1); });
    return slot;
  };

  return {
    draw(content: CardContent): Promise<Drawn> {
      return new Promise<Drawn>((resolve, reject) => {
        queue.push({ id: next++, content, resolve, reject });
        const idle = slots.find((s) => !s.task) ?? (slots.length < size ? (slots.push(spawn()), slots.at(-1)!) : undefined);
        if (idle) run(idle);
      });
    },
    async close(): Promise<void> {
      await Promise.all(slots.splice(0).map((s) => s.worker.terminate()));
    },
  };
}
