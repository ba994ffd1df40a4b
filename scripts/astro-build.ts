// The one way tooling runs `astro build` (the checks, the benchmarks and the e2e tests): in a
// checkout, into an outDir, with a clean environment plus the RZ_* settings asked for.
import { spawnSync } from 'node:child_process';
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

export interface AstroBuild { ok: boolean; seconds: number; output: string }

/** `astro build` of the checkout at `cwd` (default this one); outDir omitted: its dist/; config: another config file. */
export function astroBuild(opts: { cwd?: string; outDir?: string; config?: string; env?: Record<string, string>; timeoutMs?: number } = {}): AstroBuild {
  const cwd = opts.cwd ?? projectRoot;
  const t = performance.now();
  const args = [...(opts.outDir ? ['--outDir', opts.outDir] : []), ...(opts.config ? ['--config', opts.config] : [])];
  const r = spawnSync(process.execPath, [join(cwd, 'node_modules/astro/bin/astro.mjs'), 'build', ...args], {
    cwd, encoding: 'utf8', env: cleanEnv(opts.env), maxBuffer: 1 << 28, ...(opts.timeoutMs ? { timeout: opts.timeoutMs } : {}),
  });
  return { ok: r.status === 0, seconds: (performance.now() - t) / 1000, output: `${r.stdout}\n${r.stderr}` };
}
