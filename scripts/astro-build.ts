// The one way tooling runs `astro build` and `astro dev` (the checks, the benchmarks and the e2e
// tests): in a checkout, into an outDir, with a clean environment plus the RZ_* settings asked for.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const projectRoot = resolve(import.meta.dirname, '..');

/**
 * The environment of a child build or dev server: this process's, less what vitest sets for its
 * own Vite (NODE_ENV=test, BASE_URL, DEV, PROD, MODE, SSR), which would leak into Astro's import.meta.env.
 */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' };
  for (const k of ['NODE_ENV', 'BASE_URL', 'DEV', 'PROD', 'MODE', 'SSR', 'TEST', 'VITEST', 'VITEST_MODE', 'VITEST_POOL_ID', 'VITEST_WORKER_ID']) delete env[k];
  return { ...env, ...extra };
}

export interface AstroBuild { ok: boolean; seconds: number; output: string; /** with `peak`, the build's peak memory (MB) */ peakMb?: number }

export interface AstroBuildOptions {
  cwd?: string; outDir?: string; config?: string; env?: Record<string, string>; timeoutMs?: number;
  /** measure the peak memory (resident set) with GNU time, when /usr/bin/time is there (the benchmark) */
  peak?: boolean;
}

const gnuTime = '/usr/bin/time';
const PEAK = /^rz-peak-kb (\d+)$/m;

function buildCommand(opts: AstroBuildOptions): { cwd: string; args: string[]; env: NodeJS.ProcessEnv } {
  const cwd = opts.cwd ?? projectRoot;
  const args = [...(opts.outDir ? ['--outDir', opts.outDir] : []), ...(opts.config ? ['--config', opts.config] : [])];
  return { cwd, args: [join(cwd, 'node_modules/astro/bin/astro.mjs'), 'build', ...args], env: cleanEnv(opts.env) };
}

/** `astro build` of the checkout at `cwd` (default this one); outDir omitted: its dist/; config: another config file. */
export function astroBuild(opts: AstroBuildOptions = {}): AstroBuild {
  const { cwd, args, env } = buildCommand(opts);
  const t = performance.now();
  const peak = opts.peak && existsSync(gnuTime);
  const [cmd, argv] = peak ? [gnuTime, ['-f', 'rz-peak-kb %M', process.execPath, ...args]] : [process.execPath, args];
  const r = spawnSync(cmd, argv, {
    cwd, encoding: 'utf8', env, maxBuffer: 1 << 28, ...(opts.timeoutMs ? { timeout: opts.timeoutMs } : {}),
  });
  const kb = PEAK.exec(r.stderr ?? '')?.[1];
  return { ok: r.status === 0, seconds: (performance.now() - t) / 1000, output: `${r.stdout}\n${r.stderr}`, ...(kb ? { peakMb: Number(kb) / 1024 } : {}) };
}

/** astroBuild without blocking: for builds that may run side by side (the e2e suite's shared builds). */
export function astroBuildAsync(opts: AstroBuildOptions = {}): Promise<AstroBuild> {
  const { cwd, args, env } = buildCommand(opts);
  const t = performance.now();
  return new Promise((done) => {
    const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], ...(opts.timeoutMs ? { timeout: opts.timeoutMs } : {}) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => done({ ok: code === 0, seconds: (performance.now() - t) / 1000, output: `${stdout}\n${stderr}` }));
  });
}

export interface AstroDev { origin: string; log: () => string; stop: () => void }

/** `astro dev` of the checkout at `cwd` on 127.0.0.1:`port`, in the foreground (ASTRO_DEV_BACKGROUND=0), in a process group of its own. */
export function astroDev(opts: { cwd: string; port: number; env?: Record<string, string>; config?: string }): AstroDev {
  const args = [join(opts.cwd, 'node_modules/astro/bin/astro.mjs'), 'dev', '--port', String(opts.port), '--host', '127.0.0.1', ...(opts.config ? ['--config', opts.config] : [])];
  const child = spawn(process.execPath, args, { cwd: opts.cwd, env: cleanEnv({ ...opts.env, ASTRO_DEV_BACKGROUND: '0' }), stdio: 'pipe', detached: true });
  let log = '';
  child.stdout.on('data', (d) => (log += d));
  child.stderr.on('data', (d) => (log += d));
  return { origin: `http://127.0.0.1:${opts.port}`, log: () => log, stop: () => { try { process.kill(-child.pid!, 'SIGTERM'); } catch { /* gone */ } } };
}
