// The build's index without Astro: a built folder indexed, byte for byte the same for the same
// pages.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as pagefind from 'pagefind';
import { indexBuiltSite, preloadIndex } from './build-index.ts';
import { tempDir } from '../../scripts/harness/temp.ts';

const post = (title: string, body: string): string =>
  `<!doctype html><html lang="en"><body><nav>Site chrome</nav><article data-pagefind-body><h1 data-pagefind-meta="title">${title}</h1><p>${body}</p></article></body></html>`;

afterAll(() => pagefind.close());

describe('indexBuiltSite', () => {
  it('indexes only pages with data-pagefind-body and writes <dir>/pagefind without the unused UIs', async () => {
    const dir = tempDir('rz-pf-');
    mkdirSync(join(dir, 'posts/a'), { recursive: true });
    mkdirSync(join(dir, 'tags'), { recursive: true });
    writeFileSync(join(dir, 'posts/a/index.html'), post('A', 'ExInterlockedPopEntrySList here'));
    writeFileSync(join(dir, 'tags/index.html'), '<html><body><h1>Tags</h1></body></html>');
    const r = await indexBuiltSite(dir, '/blog/');
    expect(r.pages).toBe(1);
    expect(r.extraWords).toBeGreaterThan(0);
    const files = readdirSync(join(dir, 'pagefind'));
    expect(files).toEqual(expect.arrayContaining(['pagefind.js', 'pagefind-entry.json']));
    expect(files.filter((f) => /-ui\.|highlight/.test(f))).toEqual([]);
    expect(JSON.parse(readFileSync(join(dir, 'pagefind/pagefind-entry.json'), 'utf8')).languages.en.page_count).toBe(1);
  });
});

/** A built site of `n` posts (and a home page without data-pagefind-body) in a new folder. */
function site(n: number, edit = ''): string {
  const dir = tempDir('rz-pf-order-');
  writeFileSync(join(dir, 'index.html'), '<html><body><h1>Home</h1></body></html>');
  for (let i = 0; i < n; i++) {
    mkdirSync(join(dir, 'posts', `post-${i}`), { recursive: true });
    writeFileSync(join(dir, 'posts', `post-${i}`, 'index.html'), post(`post-${i}`, `KiCheckForSListAddress post-${i} text ${i === 7 ? edit : ''}`));
  }
  return dir;
}

/** Every file of <dir>/pagefind with its bytes. */
function indexFiles(dir: string): string {
  const out = join(dir, 'pagefind');
  return readdirSync(out, { recursive: true, encoding: 'utf8' }).sort().map((f) => {
    try { return `${f}:${readFileSync(join(out, f)).toString('base64')}`; } catch { return f; }
  }).join('\n');
}

describe('indexBuiltSite: the same pages, the same files', () => {
  it('writes byte-identical index files for the same pages, and different ones when a page changes', async () => {
    const a = site(40);
    const b = site(40);
    const edited = site(40, 'zzqx-edited');
    for (const dir of [a, b, edited]) expect(await indexBuiltSite(dir, '/')).toMatchObject({ pages: 40 });
    expect(indexFiles(b)).toBe(indexFiles(a));
    expect(indexFiles(edited)).not.toBe(indexFiles(a));
  });
});

describe('indexBuiltSite with a cache folder', () => {
  it('prepares only pages whose HTML changed, and writes the same files as without the cache', async () => {
    const cacheDir = tempDir('rz-pf-cache-');
    const file = join(cacheDir, 'search/prepared.json');
    await indexBuiltSite(site(40), '/', { cacheDir });
    type Kept = { pages: Array<[string, string]>; prepared: Record<string, { html: string } | null> };
    const first = (JSON.parse(readFileSync(file, 'utf8')) as Kept).prepared;
    expect(Object.keys(first)).toHaveLength(41); // 40 posts and the home page (not indexed: null)
    // one page edited: the warm index is the cold index of the edited pages, byte for byte
    const edited = site(40, 'zzqx-edited');
    const cold = site(40, 'zzqx-edited');
    await indexBuiltSite(edited, '/', { cacheDir });
    await indexBuiltSite(cold, '/');
    expect(indexFiles(edited)).toBe(indexFiles(cold));
    // the unchanged pages came from the cache: a cached copy marked by hand is what gets indexed
    const whole = JSON.parse(readFileSync(file, 'utf8')) as Kept;
    const kept = whole.prepared;
    expect(Object.keys(kept).filter((k) => !(k in first))).toHaveLength(1); // the edited page, prepared anew
    expect(whole.pages.map(([url]) => url)).toEqual([...Array(40).keys()].map((i) => `/posts/post-${i}/`).sort());
    const key = Object.keys(kept).find((k) => kept[k]?.html.includes('post-3 text'))!;
    kept[key]!.html = kept[key]!.html.replace('post-3 text', 'post-3 zzqxfromcache');
    writeFileSync(file, JSON.stringify(whole));
    const again = site(40, 'zzqx-edited');
    await indexBuiltSite(again, '/', { cacheDir });
    const fragments = readdirSync(join(again, 'pagefind/fragment')).map((f) => gunzipSync(readFileSync(join(again, 'pagefind/fragment', f))).toString());
    expect(fragments.some((f) => f.includes('zzqxfromcache'))).toBe(true);
  });
});

describe('an index preloaded with the last build\'s pages', () => {
  it('adds again only the pages that changed, and writes the same files as a fresh index of the new pages', async () => {
    const cacheDir = tempDir('rz-pf-preload-');
    expect(preloadIndex({ cacheDir })).toBeUndefined(); // nothing kept yet
    await indexBuiltSite(site(40), '/', { cacheDir });
    const edited = site(40, 'zzqx-edited');
    const r = await indexBuiltSite(edited, '/', { cacheDir }, preloadIndex({ cacheDir }));
    expect(r).toMatchObject({ pages: 40, readded: 1 });
    const cold = site(40, 'zzqx-edited');
    await indexBuiltSite(cold, '/');
    expect(indexFiles(edited)).toBe(indexFiles(cold));
  });

  it('is dropped for a fresh index when the pages are not the same ones (a post added)', async () => {
    const cacheDir = tempDir('rz-pf-preload-');
    await indexBuiltSite(site(40), '/', { cacheDir });
    const more = site(41);
    const r = await indexBuiltSite(more, '/', { cacheDir }, preloadIndex({ cacheDir }));
    expect(r.readded).toBeUndefined();
    const cold = site(41);
    await indexBuiltSite(cold, '/');
    expect(indexFiles(more)).toBe(indexFiles(cold));
  });

  it('is dropped for a fresh index when it failed, without failing the build', async () => {
    const cacheDir = tempDir('rz-pf-preload-');
    await indexBuiltSite(site(40), '/', { cacheDir });
    const preloaded = preloadIndex({ cacheDir })!;
    const failed = { ...preloaded, index: preloaded.index.then(async (i) => { await i.deleteIndex(); throw new Error('Pagefind went away'); }) };
    const dir = site(40, 'zzqx-edited');
    const r = await indexBuiltSite(dir, '/', { cacheDir }, failed);
    expect(r.readded).toBeUndefined();
    const cold = site(40, 'zzqx-edited');
    await indexBuiltSite(cold, '/');
    expect(indexFiles(dir)).toBe(indexFiles(cold));
  });
});
