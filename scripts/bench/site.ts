// Site benchmark: cold build time for the four posts and for the reference corpus
// (100 and 1,000 posts, median of 3 cold builds each), this site against a plain Astro build
// of the same corpus in the same run (plain.config.mjs: no listings plugins, checks or integrations), dist size,
// and bytes a reader transfers per page (gzip).
import { readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { pageAssets } from '../../src/lib/site-check/budgets.ts';
import { corpus, listFiles as files, moduleClosure, root, timedBuild, type Row } from './support.ts';

const build = (name: string, env: Record<string, string>) => timedBuild(name, env);
/** The plain baseline: the same pages without this project's extras (plain.config.mjs). */
// (relative: Astro joins --config onto the project root)
const plainBuild = (name: string, env: Record<string, string>) => timedBuild(name, env, { config: relative(root, join(import.meta.dirname, 'plain.config.mjs')) });

/** Cold builds are timed this many times and the median reported, as the corpus README's peers were (RZ_BENCH_RUNS). */
const RUNS = Number(process.env['RZ_BENCH_RUNS'] ?? 3);

/** The median of RUNS cold builds, alternating site and plain so a slow spell of the machine hits both. */
function medianBuilds(n: number, dir: string): { site: number; plain: number; note: (k: 'site' | 'plain') => string } {
  const times = { site: [] as number[], plain: [] as number[] };
  for (let i = 0; i < RUNS; i++) {
    times.site.push(build(`site-${n}`, { RZ_CONTENT_DIR: dir }).seconds);
    times.plain.push(plainBuild(`plain-${n}`, { RZ_CONTENT_DIR: dir }).seconds);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const range = (xs: number[]) => (xs.length > 1 ? `median of ${xs.length}: ${xs.map((x) => x.toFixed(1)).join(', ')} s` : 'one run');
  return { site: median(times.site), plain: median(times.plain), note: (k) => range(times[k]) };
}

/**
 * Bytes a first visit to one page transfers (gzip): the HTML, its stylesheets and scripts
 * (with the modules they import), and, with `withIslands`, the islands' JavaScript too
 * (a `client:visible` island loads when scrolled into view).
 */
export function pageTransfer(dist: string, pagePath: string, withIslands = false): { total: number; js: number; css: number; html: number } {
  const html = readFileSync(join(dist, pagePath), 'utf8');
  const gz = (f: string) => gzipSync(readFileSync(join(dist, f)), { level: 9 }).length;
  const assets = pageAssets(html);
  const modules = new Set<string>();
  for (const s of assets.scripts) moduleClosure(dist, s, modules);
  if (withIslands) {
    for (const m of html.matchAll(/<astro-island\b[^>]*?\s(?:component-url|renderer-url)="([^"]+)"/g)) moduleClosure(dist, m[1]!, modules);
  }
  const js = [...modules].reduce((n, f) => n + gz(f), 0);
  const css = assets.styles.reduce((n, f) => n + gz(f), 0);
  const h = gzipSync(html, { level: 9 }).length;
  return { total: h + js + css, js, css, html: h };
}

export default async function benchSite(): Promise<Row[]> {
  const rows: Row[] = [];
  const section = 'site';
  const four = build('site-4', {});
  rows.push({ section, name: 'build, 4 posts (cold)', value: four.seconds, unit: 's' });
  const times: Record<number, { site: number; plain: number }> = {};
  for (const n of [100, 1000]) {
    const dir = corpus(n);
    const m = medianBuilds(n, dir);
    times[n] = { site: m.site, plain: m.plain };
    rows.push({ section, name: `build, ${n} posts (cold)`, value: m.site, unit: 's', note: `${((m.site / n) * 1000).toFixed(1)} ms/post; ${m.note('site')}` });
    rows.push({ section, name: `plain Astro build, ${n} posts`, value: m.plain, unit: 's', note: `features cost ×${(m.site / m.plain).toFixed(2)}; ${m.note('plain')}` });
  }
  rows.push({ section, name: 'scaling 1,000 / 100 posts', value: times[1000]!.site / times[100]!.site, unit: '×' });
  const distBytes = files(four.outDir).reduce((n, f) => n + statSync(f).size, 0);
  rows.push({ section, name: 'dist size, 4 posts', value: distBytes / 1024, unit: 'KB' });
  const pages: Array<[string, string]> = [
    ['home', 'index.html'],
    ['post (Linux, maps listing)', 'posts/linux-process-the-beginning/index.html'],
    ['SList post', 'posts/exinterlockedpopentryslist-processing-by-scheduler/index.html'],
  ];
  for (const [name, path] of pages) {
    const t = pageTransfer(four.outDir, path);
    rows.push({ section, name: `transfer, ${name} (gzip)`, value: t.total / 1024, unit: 'KB', note: `HTML ${(t.html / 1024).toFixed(1)} + CSS ${(t.css / 1024).toFixed(1)} + JS ${(t.js / 1024).toFixed(1)} KB` });
    rows.push({ section, name: `JavaScript, ${name} (gzip)`, value: t.js / 1024, unit: 'KB' });
  }
  const hydrated = pageTransfer(four.outDir, pages[2]![1], true);
  rows.push({ section, name: 'transfer, SList post with its island hydrated', value: hydrated.total / 1024, unit: 'KB', note: `JS ${(hydrated.js / 1024).toFixed(1)} KB once the simulator scrolls into view` });
  return rows;
}

if (import.meta.main) {
  const rows = await benchSite();
  for (const r of rows) console.log(`${r.name.padEnd(40)} ${r.value.toFixed(2).padStart(10)} ${r.unit.padEnd(4)} ${r.note ?? ''}`);
}
