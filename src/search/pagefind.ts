// Astro integration: the Pagefind index. In `astro build`, pages are prepared as they render
// (pagefind-middleware.ts, html.ts), pages an incremental build kept are read back, and all go to
// Pagefind's Node API in URL order, so the same posts give the same files. In `astro dev`, the same
// index is built in memory and rebuilt when a post changes. Why the Node API: README, "Search".
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as pagefind from 'pagefind';
import { filesUnder } from '../node/build-cache.ts';
import { prepareForIndex } from './html.ts';
import { postLinks } from './paths.ts';
import { SEARCH_SINK, type SearchSink } from './sink.ts';
import { urlOfFile, withTrailingSlash } from '../lib/routes.ts';

/** Parts of the page Pagefind must not index even inside the body: anchors, TOC, buttons. */
export const excludeSelectors = ['.toc', '.heading-anchor', '.post-nav', '[data-search-ignore]', 'button'];

/** Pages in flight to Pagefind's service process at once: a sliding window keeps its pipe full. */
const IN_FLIGHT = 32;

/** Runs `task` over `items`, at most `limit` at a time, as each finishes the next starts. */
async function eachWindowed<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => { while (next < items.length) await task(items[next++]!); };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}

/** Files Pagefind writes for its own UIs, which this site does not use. */
const UNUSED = /^pagefind-(?:ui|modular-ui|component-ui|highlight)\.(?:js|css)$/;

export interface IndexStats { pages: number; extraWords: number; files: Map<string, Uint8Array> }

/** The built pages under `dir`, Pagefind's own output left out. */
function htmlFiles(dir: string): string[] {
  return filesUnder(dir, ['.'], (rel) => rel === 'pagefind').filter((f) => f.endsWith('.html')).map((f) => join(dir, f));
}

async function newIndex(): Promise<pagefind.PagefindIndex> {
  const { index, errors } = await pagefind.createIndex({ excludeSelectors, forceLanguage: 'en' });
  if (!index) throw new Error(`Pagefind: ${errors.join('; ')}`);
  return index;
}

/** A page as Pagefind will index it (prepared copy), or undefined for a page without data-pagefind-body. */
function prepare(html: string, variants = true): { html: string; extraWords: number } | undefined {
  const prepared = prepareForIndex(html, variants);
  return prepared.indexed ? { html: prepared.html, extraWords: prepared.extraWords } : undefined;
}

async function add(index: pagefind.PagefindIndex, url: string, html: string): Promise<number | undefined> {
  const prepared = prepare(html);
  if (!prepared) return undefined;
  await addPrepared(index, url, prepared.html);
  return prepared.extraWords;
}

async function addPrepared(index: pagefind.PagefindIndex, url: string, html: string): Promise<void> {
  const r = await index.addHTMLFile({ url, content: html });
  if (r.errors.length) throw new Error(`Pagefind could not index ${url}: ${r.errors.join('; ')}`);
}

/** Writes the index to <dir>/pagefind/, without the files of Pagefind's own UIs. */
async function writeIndex(index: pagefind.PagefindIndex, dir: string): Promise<string> {
  const outputPath = join(dir, 'pagefind');
  const w = await index.writeFiles({ outputPath });
  if (w.errors.length) throw new Error(`Pagefind could not write the index: ${w.errors.join('; ')}`);
  // Pagefind's prebuilt UIs are not used (the site has its own, smaller one): don't publish them.
  for (const f of readdirSync(outputPath)) if (UNUSED.test(f)) rmSync(join(outputPath, f));
  return outputPath;
}

/**
 * The index of a build in progress: pages come in as Astro renders them (the middleware) and are
 * prepared meanwhile; `finish` prepares any built page that did not come through (read from disk:
 * pages an incremental build kept), then hands them all to Pagefind in URL order. Pagefind numbers
 * pages in the order they are added, so a fixed order makes the index files byte-identical for the
 * same pages: an open search keeps working across a publish that did not change them.
 */
