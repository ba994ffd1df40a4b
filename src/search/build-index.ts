// The search index of a build: every built page is read from dist/ once Astro has written them
// all, prepared (pagefind-index.ts) and given to Pagefind in URL order. Pagefind numbers pages
// in the order they are added, so a fixed order makes the index files byte-identical for the
// same pages: an open search keeps working across a publish that did not change them.
// With a cache folder, a page whose HTML is unchanged since the last build is not prepared again,
// and the index can be started before the pages are built (preloadIndex): the last build's pages
// are added while Astro works, and after the last page only the pages that changed are added
// again (Pagefind replaces a page added under the same URL where it was: the same files as a
// fresh index of the new pages).
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PagefindIndex } from 'pagefind';
import { filesUnder } from '../node/files.ts';
import { searchIndex, urlOfFile } from '../lib/routes.ts';
import { addPrepared, eachWindowed, newIndex, preparePage, writeIndex, type IndexOptions, type PreparedPage } from './pagefind-index.ts';

/** Pages in flight to Pagefind's service process at once: a sliding window keeps its pipe full. */
const IN_FLIGHT = 32;

export interface BuiltIndex { pages: number; extraWords: number; outputPath: string; readded?: number }

/** What the cache keeps: the last build's indexed pages in URL order, and prepared pages by the hash of their built HTML. */
interface Kept { pages: Array<[url: string, key: string]>; prepared: Record<string, PreparedPage | null> }
const cacheFile = (cacheDir: string) => join(cacheDir, 'search', 'prepared.json');

function readKept(cacheDir: string | undefined): Kept {
  try {
    const k = JSON.parse(readFileSync(cacheFile(cacheDir!), 'utf8')) as Partial<Kept>;
    if (Array.isArray(k.pages) && k.prepared && typeof k.prepared === 'object') return { pages: k.pages, prepared: k.prepared };
  } catch { /* none yet, or unreadable: prepare all */ }
  return { pages: [], prepared: {} };
}

/**
 * Prepared pages by the hash of their built HTML, kept in `cacheDir` (Astro's, whose key covers
 * this code) from build to build; what the last build did not see is dropped.
 */
class PreparedCache {
  private readonly now: Record<string, PreparedPage | null> = {};
  private readonly before: Kept['prepared'];
  private readonly cacheDir: string | undefined;
  private readonly variants: boolean;
  constructor(cacheDir: string | undefined, variants: boolean, before?: Kept['prepared']) {
    this.cacheDir = cacheDir;
    this.variants = variants;
    this.before = before ?? readKept(cacheDir).prepared;
  }
  key(html: string): string { return `${this.variants ? 'v' : 'p'}${createHash('sha256').update(html).digest('base64url')}`; }
  get(key: string, html: string): PreparedPage | undefined {
    const page = key in this.before ? this.before[key]! : (preparePage(html, this.variants) ?? null);
    this.now[key] = page;
    return page ?? undefined;
  }
  save(pages: Array<[string, string]>): void {
    if (!this.cacheDir) return;
    const file = cacheFile(this.cacheDir);
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(`${file}.tmp`, JSON.stringify({ pages, prepared: this.now } satisfies Kept));
    renameSync(`${file}.tmp`, file); // whole or not at all: a killed build leaves the last one
  }
}

/** An index holding the last build's pages, being added while the new pages are built. */
export interface PreloadedIndex { pages: Array<[string, string]>; prepared: Kept['prepared']; index: Promise<PagefindIndex> }

/** Starts an index of the pages the last build indexed (none kept: undefined). Call before the pages are built. */
export function preloadIndex(opts: IndexOptions & { cacheDir?: string | undefined }): PreloadedIndex | undefined {
  const kept = readKept(opts.cacheDir);
  const variant = (opts.variants ?? true) ? 'v' : 'p';
  if (!kept.pages.length || !kept.pages.every(([, key]) => key.startsWith(variant) && kept.prepared[key])) return undefined;
  const index = newIndex().then(async (i) => {
    await eachWindowed(kept.pages, IN_FLIGHT, ([url, key]) => addPrepared(i, url, kept.prepared[key]!.html));
    return i;
  });
  index.catch(() => undefined); // (a failure is seen when the build's index awaits it)
  return { pages: kept.pages, prepared: kept.prepared, index };
}

/**
 * Indexes the built site in `dir` (served under `base`) and writes <dir>/pagefind/. With
 * `preloaded` holding the same URLs in the same order, only the pages whose HTML changed are added
 * again; otherwise it is dropped and every page is added.
 */
export async function indexBuiltSite(dir: string, base: string, opts: IndexOptions & { cacheDir?: string | undefined } = {}, preloaded?: PreloadedIndex): Promise<BuiltIndex> {
  const pages: Array<[url: string, key: string, page: PreparedPage]> = [];
  const prepared = new PreparedCache(opts.cacheDir, opts.variants ?? true, preloaded?.prepared);
  for (const file of filesUnder(dir, ['.'], (rel) => rel === searchIndex.folder).filter((f) => f.endsWith('.html'))) {
    const html = readFileSync(join(dir, file), 'utf8');
    const key = prepared.key(html);
    const page = prepared.get(key, html);
    if (page) pages.push([urlOfFile(file, base), key, page]);
  }
  pages.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const same = preloaded && preloaded.pages.length === pages.length && pages.every(([url], i) => preloaded.pages[i]![0] === url);
  // (a preload that failed is no reason to fail the build: every page is added to a fresh index)
  const early = preloaded && (await preloaded.index.catch(() => undefined));
  if (early && !same) await early.deleteIndex();
  const reused = same ? early : undefined;
  const index = reused ?? await newIndex();
  try {
    // addHTMLFile writes to Pagefind's process as it is called: the calls keep the array's order.
    const toAdd = reused ? pages.filter(([, key], i) => preloaded!.pages[i]![1] !== key) : pages;
    await eachWindowed(toAdd, IN_FLIGHT, ([url, , p]) => addPrepared(index, url, p.html));
    // the cache is saved while Pagefind's process writes the index
    const [outputPath] = await Promise.all([writeIndex(index, dir), Promise.resolve().then(() => prepared.save(pages.map(([url, key]) => [url, key])))]);
    return { pages: pages.length, extraWords: pages.reduce((n, [, , p]) => n + p.extraWords, 0), outputPath, ...(reused ? { readded: toAdd.length } : {}) };
  } finally {
    await index.deleteIndex();
  }
}
