// Search benchmark: index size per post, bytes a reader transfers for a first query (opening
// the quick-search dialog on a post page and typing), and query time in Chromium once the
// index is loaded; for the four posts and for the 1,000-post reference corpus.
// Run alone: node scripts/bench/search.ts   (or: npm run bench -- search)
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launch } from '../harness/browser.ts';
import { serve } from '../harness/server.ts';
import { indexBuiltSite } from '../../src/search/build-index.ts';
import { postPath } from '../../src/lib/routes.ts';
import { corpus, listFiles as files, timedBuild, type Row } from './support.ts';

const BASE = '/';

function build(name: string, extra: Record<string, string>): { outDir: string; indexMs: number } {
  const { outDir, output } = timedBuild(name, extra);
  const m = /search index: (\d+) posts.* finished in (\d+) ms/.exec(output);
  return { outDir, indexMs: m ? Number(m[2]) : NaN };
}

/** Bytes as a static host sends them: text gzip-compressed, Pagefind's own (already compressed) files as they are. */
function wireBytes(file: string): number {
  const buf = readFileSync(file);
  return /\.(js|css|json|html|svg)$/.test(file) ? gzipSync(buf, { level: 6 }).length : buf.length;
}

/** Bytes of the index proper: entry, metadata, word index, filters, fragments (not the runtime JS and wasm). */
function indexSize(dist: string): number {
  const pf = join(dist, 'pagefind');
  const runtime = /^(pagefind\.js|pagefind-worker\.js|wasm\..*)$/;
  return files(pf).filter((f) => !runtime.test(f.slice(pf.length + 1))).reduce((s, f) => s + statSync(f).size, 0);
}

const median = (xs: number[]): number => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)] ?? NaN; };

async function measure(label: string, dist: string, posts: number, postPath: string, firstQueries: string[], queries: string[]): Promise<Row[]> {
  const rows: Row[] = [];
  const indexBytes = indexSize(dist);
  rows.push({ section: 'search', name: `${label}: index size per post`, value: indexBytes / posts / 1024, unit: 'KB', note: `${(indexBytes / 1024).toFixed(0)} KB index for ${posts} posts (runtime JS/wasm not counted)` });

  const server = await serve(dist, BASE);
  const browser = await launch();
  try {
    let page = await browser.newPage();
    for (const firstQuery of firstQueries) {
      // A fresh context each time: nothing cached from the query before.
      await page.context().close().catch(() => undefined);
      page = await (await browser.newContext()).newPage();
      await page.goto(`${server.url}${postPath}`, { waitUntil: 'networkidle' });
      const fetched: string[] = [];
      page.on('requestfinished', (r) => fetched.push(r.url()));
      await page.keyboard.press('/');
      await page.locator('dialog[open] input[name=q]').waitFor();
      await page.locator('dialog[open] input[name=q]').fill(firstQuery); // as pasted: no prefix searches on the way
      await page.locator(`[data-search-dialog] [data-search-results][data-search-query="${firstQuery}"]`).waitFor();
      await page.waitForLoadState('networkidle');
      let wire = 0;
      let search = 0;
      for (const u of new Set(fetched)) {
        const path = decodeURIComponent(new URL(u).pathname).slice(BASE.length);
        const file = join(dist, path);
        if (!existsSync(file) || statSync(file).isDirectory()) continue;
        const b = wireBytes(file);
        if (process.env['BENCH_VERBOSE']) console.error(`  ${label}: ${path} ${b} B`);
        wire += b;
        if (path.startsWith('pagefind/')) search += b;
      }
      rows.push({ section: 'search', name: `${label}: first query transfer, "${firstQuery}"`, value: wire / 1024, unit: 'KB',
        note: `dialog on a post page, ${new Set(fetched).size} requests, ${(search / 1024).toFixed(1)} KB of it Pagefind (goal ≤ 100 KB at 1,000 posts)` });
    }

    // Query time once loaded: Pagefind's search plus the 8 result fragments the dialog shows.
    const times = await page.evaluate(async ({ qs, base }) => {
      const pagefind = (await import(`${base}pagefind/pagefind.js`)) as {
        init: () => Promise<void>;
        options: (o: object) => Promise<void>;
        search: (q: string) => Promise<{ results: Array<{ data: () => Promise<unknown> }> }>;
      };
      await pagefind.options({ baseUrl: '/', noWorker: true }); // as the site's search does
      await pagefind.init();
      const run = async (q: string) => {
        const t = performance.now();
        const r = await pagefind.search(q);
        await Promise.all(r.results.slice(0, 5).map((x) => x.data()));
        return performance.now() - t;
      };
      const cold: number[] = [];
      for (const q of qs) cold.push(await run(q));
      const warm: number[] = [];
      for (let i = 0; i < 3; i++) for (const q of qs) warm.push(await run(q));
      return { cold, warm };
    }, { qs: queries, base: BASE });
    rows.push({ section: 'search', name: `${label}: query time, index loaded`, value: median(times.warm), unit: 'ms',
      note: `median of ${times.warm.length} (max ${Math.max(...times.warm).toFixed(1)} ms), search + 5 results, as the dialog shows (goal < 50 ms)` });
    rows.push({ section: 'search', name: `${label}: query time, first use of a word`, value: median(times.cold), unit: 'ms',
      note: `median of ${times.cold.length}, fetching that word's index chunk from 127.0.0.1` });
  } finally {
    await browser.close();
    await server.close();
  }
  return rows;
}

