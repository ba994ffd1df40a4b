// Site benchmark: cold build time for the four posts and for the reference corpus
// (100 and 1,000 posts), this site against a plain Astro build of the same corpus
// in the same run (RZ_PLAIN=1: no listings plugins, checks or integrations), dist size,
// and bytes a reader transfers per page (gzip).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { corpus, listFiles as files, timedBuild, type Row } from './support.ts';

const build = (name: string, env: Record<string, string>) => timedBuild(name, env);

/** Bytes a first visit to one page transfers (gzip): the HTML and the CSS/JS/fonts/images it references. */
export function pageTransfer(dist: string, pagePath: string, base = '/'): { total: number; js: number; css: number; html: number } {
  const html = readFileSync(join(dist, pagePath), 'utf8');
  const gz = (b: Buffer | string) => gzipSync(b, { level: 9 }).length;
  let js = 0;
  let css = 0;
  const seen = new Set<string>();
  const refs = [...html.matchAll(/<(?:link|script|img)\b[^>]*?\s(?:href|src)="([^"]+)"[^>]*>/g)];
  for (const m of refs) {
    const tag = m[0];
    const url = m[1]!;
    if (/^(https?:)?\/\//.test(url) || url.startsWith('#')) continue;
    if (tag.startsWith('<link') && !/rel="(stylesheet|modulepreload|preload|icon)"/.test(tag)) continue;
    const file = join(dist, url.startsWith(base) ? url.slice(base.length) : url);
    if (seen.has(file) || !existsSync(file) || statSync(file).isDirectory()) continue;
    seen.add(file);
    const size = gz(readFileSync(file));
    if (file.endsWith('.js')) js += size; else if (file.endsWith('.css')) css += size;
  }
  // Modules imported by those scripts (Astro's bundles import shared chunks).
  for (const f of [...seen].filter((f) => f.endsWith('.js'))) {
    for (const m of readFileSync(f, 'utf8').matchAll(/(?:import|from)\s*["']\.\/([^"']+\.js)["']/g)) {
      const dep = join(f, '..', m[1]!);
      if (!seen.has(dep) && existsSync(dep)) { seen.add(dep); js += gz(readFileSync(dep)); }
    }
  }
  const h = gz(html);
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
    const site = build(`site-${n}`, { RZ_CONTENT_DIR: dir });
    const plain = build(`plain-${n}`, { RZ_CONTENT_DIR: dir, RZ_PLAIN: '1' });
    times[n] = { site: site.seconds, plain: plain.seconds };
    rows.push({ section, name: `build, ${n} posts (cold)`, value: site.seconds, unit: 's', note: `${((site.seconds / n) * 1000).toFixed(1)} ms/post` });
    rows.push({ section, name: `plain Astro build, ${n} posts`, value: plain.seconds, unit: 's', note: `features cost ×${(site.seconds / plain.seconds).toFixed(2)}` });
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
  return rows;
}

if (import.meta.main) {
  const rows = await benchSite();
  for (const r of rows) console.log(`${r.name.padEnd(40)} ${r.value.toFixed(2).padStart(10)} ${r.unit.padEnd(4)} ${r.note ?? ''}`);
}
