// A Markdown processor for `markdown.processor`: @astrojs/markdown-remark's `unified()` with
// the same options, whose `.md` renders run on a pool of worker threads when a build has
// many posts.
//
// Why: Astro's glob loader asks for up to 10 renders at a time, but a unified pipeline is
// synchronous JavaScript, so 1,000 posts were rendered one after another on one core. Each
// worker builds the very same pipeline from the same module (plugins hold functions, which
// cannot cross threads), so the output is the same byte for byte (tested).
//
// - A build with many posts starts the workers while Astro starts up (`prewarm`, from the
//   markdown-workers integration): loading and warming the pipeline takes a worker ~2 s.
// - Otherwise the first renders (dev server edits, small sites) stay in this thread and
//   workers start only once many renders have been asked for.
// - MDX is rendered in this thread by `unified()`'s own MDX renderer, as before.
// - A worker that cannot start or dies hands its renders back to this thread: a post is
//   never lost. An error thrown by the pipeline is the post's error, as in this thread.
// - console.warn in a worker (listing warnings with file:line) is printed here.
import { availableParallelism } from 'node:os';
import { format } from 'node:util';
import { Worker } from 'node:worker_threads';
import { unified, type UnifiedProcessorOptions } from '@astrojs/markdown-remark';
import type { AstroMarkdownOptions, MarkdownProcessor, MarkdownRenderer, MarkdownRenderOptions, MarkdownRenderResult } from '@astrojs/markdown-remark';
import { deferredListings } from './listings/deferred-html.ts';

/** Where a worker finds the pipeline: a module URL and its export that returns the unified() options. */
export interface PipelineRef { module: string; exportName: string }

export interface ParallelOptions {
  /** Worker threads; default: the machine's cores, at most 4 (RZ_MARKDOWN_WORKERS overrides; 0 = none). */
  workers?: number;
  /** Renders done in this thread before workers are started on demand. */
  spawnAfter?: number;
  /** Workers idle this long stop (memory back; an `astro dev` config reload leaves none behind). */
  idleMs?: number;
}

export type WorkerRequest =
  | { type: 'shared'; key: number; shared: AstroMarkdownOptions }
  | { type: 'render'; id: number; key: number; content: string; fileURL: string | undefined; frontmatter: Record<string, unknown> | undefined };
export type WorkerReply =
  | { type: 'ready' }
  | { type: 'warn'; text: string }
  | { type: 'done'; id: number; result: MarkdownRenderResult }
  | { type: 'failed'; id: number; error: { name: string; message: string; stack: string | undefined } };

const WORKER_URL = new URL('./render-worker.ts', import.meta.url);
/** Renders a worker holds at once: enough that it never idles between replies. */
const PER_WORKER = 2;


export function defaultWorkerCount(env = process.env): number {
  const set = env['RZ_MARKDOWN_WORKERS'];
  if (set !== undefined && /^\d+$/.test(set)) return Number(set);
  return Math.min(availableParallelism(), 4);
}

export async function loadPipeline(ref: PipelineRef): Promise<UnifiedProcessorOptions> {
  const mod = (await import(/* @vite-ignore */ ref.module)) as Record<string, unknown>;
  const make = mod[ref.exportName];
  if (typeof make !== 'function') throw new Error(`${ref.module} has no function export "${ref.exportName}"`);
  return (make as () => UnifiedProcessorOptions)();
}

interface Job {
  request: Extract<WorkerRequest, { type: 'render' }>;
  resolve: (r: MarkdownRenderResult) => void;
  reject: (e: unknown) => void;
  /** The same render in this thread, for when a worker dies. */
  fallback: () => Promise<MarkdownRenderResult>;
}
interface PoolWorker { worker: Worker; ready: boolean; jobs: Map<number, Job>; keys: Set<number> }

/** Worker threads that each run the pipeline; renders queue for the next free one. */
export class RenderPool {
  #workers: PoolWorker[] = [];
  #queue: Job[] = [];
  #shared: AstroMarkdownOptions[] = [];
  #next = 0;
  #started = false;
  /** Renders asked for since the workers last stopped. */
  #demand = 0;
  #warned = false;
  #idle: ReturnType<typeof setTimeout> | undefined;
  readonly #pipeline: PipelineRef;
  readonly #size: number;
  readonly #spawnAfter: number;
  readonly #idleMs: number;