export interface IndexOptions {
  /** Add the identifier variants (src/search/tokens.ts); false indexes the pages as they are (the benchmark's baseline). */
  variants?: boolean;
}

export class BuildIndex {
  readonly #base: string;
  readonly #variants: boolean;
  readonly #prepared = new Map<string, { html: string; extraWords: number } | undefined>();

  constructor(base: string, opts: IndexOptions = {}) {
    this.#base = base;
    this.#variants = opts.variants ?? true;
  }

  /** A page's HTML, by its URL path; pages without data-pagefind-body are left out. */
  page(pathname: string, html: string): void {
    const url = pathname.endsWith('/') || pathname.endsWith('.html') ? pathname : `${pathname}/`;
    this.#prepared.set(url, prepare(html, this.#variants));
  }

  /** Indexes the built pages and writes <dir>/pagefind/. */
  async finish(dir: string): Promise<{ pages: number; extraWords: number; fromDisk: number; outputPath: string }> {
    const index = await newIndex();
    try {
      let fromDisk = 0;
      for (const file of htmlFiles(dir)) {
        const url = urlOfFile(relative(dir, file).split(sep).join('/'), this.#base);
        if (this.#prepared.has(url)) continue;
        this.#prepared.set(url, prepare(readFileSync(file, 'utf8'), this.#variants));
        fromDisk++;
      }
      const pages = [...this.#prepared].filter((e): e is [string, { html: string; extraWords: number }] => !!e[1])
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      // addHTMLFile writes to Pagefind's process as it is called: the calls keep the array's order.
      await eachWindowed(pages, IN_FLIGHT, ([url, p]) => addPrepared(index, url, p.html));
      const outputPath = await writeIndex(index, dir);
      return { pages: pages.length, extraWords: pages.reduce((n, [, p]) => n + p.extraWords, 0), fromDisk, outputPath };
    } finally {
      await index.deleteIndex();
    }
  }
}

/** Indexes a built site from disk and writes <dir>/pagefind/. */
export async function indexBuiltSite(dir: string, base: string, opts: IndexOptions = {}): Promise<{ pages: number; extraWords: number; outputPath: string }> {
  return new BuildIndex(base, opts).finish(dir);
}

/** Indexes the posts the dev server renders now, in memory. */
export async function indexDevSite(origin: string, base: string): Promise<IndexStats> {
  const archive = await fetch(`${origin}${base}archive/`);
  if (!archive.ok) throw new Error(`GET ${base}archive/ answered ${archive.status}`);
  const links = postLinks(await archive.text(), base);
  const index = await newIndex();
  try {
    let pages = 0;
    let extraWords = 0;
    // Fewer at a time than a build: each is also a page the dev server renders.
    await eachWindowed(links, 8, async (link) => {
      const res = await fetch(`${origin}${link}`);
      const extra = res.ok ? await add(index, link, await res.text()) : undefined;
      if (extra === undefined) return;
      pages++;
      extraWords += extra;
    });
    const { files, errors } = await index.getFiles();
    if (errors.length) throw new Error(errors.join('; '));
    const kept = files.map((f) => [f.path.replace(/^\/+/, ''), f.content] as const).filter(([p]) => !UNUSED.test(p));
    return { pages, extraWords, files: new Map(kept) };
  } finally {
    await index.deleteIndex();
  }
}

const TYPES: Record<string, string> = {
  js: 'text/javascript; charset=utf-8', json: 'application/json', css: 'text/css', wasm: 'application/wasm',
};

/** The dev server's index: built on first request, rebuilt after a post changes. */
export class DevIndex {
  /** Every generation's files (hashed names never clash), the newest entry file last written. */
  private files = new Map<string, Uint8Array>();
  private stale = true;
  private building: Promise<void> | undefined;
  private lastChange = 0;
  readonly base: string;
  private readonly logger: AstroIntegrationLogger | undefined;

  constructor(base: string, logger?: AstroIntegrationLogger) {
    this.base = base;
    this.logger = logger;
  }

  changed(): void {
    this.stale = true;
    this.lastChange = Date.now();
  }

  private async ensure(origin: string): Promise<void> {
    while (this.stale || this.building) {
      if (this.building) { await this.building; continue; }
      // Let the content layer take the change in before the pages are read.
      const wait = this.lastChange + 250 - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      this.stale = false;
      this.building = (async () => {
        const t = performance.now();
        try {
          const built = await indexDevSite(origin, this.base);
          for (const [k, v] of built.files) this.files.set(k, v);
          this.logger?.info(`search index: ${built.pages} posts in ${Math.round(performance.now() - t)} ms (in memory)`);
        } catch (e) {
          this.stale = true;
          throw e;
        } finally {
          this.building = undefined;
        }
      })();
      await this.building;
    }
  }

  /** Connect middleware: answers <base>pagefind/* and passes everything else on. */
  handle = (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    // Vite may already have taken the base off req.url; originalUrl still has it.
    const raw = (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? '';
    const path = raw.split(/[?#]/)[0]!;
    const prefix = `${this.base}pagefind/`;
    if (!path.startsWith(prefix)) { next(); return; }
    const name = decodeURIComponent(path.slice(prefix.length));
    const origin = `http://${req.headers.host ?? 'localhost'}`;
    this.ensure(origin).then(() => {
      const body = this.files.get(name);
      if (!body) { res.statusCode = 404; res.end('not in the search index'); return; }
      res.statusCode = 200;
      res.setHeader('Content-Type', TYPES[name.split('.').pop() ?? ''] ?? 'application/octet-stream');
      res.setHeader('Cache-Control', 'no-store');
      res.end(body);
    }, (e: unknown) => {
      this.logger?.error(`search index: ${e instanceof Error ? e.message : String(e)}`);
      res.statusCode = 500;
      res.end('the search index could not be built');
    });
  };
}

/** `contentDir`: the posts folder the dev index watches; `variants`: see IndexOptions. */
export function pagefindSearch(opts: { contentDir: string } & IndexOptions): AstroIntegration {
  let base = '/';
  let root = process.cwd();
  let building: BuildIndex | undefined;
  return {
    name: 'ring-zero:pagefind',
    hooks: {
      'astro:config:setup': ({ config, command, addMiddleware }) => {
        base = withTrailingSlash(config.base);
        root = fileURLToPath(config.root);
        // A build indexes pages as they are rendered (pagefind-middleware.ts); dev has its own index.
        if (command === 'build') addMiddleware({ entrypoint: new URL('./pagefind-middleware.ts', import.meta.url), order: 'post' });
      },
      'astro:server:setup': ({ server, logger }) => {
        const dev = new DevIndex(base, logger);
        const contentDir = resolve(root, opts.contentDir);
        server.watcher.add(contentDir);
        server.watcher.on('all', (_event: string, file: string) => {
          if (resolve(file).startsWith(contentDir) || /\.(md|mdx|astro)$/.test(file)) dev.changed();
        });
        server.middlewares.use(dev.handle);
      },
      'astro:build:start': () => {
        building = new BuildIndex(base, opts);
        (globalThis as Record<symbol, SearchSink | undefined>)[SEARCH_SINK] = building;
      },
      'astro:build:done': async ({ dir, logger }) => {
        const t = performance.now();
        const index = building ?? new BuildIndex(base, opts);
        delete (globalThis as Record<symbol, SearchSink | undefined>)[SEARCH_SINK];
        building = undefined;
        try {
          const r = await index.finish(fileURLToPath(dir));
          logger.info(`search index: ${r.pages} posts, ${r.extraWords} identifier variants, ${r.fromDisk} pages read back from disk; finished in ${Math.round(performance.now() - t)} ms after the last page was written`);
        } finally {
          await pagefind.close();
        }
      },
    },
  };
}
