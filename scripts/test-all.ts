// npm test: every test, in order: unit tests (vitest), then real builds and
// browser end-to-end tests. Ends with one line "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const suites = [
  { name: 'types', args: ['astro', 'check'] },
  { name: 'unit', args: ['vitest', 'run'] },
  { name: 'e2e', args: ['vitest', 'run', '--config', 'vitest.e2e.config.ts'] },
];
const only = process.argv.slice(2).filter((a) => !a.startsWith('-'));
mkdirSync('.test-build', { recursive: true });
// Astro turns Node's compile cache off under CI=true (a CI machine would not start it again), but
// one run of these tests starts Astro some 40 times: kept on, it saves about 1 s of each build.
process.env.NODE_COMPILE_CACHE ??= resolve('.test-build/node-compile-cache');

let passed = 0;
let failed = 0;
let broken = false;
for (const suite of suites.filter((s) => !only.length || only.includes(s.name))) {
  console.log(`\n=== ${suite.name} tests ===`);
  const report = `.test-build/report-${suite.name}.json`;
  if (suite.args[0] !== 'vitest') {
    // Not a test runner: one check that passes or fails.
    const r = spawnSync('npx', suite.args, { stdio: 'inherit', env: { ...process.env, CI: 'true' } });
    if (r.status === 0) passed++; else { failed++; broken = true; }
    continue;
  }
  const r = spawnSync('npx', [...suite.args, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`], { stdio: 'inherit' });
  try {
    const json = JSON.parse(readFileSync(report, 'utf8')) as { numPassedTests: number; numFailedTests: number; numTotalTests: number };
    passed += json.numPassedTests;
    failed += json.numFailedTests;
    if (json.numTotalTests === 0) broken = true;
  } catch {
    broken = true; // the runner died before it could report
  }
  if (r.status !== 0) broken = true;
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(broken || failed ? 1 : 0);
