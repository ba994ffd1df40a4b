// What the build index and the dev index share: a Pagefind index with this site's settings, a
// page prepared for it (html.ts: identifier variants), pages added a window at a time, and the
// index written without Pagefind's own UIs.
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import * as pagefind from 'pagefind';
import { prepareForIndex } from './html.ts';
import { searchIndex } from '../lib/routes.ts';

/** Parts of the page Pagefind must not index even inside the body: anchors, TOC, buttons. */
export const excludeSelectors = ['.toc', '.heading-anchor', '.post-nav', '[data-search-ignore]', 'button'];

/** Files Pagefind writes for its own UIs, which this site does not use. */
export const UNUSED = /^pagefind-(?:ui|modular-ui|component-ui|highlight)\.(?:js|css)$/;

export interface IndexOptions {
  /** Add the identifier variants (src/search/tokens.ts); false indexes the pages as they are (the benchmark's baseline). */
  variants?: boolean;
}

/** A page as Pagefind will index it (a prepared copy), or undefined for a page without data-pagefind-body. */
export interface PreparedPage { html: string; extraWords: number }

export function preparePage(html: string, variants = true): PreparedPage | undefined {
  const prepared = prepareForIndex(html, variants);
  return prepared.indexed ? { html: prepared.html, extraWords: prepared.extraWords } : undefined;
}

/** Runs `task` over `items`, at most `limit` at a time, as each finishes the next starts. */
export async function eachWindowed<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => { while (next < items.length) await task(items[next++]!); };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}

export async function newIndex(): Promise<pagefind.PagefindIndex> {
  const { index, errors } = await pagefind.createIndex({ excludeSelectors, forceLanguage: 'en' });
  if (!index) throw new Error(`Pagefind: ${errors.join('; ')}`);
  return index;
}

export async function addPrepared(index: pagefind.PagefindIndex, url: string, html: string): Promise<void> {
  const r = await index.addHTMLFile({ url, content: html });
  if (r.errors.length) throw new Error(`Pagefind could not index ${url}: ${r.errors.join('; ')}`);
}

/** Writes the index to <dir>/pagefind/, without the files of Pagefind's own UIs. */
export async function writeIndex(index: pagefind.PagefindIndex, dir: string): Promise<string> {
  const outputPath = join(dir, searchIndex.folder);
  const w = await index.writeFiles({ outputPath });
  if (w.errors.length) throw new Error(`Pagefind could not write the index: ${w.errors.join('; ')}`);
  // Pagefind's prebuilt UIs are not used (the site has its own, smaller one): don't publish them.
  for (const f of readdirSync(outputPath)) if (UNUSED.test(f)) rmSync(join(outputPath, f));
  return outputPath;
}

/** Stops Pagefind's service process (the end of a build). */
export async function closePagefind(): Promise<void> { await pagefind.close(); }
