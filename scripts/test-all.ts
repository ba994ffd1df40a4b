// npm test: every test: the end-to-end suite (real builds, Chromium, nginx, git pushes) with the
// type check (astro check) and the unit tests running beside it, their output shown after it.
// Side by side, because each leaves much of the 2-core machine idle at times (the e2e suite
// alone keeps 1.2 cores busy on average). Ends with one line "N passed, N failed".
// `npm test -- unit` (or types, e2e) runs only those.
import { spawn } from 'node:child_process';
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

/**
 * A suite in a child process: its output on this terminal (`shown`), or in .test-build/<name>.log,
 * printed when it is awaited. Resolves with its exit status.
 */
function start(name: string, args: string[], shown: boolean, env: NodeJS.ProcessEnv = process.env): () => Promise<number> {
  const log = `.test-build/${name}.log`;
  const fd = shown ? undefined : openSync(log, 'w');
  const child = spawn('npx', args, { stdio: shown ? 'inherit' : ['ignore', fd!, fd!], env });
  if (fd !== undefined) closeSync(fd);
  const done = new Promise<number>((ok) => child.on('close', (code) => ok(code ?? 1)));
  return async () => {
    const code = await done;
    if (!shown) console.log(`\n=== ${name} tests (ran beside the others) ===\n${readFileSync(log, 'utf8')}`);
    return code;
  };
}

/** A vitest suite; its counts are read from its JSON report. */
function vitest(name: string, args: string[], shown: boolean): () => Promise<void> {
  const report = `.test-build/report-${name}.json`;
  if (shown) console.log(`\n=== ${name} tests ===`);
  const finish = start(name, ['vitest', 'run', ...args, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`], shown);
  return async () => {
    const code = await finish();
    try {
      const json = JSON.parse(readFileSync(report, 'utf8')) as { numPassedTests: number; numFailedTests: number; numTotalTests: number };
      passed += json.numPassedTests;
      failed += json.numFailedTests;
      if (json.numTotalTests === 0) broken = true;
    } catch {
      broken = true; // the runner died before it could report
    }
    if (code !== 0) broken = true;
  };
}

const types = wanted('types') ? start('types', ['astro', 'check'], false, { ...process.env, CI: 'true' }) : undefined;
const unit = wanted('unit') ? vitest('unit', [], !wanted('e2e')) : undefined;
const e2e = wanted('e2e') ? vitest('e2e', ['--config', 'vitest.e2e.config.ts'], true) : undefined;
await e2e?.();
await unit?.();
if (types) {
  // one check that passes or fails
  if ((await types()) === 0) passed++; else { failed++; broken = true; }
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(broken || failed ? 1 : 0);
