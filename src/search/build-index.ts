// The search index of a build: every built page is read from dist/ once Astro has written them
// all, prepared (pagefind-index.ts) and given to Pagefind in URL order. Pagefind numbers pages
// in the order they are added, so a fixed order makes the index files byte-identical for the
// same pages: an open search keeps working across a publish that did not change them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { filesUnder } from '../node/build-cache.ts';
import { urlOfFile } from '../lib/routes.ts';
import { addPrepared, eachWindowed, newIndex, preparePage, writeIndex, type IndexOptions, type PreparedPage } from './pagefind-index.ts';

/** Pages in flight to Pagefind's service process at once: a sliding window keeps its pipe full. */
const IN_FLIGHT = 32;

export interface BuiltIndex { pages: number; extraWords: number; outputPath: string }

/** Indexes the built site in `dir` (served under `base`) and writes <dir>/pagefind/. */
export async function indexBuiltSite(dir: string, base: string, opts: IndexOptions = {}): Promise<BuiltIndex> {
  const pages: Array<[string, PreparedPage]> = [];
  for (const file of filesUnder(dir, ['.'], (rel) => rel === 'pagefind').filter((f) => f.endsWith('.html'))) {
    const page = preparePage(readFileSync(join(dir, file), 'utf8'), opts.variants ?? true);
    if (page) pages.push([urlOfFile(file, base), page]);
  }
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
