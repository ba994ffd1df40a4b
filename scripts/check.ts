// npm run check [-- --dist DIR] [--no-astro-check]: the site's static gates.
//   1. astro check: zero type errors in .astro and .ts files (skipped when the code passed it
//      before: its result is kept in .cache/ under a hash of every file but the posts)
//   2. a production build (unless --dist names one)
//   3. html-validate on every built page
//   4. every internal link and #anchor resolves
//   5. no third-party loads, no style attributes, CSS <= 20 KB gzipped per page, and posts
//      without an island load no framework code and at most 4 KB of JS (scripts/site-checks.ts)
// The browser gates (axe, CSP violations) run in the e2e suite: npm test. Each gate's headline
// (✓ or ✗, its name) is also written to the file RZ_CHECK_SUMMARY names, which the publish hook shows.
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { cacheRoot } from '../src/node/build-cache.ts';
import { filesUnder, hashFiles } from '../src/node/files.ts';
import { astroBuild } from './astro-build.ts';
import { staticSiteChecks } from './site-checks.ts';

const args = process.argv.slice(2);
const distArg = args.indexOf('--dist');
const root = resolve(import.meta.dirname, '..');
const astro = join(root, 'node_modules/astro/bin/astro.mjs');
const summary = process.env['RZ_CHECK_SUMMARY'];
if (summary) writeFileSync(summary, '');
let failed = 0;
const step = (name: string, problems: string[]) => {
  const headline = `${problems.length ? '✗' : '✓'} ${name}${problems.length ? `: ${problems.length} problem(s)` : ''}`;
  console.log(headline);
  if (summary) appendFileSync(summary, `${headline}\n`);
  for (const p of problems.slice(0, 50)) console.log(`    ${p}`);
  if (problems.length) failed++;
};

/** Everything `astro check` reads: the project less the posts, caches, builds and packages. */
function codeFiles(): string[] {
  const skip = /^(?:content|node_modules|\.git|\.cache|\.tools|\.astro|\.bench|\.test-build|dist|coverage|test-results|\.scratch)(?:\/|$)/;
  return filesUnder(root, ['.'], (rel) => skip.test(rel) || rel.endsWith('.md'));
}

if (!args.includes('--no-astro-check')) {
  const passed = join(cacheRoot(root), 'checks', `astro-check-${hashFiles(root, codeFiles(), [process.version])}`);
  if (existsSync(passed)) step('astro check (this code passed it before; only posts changed)', []);
  else {
    const r = spawnSync(process.execPath, [astro, 'check'], { cwd: root, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
    const out = `${r.stdout}${r.stderr}`;
    step('astro check', r.status === 0 ? [] : out.split('\n').filter((l) => /error|warning/i.test(l)).slice(0, 50));
    if (r.status === 0) { mkdirSync(join(passed, '..'), { recursive: true }); writeFileSync(passed, 'passed\n'); }
  }
}

let dist = join(root, 'dist');
if (distArg >= 0) dist = resolve(args[distArg + 1] ?? 'dist');
else {
  const r = astroBuild({ cwd: root });
  step('astro build', r.ok ? [] : [r.output.trim().split('\n').slice(-20).join('\n    ')]);
  if (!r.ok) process.exit(1);
}

const r = await staticSiteChecks(dist);
step(`html-validate (${r.pages} pages, ${r.validated} changed since the last check)`, r.html);
step('internal links and anchors', r.links);
step('budgets and third-party requests', r.budgets);

console.log(failed ? `\n${failed} check(s) failed` : '\nall checks passed');
process.exit(failed ? 1 : 0);
