// The dev server's search index: built in memory from the pages the dev server renders (the
// archive lists the posts), on the first search request, and again after a change; served by a
// middleware under <base>pagefind/. After a post is edited only that post is rendered again:
// the others' prepared copies are kept (Pagefind has no incremental mode, so the index itself is
// made anew from them, which takes a fraction of rendering them).
import type { AstroIntegrationLogger } from 'astro';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { postLinks } from './paths.ts';
import { joinBase, searchIndex } from '../lib/routes.ts';
import { addPrepared, eachWindowed, newIndex, preparePage, UNUSED, type PreparedPage } from './pagefind-index.ts';

export interface IndexStats { pages: number; rendered: number; extraWords: number; files: Map<string, Uint8Array> }

/**
 * Indexes the posts the dev server renders now, in memory. `kept`: prepared copies of posts that
 * did not change since (url -> page), taken instead of rendering them; updated in place.
 */
export async function indexDevSite(origin: string, base: string, kept = new Map<string, PreparedPage | null>(), changes: () => number = () => 0): Promise<IndexStats> {
  const archive = await fetch(`${origin}${base}archive/`);
  if (!archive.ok) throw new Error(`GET ${base}archive/ answered ${archive.status}`);
  const links = postLinks(await archive.text(), base);
  for (const url of [...kept.keys()]) if (!links.includes(url)) kept.delete(url); // deleted or renamed
  const toRender = links.filter((l) => !kept.has(l));
  const rendered = new Map(toRender.map((l) => [l, Promise.withResolvers<PreparedPage | null>()]));
  // Pagefind indexes in a process of its own: each page goes to it as soon as it is prepared, in the
  // archive's order, while the dev server renders the next ones (one core each).
  const index = await newIndex();
  try {
    // Fewer at a time than a build: each is also a page the dev server renders.
    // (a failed fetch fails `render`, and so the index; the pages after it are never added)
    const render = eachWindowed(toRender, 8, async (link) => {
      const before = changes();
      const res = await fetch(`${origin}${link}`);
      const page = res.ok ? (preparePage(await res.text()) ?? null) : null;
      // kept only if no change came in meanwhile: the page may predate it (the next round fetches it again)
      if (changes() === before) kept.set(link, page);
      rendered.get(link)!.resolve(page);
    });
    let pages = 0;
    let extraWords = 0;
    const add = (async () => {
      const adds: Promise<void>[] = [];
      for (const link of links) {
        const page = rendered.has(link) ? await rendered.get(link)!.promise : kept.get(link);
        if (!page) continue;
        const added = addPrepared(index, link, page.html);
        added.catch(() => undefined); // (a failure is Promise.all's below, not an unhandled one while later pages render)
        adds.push(added);
        pages++;
        extraWords += page.extraWords;
      }
      await Promise.all(adds);
    })();
    await Promise.all([render, add]);
    const { files, errors } = await index.getFiles();
    if (errors.length) throw new Error(errors.join('; '));
    const out = files.map((f) => [f.path.replace(/^\/+/, ''), f.content] as const).filter(([p]) => !UNUSED.test(p));
    return { pages, rendered: toRender.length, extraWords, files: new Map(out) };
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
  /** Prepared copies of the posts by URL, kept until that post changes. */
  private readonly kept = new Map<string, PreparedPage | null>();
  private stale = true;
  /** Changes seen so far: a page fetched across one is not kept. */
  private changes = 0;
  private building: Promise<void> | undefined;
  private lastChange = 0;
  readonly base: string;
  private readonly logger: AstroIntegrationLogger | undefined;

  constructor(base: string, logger?: AstroIntegrationLogger) {
    this.base = base;
    this.logger = logger;
  }

  /**
   * A change seen: `post` names the URL of the one post whose file changed (it is rendered again);
   * without it (a layout, a component) every post is. A post whose URL is not among the posts
   * (its frontmatter names another slug) is as good as unknown: everything is rendered again.
   */
  changed(post?: string): void {
    if (post && this.kept.has(post)) this.kept.delete(post);
    else this.kept.clear();
    this.changes++;
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
          const built = await indexDevSite(origin, this.base, this.kept, () => this.changes);
          for (const [k, v] of built.files) this.files.set(k, v);
          this.logger?.info(`search index: ${built.pages} posts (${built.rendered} rendered) in ${Math.round(performance.now() - t)} ms (in memory)`);
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
    const prefix = joinBase(this.base, `${searchIndex.folder}/`);
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
