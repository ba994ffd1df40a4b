// Markdown rendered in worker threads beside Astro's: the content layer asks for up to ten
// renders at once, and with listings highlighted a post is ~6 ms of CPU, on the thread that also
// parses, validates and stores every entry (and in `astro dev` serves the first page). Workers
// are unreferenced while idle, so they never keep a process alive; they stay IDLE_MS for the dev
// server's next edit (a new worker takes ~1 s to load the pipeline and its grammars), then end
// (a dev server that reloads its config makes a new pool; the old one's workers go). A worker
// that fails (it could not load, it crashed) hands its renders, and all later ones, to Astro's
// thread: a post's own render error is still the post's.
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { AstroMarkdownOptions, MarkdownRenderer, MarkdownRenderOptions, MarkdownRenderResult } from '@astrojs/markdown-remark';

export interface RenderTask { id: number; content: string; fileURL?: string | undefined; frontmatter?: Record<string, unknown> | undefined }
export type RenderReply = { id: number; rendered: MarkdownRenderResult } | { id: number; error: { message: string; stack?: string | undefined } };

interface Pending { content: string; opts: MarkdownRenderOptions | undefined; resolve: (r: MarkdownRenderResult) => void; reject: (e: Error) => void }
interface Slot { worker: Worker; pending: Map<number, Pending>; ended?: boolean; idle?: NodeJS.Timeout }

const IDLE_MS = 5 * 60_000;

// Run from the source tree (Node strips the types), as the cards' workers: every build runs in the project's root.
const workerFile = () => join(process.cwd(), 'src/markdown/render-worker.ts');

export interface RenderWorkersOptions {
  /**
   * Workers at the most, one a core by default (and at most 4): during the content sync Astro's own
   * thread mostly waits for the renders (9 of its 22 s idle with one worker, whose renders were the
   * critical path). A worker starts only when every other one is busy.
   */
  size?: number;
  /** The worker's module (tests name one that cannot load). */
  file?: string;
}

/**
 * A renderer that hands each render to the least busy of its workers, and to `inThread` once a
 * worker has failed. Undefined when the options cannot be sent to a worker (a function in them).
 */
export function renderInWorkers(shared: AstroMarkdownOptions, inThread: () => Promise<MarkdownRenderer>, { size = Math.min(4, availableParallelism()), file = workerFile() }: RenderWorkersOptions = {}): MarkdownRenderer | undefined {
  try {
    structuredClone(shared);
  } catch {
    return undefined;
  }
  const slots: Slot[] = [];
  let next = 0;
  let broken = false;
  let here: Promise<MarkdownRenderer> | undefined;
  const renderHere = (content: string, opts?: MarkdownRenderOptions) => (here ??= inThread()).then((r) => r.render(content, opts));

  const start = (): Slot => {
    const worker = new Worker(file, { workerData: { shared } });
    const slot: Slot = { worker, pending: new Map() };
    const fail = (why: string) => {
      if (slot.ended) return;
      slot.ended = true;
      if (!broken) console.warn(`Markdown: a render worker failed (${why}); Astro's thread renders the posts instead. Not a problem in any post.`);
      broken = true;
      for (const p of slot.pending.values()) renderHere(p.content, p.opts).then(p.resolve, p.reject);
      slot.pending.clear();
    };
    worker.on('message', (reply: RenderReply) => {
      const p = slot.pending.get(reply.id);
      if (!p) return;
      slot.pending.delete(reply.id);
      settled(slot);
      if ('rendered' in reply) p.resolve(reply.rendered);
      else p.reject(Object.assign(new Error(reply.error.message), { stack: reply.error.stack }));
    });
    worker.on('error', (e: Error) => fail(e.message));
    worker.on('messageerror', (e: Error) => fail(`a reply could not be read: ${e.message}`));
    worker.on('exit', (code) => fail(`it exited with code ${code}`));
    settled(slot);
    return slot;
  };
  /** With nothing pending, a worker keeps no process alive and ends after IDLE_MS. */
  const settled = (slot: Slot) => {
    if (slot.pending.size > 0) return;
    slot.worker.unref();
    clearTimeout(slot.idle);
    slot.idle = setTimeout(() => { slot.ended = true; void slot.worker.terminate(); }, IDLE_MS).unref();
  };

  return {
    render(content, opts) {
      if (broken) return renderHere(content, opts);
      for (let i = slots.length - 1; i >= 0; i--) if (slots[i]!.ended) slots.splice(i, 1);
      if (slots.length < size && slots.every((w) => w.pending.size > 0)) slots.push(start());
      const slot = slots.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
      const id = ++next;
      const task: RenderTask = { id, content, fileURL: opts?.fileURL?.href, frontmatter: opts?.frontmatter };
      return new Promise<MarkdownRenderResult>((resolve, reject) => {
        try {
          slot.worker.postMessage(task);
        } catch {
          renderHere(content, opts).then(resolve, reject); // (front matter a worker cannot be sent)
          return;
        }
        slot.pending.set(id, { content, opts, resolve, reject });
        clearTimeout(slot.idle);
        slot.worker.ref();
      });
    },
  };
}
