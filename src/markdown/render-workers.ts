// Markdown rendered in worker threads beside Astro's: the content layer asks for up to ten
// renders at once, and with listings highlighted a post is ~6 ms of CPU, on the thread that also
// parses, validates and stores every entry (and in `astro dev` serves the first page). Workers
// are unreferenced while idle, so they never keep a process alive; they stay IDLE_MS for the dev
// server's next edit (a new worker takes ~1 s to load the pipeline and its grammars), then end
// (a dev server that reloads its config makes a new pool; the old one's workers go).
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { AstroMarkdownOptions, MarkdownRenderer, MarkdownRenderResult } from '@astrojs/markdown-remark';

export interface RenderTask { id: number; content: string; fileURL?: string | undefined; frontmatter?: Record<string, unknown> | undefined }
export type RenderReply = { id: number; rendered: MarkdownRenderResult } | { id: number; error: { message: string; stack?: string | undefined } };

interface Pending { resolve: (r: MarkdownRenderResult) => void; reject: (e: Error) => void }
interface Slot { worker: Worker; pending: Map<number, Pending>; dead?: Error; idle?: NodeJS.Timeout }

const IDLE_MS = 5 * 60_000;

// Run from the source tree (Node strips the types), as the cards' workers: every build runs in the project's root.
const workerFile = () => join(process.cwd(), 'src/markdown/render-worker.ts');

/**
 * A renderer that hands each render to the least busy of `size` workers, one a core: during the
 * content sync Astro's own thread mostly waits for the renders (9 of its 22 s idle with one worker,
 * whose renders were the critical path), so the workers take every core. Undefined when the
 * options cannot be sent to a worker.
 */
export function renderInWorkers(shared: AstroMarkdownOptions, size = availableParallelism()): MarkdownRenderer | undefined {
  try {
    structuredClone(shared);
  } catch {
    return undefined; // (a function in the options: render in this thread)
  }
  const slots: Slot[] = [];
  let next = 0;
  const start = (): Slot => {
    const worker = new Worker(workerFile(), { workerData: { shared } });
    const slot: Slot = { worker, pending: new Map() };
    const fail = (why: Error) => {
      slot.dead = why;
      for (const p of slot.pending.values()) p.reject(why);
      slot.pending.clear();
    };
    worker.on('message', (reply: RenderReply) => {
      const p = slot.pending.get(reply.id);
      if (!p) return;
      slot.pending.delete(reply.id);
      if (slot.pending.size === 0) {
        worker.unref();
        slot.idle = setTimeout(() => void worker.terminate(), IDLE_MS).unref();
      }
      if ('rendered' in reply) p.resolve(reply.rendered);
      else p.reject(Object.assign(new Error(reply.error.message), { stack: reply.error.stack }));
    });
    worker.on('error', (e: Error) => fail(new Error(`the Markdown render worker failed (not a problem in the post): ${e.message}`)));
    worker.on('exit', (code) => fail(new Error(`the Markdown render worker exited with code ${code} (not a problem in the post)`)));
    worker.unref();
    return slot;
  };
  return {
    render(content, opts) {
      for (let i = slots.length - 1; i >= 0; i--) if (slots[i]!.dead) slots.splice(i, 1);
      if (slots.length < size) slots.push(start());
      const slot = slots.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
      const id = ++next;
      return new Promise<MarkdownRenderResult>((resolve, reject) => {
        slot.pending.set(id, { resolve, reject });
        clearTimeout(slot.idle);
        slot.worker.ref();
        const task: RenderTask = { id, content, fileURL: opts?.fileURL?.href, frontmatter: opts?.frontmatter };
        slot.worker.postMessage(task);
      });
    },
  };
}
