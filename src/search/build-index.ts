// The search index of a build: every built page is read from dist/ once Astro has written them
// all, prepared (pagefind-index.ts) and given to Pagefind in URL order. Pagefind numbers pages
// in the order they are added, so a fixed order makes the index files byte-identical for the
// same pages: an open search keeps working across a publish that did not change them.
// With a cache folder, a page whose HTML is unchanged since the last build is not prepared again.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { filesUnder } from '../node/files.ts';
import { searchIndex, urlOfFile } from '../lib/routes.ts';
import { addPrepared, eachWindowed, newIndex, preparePage, writeIndex, type IndexOptions, type PreparedPage } from './pagefind-index.ts';

/** Pages in flight to Pagefind's service process at once: a sliding window keeps its pipe full. */
const IN_FLIGHT = 32;

export interface BuiltIndex { pages: number; extraWords: number; outputPath: string }

/**
 * Prepared pages by the hash of their built HTML, kept in `cacheDir` (Astro's, whose key covers
 * this code) from build to build; what the last build did not see is dropped.
 */
class PreparedCache {
  private readonly file: string | undefined;
  private readonly before: Record<string, PreparedPage | null> = {};
  private readonly now: Record<string, PreparedPage | null> = {};
  private readonly variants: boolean;
  constructor(cacheDir: string | undefined, variants: boolean) {
    this.variants = variants;
    this.file = cacheDir && join(cacheDir, 'search', 'prepared.json');
    try { if (this.file) this.before = JSON.parse(readFileSync(this.file, 'utf8')) as Record<string, PreparedPage | null>; } catch { /* none yet, or unreadable: prepare all */ }
  }
  get(html: string): PreparedPage | undefined {
    const key = `${this.variants ? 'v' : 'p'}${createHash('sha256').update(html).digest('base64url')}`;
    const page = key in this.before ? this.before[key]! : (preparePage(html, this.variants) ?? null);
    this.now[key] = page;
    return page ?? undefined;
  }
  save(): void {
    if (!this.file) return;
    mkdirSync(join(this.file, '..'), { recursive: true });
    writeFileSync(`${this.file}.tmp`, JSON.stringify(this.now));
    renameSync(`${this.file}.tmp`, this.file); // whole or not at all: a killed build leaves the last one
  }
}

/** Indexes the built site in `dir` (served under `base`) and writes <dir>/pagefind/. */
export async function indexBuiltSite(dir: string, base: string, opts: IndexOptions & { cacheDir?: string | undefined } = {}): Promise<BuiltIndex> {
  const pages: Array<[string, PreparedPage]> = [];
  const prepared = new PreparedCache(opts.cacheDir, opts.variants ?? true);
  for (const file of filesUnder(dir, ['.'], (rel) => rel === searchIndex.folder).filter((f) => f.endsWith('.html'))) {
    const page = prepared.get(readFileSync(join(dir, file), 'utf8'));
    if (page) pages.push([urlOfFile(file, base), page]);
  }
  prepared.save();
  pages.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const index = await newIndex();
  try {
    // addHTMLFile writes to Pagefind's process as it is called: the calls keep the array's order.
    await eachWindowed(pages, IN_FLIGHT, ([url, p]) => addPrepared(index, url, p.html));
    const outputPath = await writeIndex(index, dir);
    return { pages: pages.length, extraWords: pages.reduce((n, [, p]) => n + p.extraWords, 0), outputPath };
  } finally {
    await index.deleteIndex();
  }
}
