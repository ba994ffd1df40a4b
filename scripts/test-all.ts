// npm test: every test: the type check (astro check) beside the unit tests (vitest), then real
// builds and browser end-to-end tests. Ends with one line "N passed, N failed".
// `npm test -- unit` (or types, e2e) runs only those.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const only = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const wanted = (name: string) => !only.length || only.includes(name);
mkdirSync('.test-build', { recursive: true });
// Astro turns Node's compile cache off under CI=true (a CI machine would not start it again), but
// one run of these tests starts Astro some 40 times: kept on, it saves about 1 s of each build.
process.env.NODE_COMPILE_CACHE ??= resolve('.test-build/node-compile-cache');

let passed = 0;
let failed = 0;
let broken = false;

/** astro check, started in the background: one process on one core, while vitest uses the other. */
function startTypes(): () => Promise<void> {
  const log = '.test-build/types.log';
  const fd = openSync(log, 'w');
  const child = spawn('npx', ['astro', 'check'], { stdio: ['ignore', fd, fd], env: { ...process.env, CI: 'true' } });
  closeSync(fd);
  const done = new Promise<number>((ok) => child.on('close', (code) => ok(code ?? 1)));
  return async () => {
    const code = await done;
    console.log(`\n=== types tests (astro check) ===\n${readFileSync(log, 'utf8')}`);
    if (code === 0) passed++; else { failed++; broken = true; }
  };
}

/** A vitest run, its counts read from its JSON report. */
function vitest(name: string, args: string[]): void {
  console.log(`\n=== ${name} tests ===`);
  const report = `.test-build/report-${name}.json`;
  const r = spawnSync('npx', ['vitest', 'run', ...args, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`], { stdio: 'inherit' });
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

const typesDone = wanted('types') ? startTypes() : undefined;
if (wanted('unit')) vitest('unit', []);
await typesDone?.();
if (wanted('e2e')) vitest('e2e', ['--config', 'vitest.e2e.config.ts']);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(broken || failed ? 1 : 0);
