// The dev server's search index: built in memory from the pages the dev server renders (the
// archive lists the posts), on the first search request, and again after a post changes; served
// by a middleware under <base>pagefind/.
import type { AstroIntegrationLogger } from 'astro';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { postLinks } from './paths.ts';
import { addPrepared, eachWindowed, newIndex, preparePage, UNUSED } from './pagefind-index.ts';

export interface IndexStats { pages: number; extraWords: number; files: Map<string, Uint8Array> }

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
      const page = res.ok ? preparePage(await res.text()) : undefined;
      if (!page) return;
      await addPrepared(index, link, page.html);
      pages++;
      extraWords += page.extraWords;
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