  constructor(pipeline: PipelineRef, size: number, spawnAfter = 16, idleMs = 15_000) {
    this.#pipeline = pipeline;
    this.#size = size;
    this.#spawnAfter = spawnAfter;
    this.#idleMs = idleMs;
  }

  get started(): boolean { return this.#started; }
  /** Workers alive now (started, not failed). */
  get workerCount(): number { return this.#workers.length; }
  get size(): number { return this.#size; }

  /** Starts the workers (once). Without any (no worker support here), renders stay in this thread. */
  start(): void {
    if (this.#started) return;
    this.#started = true;
    for (let i = 0; i < this.#size; i++) {
      let worker: Worker;
      try {
        worker = new Worker(WORKER_URL, { workerData: this.#pipeline, stdout: false, stderr: false });
      } catch {
        return;
      }
      const pw: PoolWorker = { worker, ready: false, jobs: new Map(), keys: new Set() };
      worker.on('message', (m: WorkerReply) => this.#onMessage(pw, m));
      worker.on('error', (e: Error) => this.#retire(pw, e));
      worker.on('exit', () => this.#retire(pw));
      worker.unref(); // an idle pool never keeps the process alive (after the listeners: they ref)
      this.#workers.push(pw);
    }
  }

  /** A key for one set of Astro's shared Markdown options (structured-cloneable, checked by the caller). */
  register(shared: AstroMarkdownOptions): number {
    this.#shared.push(shared);
    return this.#shared.length - 1;
  }

  /**
   * Renders in a worker, or with `fallback` in this thread: while few renders have been asked
   * for (a worker costs more to start than they take), and when no worker can.
   */
  render(key: number, content: string, opts: MarkdownRenderOptions | undefined, fallback: () => Promise<MarkdownRenderResult>): Promise<MarkdownRenderResult> {
    if (this.#size > 0 && !this.#started && ++this.#demand > this.#spawnAfter) this.start();
    if (!this.#workers.length) return fallback();
    const request = { type: 'render' as const, id: this.#next++, key, content, fileURL: opts?.fileURL?.href, frontmatter: opts?.frontmatter };
    return new Promise((resolve, reject) => {
      this.#queue.push({ request, resolve, reject, fallback });
      this.#dispatch();
    });
  }

  /** Stops the workers; renders in flight are redone in this thread. */
  async close(): Promise<void> {
    await Promise.all(this.#workers.map((w) => w.worker.terminate()));
  }

  /** Idle (so no worker holds a render): stop the workers; renders go back to this thread until demand builds up again. */
  async #stop(): Promise<void> {
    const idle = this.#workers;
    this.#workers = [];
    this.#started = false;
    this.#demand = 0;
    await Promise.all(idle.map((w) => w.worker.terminate()));
  }

  #dispatch(): void {
    for (;;) {
      const free = this.#workers.filter((w) => w.ready && w.jobs.size < PER_WORKER);
      const job = free.length ? this.#queue.shift() : undefined;
      if (!job) break;
      const w = free.reduce((a, b) => (b.jobs.size < a.jobs.size ? b : a));
      if (!w.keys.has(job.request.key)) {
        w.worker.postMessage({ type: 'shared', key: job.request.key, shared: this.#shared[job.request.key]! } satisfies WorkerRequest);
        w.keys.add(job.request.key);
      }
      w.jobs.set(job.request.id, job);
      w.worker.postMessage(job.request satisfies WorkerRequest);
    }
    // Every worker gone (none could start, or all died): what is queued renders here.
    if (!this.#workers.length) for (const job of this.#queue.splice(0)) job.fallback().then(job.resolve, job.reject);
    // A worker with renders to do, or to pick up once it is ready, keeps the process alive.
    for (const w of this.#workers) {
      if (w.jobs.size || this.#queue.length) w.worker.ref();
      else w.worker.unref();
    }
    clearTimeout(this.#idle);
    if (this.#workers.length && !this.#queue.length && this.#workers.every((w) => !w.jobs.size)) {
      this.#idle = setTimeout(() => void this.#stop(), this.#idleMs);
      this.#idle.unref();
    }
  }

  #onMessage(w: PoolWorker, m: WorkerReply): void {
    if (m.type === 'ready') { w.ready = true; this.#dispatch(); return; }
    if (m.type === 'warn') { console.warn(m.text); return; }
    const job = w.jobs.get(m.id);
    if (!job) return;
    w.jobs.delete(m.id);
    if (m.type === 'done') job.resolve(m.result);
    else job.reject(Object.assign(new Error(m.error.message), { name: m.error.name, stack: m.error.stack }));
    this.#dispatch();
  }

  /** A worker that failed to start or died: its renders are redone in this thread. */
  #retire(w: PoolWorker, error?: Error): void {
    if (!this.#workers.includes(w)) return;
    // Said once: the build goes on, rendering here, but the author should know why it is slower.
    if (error && !this.#warned) {
      this.#warned = true;
      console.warn(`Markdown render worker ${w.ready ? 'failed' : 'could not start'} (${error.message}); rendering in the main thread instead. RZ_MARKDOWN_WORKERS=0 silences this.`);
    }
    this.#workers = this.#workers.filter((x) => x !== w);
    const jobs = [...w.jobs.values()];
    w.jobs.clear();
    for (const job of jobs) job.fallback().then(job.resolve, job.reject);
    this.#dispatch();
  }
}

export interface ParallelProcessor extends MarkdownProcessor {
  /** Starts the render workers now, e.g. while Astro starts a build of many posts. */
  prewarm(): void;
  /** Markdown renders asked for so far (a warm build asks only for the changed posts). */
  readonly renders: number;
  readonly pool: RenderPool;
}

/**
 * `unified(options)` from @astrojs/markdown-remark, rendering `.md` in worker threads when
 * there are many to render; `pipeline` names the export that returns the same `options`.
 */
export function parallelUnified(options: UnifiedProcessorOptions, pipeline: PipelineRef, parallel: ParallelOptions = {}): ParallelProcessor {
  const base = unified(options);
  const pool = new RenderPool(pipeline, parallel.workers ?? defaultWorkerCount(), parallel.spawnAfter, parallel.idleMs);
  const counts = (o: typeof base.options) => `${o.remarkPlugins.length}/${o.rehypePlugins.length}`;
  const built = counts(base.options);
  let renders = 0;
  const counted = (r: MarkdownRenderer): MarkdownRenderer => ({ render: (content, opts) => { renders++; return r.render(content, opts); } });
  return {
    name: base.name,
    options: base.options,
    pool,
    prewarm: () => { if (pool.size > 0) pool.start(); },
    get renders() { return renders; },
    async createRenderer(shared: AstroMarkdownOptions): Promise<MarkdownRenderer> {
      const local = deferredListings(await base.createRenderer(shared));
      // An integration that added plugins to `options` since changed the pipeline the workers
      // rebuild from the module: render here, where those plugins are.
      if (counts(base.options) !== built) return counted(local);
      let key: number;
      try {
        key = pool.register(structuredClone(shared));
      } catch {
        return counted(local); // options that cannot cross threads (functions): render here
      }
      return counted({ render: (content, opts) => pool.render(key, content, opts, () => local.render(content, opts)) });
    },
    ...(base.createMdxRenderer ? { createMdxRenderer: base.createMdxRenderer.bind(base) } : {}),
  };
}

/** Markdown that loads the grammars most posts use, rendered once by each worker as it starts. */
const WARM_UP = '# Warm-up\n\nSome *text* and `code`.\n\n```c\nint x = 1;\n```\n\n```asm\nmov eax, 1\n```\n';

/**
 * For a worker: loads the pipeline and warms it up, then returns a render function for
 * requests (one renderer per set of shared options). console.warn is forwarded as text.
 */
export async function workerRenderers(pipeline: PipelineRef, post: (m: WorkerReply) => void) {
  const processor = unified(await loadPipeline(pipeline));
  const warm = deferredListings(await processor.createRenderer({ syntaxHighlight: false }));
  await warm.render(WARM_UP);
  console.warn = (...args: unknown[]) => post({ type: 'warn', text: format(...args) });
  const renderers = new Map<number, Promise<MarkdownRenderer>>();
  return {
    setShared(key: number, shared: AstroMarkdownOptions): void {
      renderers.set(key, processor.createRenderer(shared).then(deferredListings));
    },
    async render(key: number, content: string, opts: MarkdownRenderOptions): Promise<MarkdownRenderResult> {
      const r = renderers.get(key);
      if (!r) throw new Error(`render worker: no Markdown options for key ${key}`);
      return (await r).render(content, opts);
    },
  };
}
