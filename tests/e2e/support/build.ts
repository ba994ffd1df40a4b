// Real `astro build`s for the end-to-end tests: the default site, a base path,
// a content folder with drafts or broken frontmatter. Sequential: builds share .astro/.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';

export const root = resolve(import.meta.dirname, '../../..');
export const buildRoot = join(root, '.test-build');

/**
 * The environment of a child build or dev server: this process's, less what vitest
 * sets for its own Vite (NODE_ENV=test, BASE_URL, DEV, PROD, MODE, SSR), which would
 * leak into Astro's import.meta.env.
 */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' };
  for (const k of ['NODE_ENV', 'BASE_URL', 'DEV', 'PROD', 'MODE', 'SSR', 'TEST', 'VITEST', 'VITEST_MODE', 'VITEST_POOL_ID', 'VITEST_WORKER_ID']) delete env[k];
  return { ...env, ...extra };
}

export interface BuildResult { ok: boolean; outDir: string; output: string }

export function buildSite(name: string, opts: { base?: string; contentDir?: string; env?: Record<string, string> } = {}): BuildResult {
  const outDir = join(buildRoot, name);
  rmSync(outDir, { recursive: true, force: true });
  const r = spawnSync(process.execPath, [join(root, 'node_modules/astro/bin/astro.mjs'), 'build', '--outDir', outDir], {
    cwd: root,
    encoding: 'utf8',
    env: cleanEnv({
      // the test builds' caches stay apart from the checkout's own (each variant is a key of its own)
      RZ_CACHE_DIR: join(buildRoot, 'cache'),
      ...(opts.base ? { RZ_BASE: opts.base } : {}),
      ...(opts.contentDir ? { RZ_CONTENT_DIR: opts.contentDir } : {}),
      ...opts.env,
    }),
    timeout: 180_000,
  });
  return { ok: r.status === 0, outDir, output: `${r.stdout}\n${r.stderr}` };
}

/** A temporary copy of content/posts, plus extra files, for builds that need other posts. */
export function contentWith(extra: Record<string, string>, keepSeeds = true): string {
  const dir = mkdtempSync(join(tmpdir(), 'rz-content-'));
  if (keepSeeds) cpSync(join(root, 'content/posts'), dir, { recursive: true });
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(extra)) writeFileSync(join(dir, name), text);
  return dir;
}
