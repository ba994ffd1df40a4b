// Cards are drawn off the main thread, in workers on the cores Astro leaves free: a card is ~30 ms of CPU (satori
// ~7 ms, resvg ~21 ms), and a 1,000-post site has a thousand of them, while the main thread
// bundles and renders pages. Each worker keeps what it draws in the card store (store.ts), and
// hands over to a new one after CARDS_PER_WORKER cards.
// Workers are unreferenced while idle, so they never keep a build alive, and end after IDLE_MS.
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CardContent } from './card.ts';

interface Task { id: number; content: CardContent; resolve: (png: Buffer) => void; reject: (e: Error) => void }
interface Slot { worker: Worker; task?: Task | undefined; idle?: NodeJS.Timeout | undefined; drawn: number }

// The worker runs from the source tree (Node strips the types): the build's bundle has no file
// for it. Every build runs in the project's root.
const workerFile = () => join(process.cwd(), 'src/cards/draw-worker.ts');

/** By default one core is left to the main thread (Astro's own work). */
const defaultSize = () => Math.max(1, availableParallelism() - 1);

/**
 * A worker ends after this many cards and a new one takes over: satori's layout engine keeps its
 * WebAssembly memory, which never shrinks and grows by about 0.5 MB a card (500 MB over a
 * 1,000-post archive's cards); a new worker starts in a fraction of a second.
 */
const CARDS_PER_WORKER = 100;

/** A pool's workers end after this long without a card (the build has moved on; the dev server is idle). */
const IDLE_MS = 5_000;

/**
 * Draws these cards into the store in the background, in `size` workers that each take every
 * size-th card, in order; `stop` ends them wherever they are.
 */
export function drawInBackground(cards: readonly CardContent[], size = defaultSize()): { stop: () => Promise<void> } {
  const running = new Set<Worker>();
  let stopped = false;
  /** One batch in a new worker: done when it says so, or ends (the route draws what it did not). */
  const batch = (chunk: readonly CardContent[]) => new Promise<void>((done) => {
    const w = new Worker(workerFile());
    running.add(w);
    // the next batch's worker starts once this one has gone: two at once would add a worker's 100 MB to the peak
    const end = () => { running.delete(w); void w.terminate().then(() => done(), () => done()); };
    w.on('message', end).on('error', end).on('exit', end);
    w.postMessage({ batch: chunk });
    w.unref(); // never keeps the build alive
  });
  for (let i = 0; i < Math.min(size, cards.length); i++) {
    const mine = cards.filter((_, j) => j % size === i);
    void (async () => {
      for (let k = 0; k < mine.length && !stopped; k += CARDS_PER_WORKER) await batch(mine.slice(k, k + CARDS_PER_WORKER));
    })();
  }
  return { stop: async () => { stopped = true; await Promise.all([...running].map((w) => w.terminate())); } };
}

/** A pool of up to `size` workers, started as cards come and ended when idle. */
export function cardPool(size = defaultSize(), perWorker = CARDS_PER_WORKER) {
  const queue: Task[] = [];
  const slots: Slot[] = [];
  let next = 0;

  const retire = (slot: Slot) => {
    const i = slots.indexOf(slot);
    if (i >= 0) slots.splice(i, 1);
    void slot.worker.terminate();
  };
  const run = (slot: Slot) => {
    const task = queue.shift();
    slot.task = task;
    clearTimeout(slot.idle);
    if (!task) {
      slot.worker.unref();
      slot.idle = setTimeout(() => retire(slot), IDLE_MS);
      slot.idle.unref();
      return;
    }
    slot.worker.ref();
    slot.worker.postMessage({ id: task.id, content: task.content });
  };

  const spawn = (): Slot => {
    const slot: Slot = { worker: new Worker(workerFile()), drawn: 0 };
    slot.worker.on('message', (m: { id: number; png?: Uint8Array; error?: string }) => {
      const task = slot.task!;
      if (m.error !== undefined) task.reject(new Error(`drawing a card failed (not the post's fault):\n${m.error}`));
      else task.resolve(Buffer.from(m.png!));
      if (++slot.drawn < perWorker) { run(slot); return; }
      slot.task = undefined;
      retire(slot); // its memory goes with it; a new worker takes the next card
      if (queue.length) { const fresh = spawn(); slots.push(fresh); run(fresh); }
    });
    // a worker that dies (it could not load, or crashed) fails every card waiting: no silent retry loop
    slot.worker.on('error', (e: Error) => {
      const why = new Error(`a card worker stopped (not the post's fault): ${e.message}`);
      slot.task?.reject(why);
      for (const t of queue.splice(0)) t.reject(why);
      const i = slots.indexOf(slot);
      if (i >= 0) slots.splice(i, 1); // (a retired worker is in no slot)
    });
    // ended without an error (terminated, or it returned): the card it held is not coming
    slot.worker.on('exit', (code) => {
      slot.task?.reject(new Error(`a card worker ended (code ${code}) before drawing its card (not the post's fault)`));
      slot.task = undefined;
      const i = slots.indexOf(slot);
      if (i >= 0) slots.splice(i, 1);
    });
    return slot;
  };

  return {
    /** The card's PNG, from the store or drawn (and stored) by a worker. */
    draw(content: CardContent): Promise<Buffer> {
      return new Promise<Buffer>((resolve, reject) => {
        queue.push({ id: next++, content, resolve, reject });
        const idle = slots.find((s) => !s.task) ?? (slots.length < size ? (slots.push(spawn()), slots.at(-1)!) : undefined);
        if (idle) run(idle);
      });
    },
    /** Stops the workers; cards still waiting are dropped (their promises reject). */
    async close(): Promise<void> {
      for (const t of queue.splice(0)) t.reject(new Error('the card pool was closed'));
      for (const s of slots) { s.task?.reject(new Error('the card pool was closed')); s.task = undefined; clearTimeout(s.idle); }
      await Promise.all(slots.splice(0).map((s) => s.worker.terminate()));
    },
  };
}