export default async function searchBench(): Promise<Row[]> {
  const rows: Row[] = [];
  const four = build('search-4', {});
  rows.push({ section: 'search', name: '4 posts: indexing after the last page is written', value: four.indexMs, unit: 'ms', note: 'pages are indexed while Astro generates the others' });
  rows.push(...await measure('4 posts', four.outDir, 4, 'posts/linux-process-the-beginning/', ['KiCheckForSListAddress'],
    ['ExInterlockedPopEntrySList', 'nt!KiCheckForSListAddress', '[vdso]', '/bin/grep', '0x00007ffff7ddb2d0', 'Interlocked', 'vsys', 'filter', 'kernel']));
  const big = build('search-1000', { RZ_CONTENT_DIR: corpus(1000) });
  rows.push({ section: 'search', name: '1,000 posts: indexing after the last page is written', value: big.indexMs, unit: 'ms', note: 'pages are indexed while Astro generates the others' });
  // the same built pages indexed again without the identifier variants (what they cost), in a copy
  const plain = `${big.outDir}-no-variants`;
  rmSync(plain, { recursive: true, force: true });
  cpSync(big.outDir, plain, { recursive: true });
  rmSync(join(plain, 'pagefind'), { recursive: true, force: true });
  await indexBuiltSite(plain, '/', { variants: false });
  rows.push({ section: 'search', name: '1,000 posts: index size without variants', value: indexSize(plain) / 1000 / 1024, unit: 'KB',
    note: 'per post, the same pages indexed without the identifier variants (what they cost)' });
  rmSync(plain, { recursive: true, force: true });
  const firstPost = readdirSync(join(big.outDir, 'posts')).sort()[0]!;
  rows.push(...await measure('1,000 posts', big.outDir, 1000, postPath(firstPost), ['pipeline', 'rdtsc'],
    ['signal handlers', 'rdtsc', 'volatile', 'probe_1', 'rotl', 'cache', 'kernel', 'interrupt vector', 'latency', 'allocate']));
  return rows;
}

if (import.meta.main) {
  const rows = await searchBench();
  for (const r of rows) console.log(`${r.name.padEnd(42)} ${r.value.toFixed(2).padStart(10)} ${r.unit.padEnd(3)} ${r.note ?? ''}`);
}
