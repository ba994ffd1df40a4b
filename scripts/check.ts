// npm run check [-- --dist DIR] [--no-astro-check]: the site's static gates.
//   1. astro check: zero type errors in .astro and .ts files
//   2. a production build (unless --dist names one)
//   3. html-validate on every built page
//   4. every internal link and #anchor resolves
//   5. no third-party loads, no style attributes, CSS <= 20 KB gzipped per page
// The browser gates (axe, CSP violations) run in the e2e suite: npm test.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { FileSystemConfigLoader, HtmlValidate } from 'html-validate';
import { findBrokenLinks } from '../src/lib/site-check/links.ts';
import { pageAssets } from '../src/lib/site-check/budgets.ts';

const args = process.argv.slice(2);
const distArg = args.indexOf('--dist');
const root = resolve(import.meta.dirname, '..');
const astro = join(root, 'node_modules/astro/bin/astro.mjs');
let failed = 0;
const step = (name: string, problems: string[]) => {
  console.log(`${problems.length ? '✗' : '✓'} ${name}${problems.length ? `: ${problems.length} problem(s)` : ''}`);
  for (const p of problems.slice(0, 50)) console.log(`    ${p}`);
  if (problems.length) failed++;
};

if (!args.includes('--no-astro-check')) {
  const r = spawnSync(process.execPath, [astro, 'check'], { cwd: root, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  const out = `${r.stdout}${r.stderr}`;
  step('astro check', r.status === 0 ? [] : out.split('\n').filter((l) => /error|warning/i.test(l)).slice(0, 50));
}

let dist = join(root, 'dist');
if (distArg >= 0) dist = resolve(args[distArg + 1] ?? 'dist');
else {
  const r = spawnSync(process.execPath, [astro, 'build'], { cwd: root, encoding: 'utf8' });
  step('astro build', r.status === 0 ? [] : [`${r.stdout}${r.stderr}`.trim().split('\n').slice(-20).join('\n    ')]);
  if (r.status !== 0) process.exit(1);
}

const files = (d: string): string[] => readdirSync(d).flatMap((n) => (statSync(join(d, n)).isDirectory() ? files(join(d, n)) : [join(d, n)]));
const all = files(dist);
const html = all.filter((f) => f.endsWith('.html'));
const urlOf = (f: string) => `/${relative(dist, f)}`.replace(/index\.html$/, '');

const hv = new HtmlValidate(new FileSystemConfigLoader());
const invalid: string[] = [];
for (const f of html) {
  const report = await hv.validateFile(f);
  for (const r of report.results) for (const m of r.messages) invalid.push(`${urlOf(f)}:${m.line}:${m.column} ${m.ruleId}: ${m.message}`);
}
step(`html-validate (${html.length} pages)`, invalid);

const pages = html.map((f) => ({ url: urlOf(f), html: readFileSync(f, 'utf8') }));
step('internal links and anchors', findBrokenLinks(pages, new Set(all.map((f) => `/${relative(dist, f)}`))).map((p) => `${p.page}: ${p.link} (${p.reason})`));

const budget: string[] = [];
for (const p of pages) {
  const a = pageAssets(p.html);
  for (const e of a.external) budget.push(`${p.url}: loads ${e} from another origin`);
  if (a.styleAttributes) budget.push(`${p.url}: ${a.styleAttributes} style attribute(s) (a strict CSP blocks them)`);
  const css = a.styles.reduce((n, s) => n + gzipSync(readFileSync(join(dist, s.replace(/^\/+/, '')))).length, 0);
  if (css > 20 * 1024) budget.push(`${p.url}: ${(css / 1024).toFixed(1)} KB of CSS gzipped (budget 20 KB)`);
}
step('budgets and third-party requests', budget);

console.log(failed ? `\n${failed} check(s) failed` : '\nall checks passed');
process.exit(failed ? 1 : 0);
