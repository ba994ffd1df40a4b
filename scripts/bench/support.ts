// What the benchmark sections share: a timed cold `astro build` into .bench/<name>,
// the reference corpus (../shared/corpus/gen.py), and a recursive file list.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { astroBuild } from '../astro-build.ts';
import { cacheRoot } from '../../src/node/build-cache.ts';

export interface Row { section: string; name: string; value: number; unit: string; note?: string }

export const root = resolve(import.meta.dirname, '../..');
export const benchDir = join(root, '.bench');
const corpusGen = resolve(root, '../shared/corpus/gen.py');

/**
 * A cold build (the checkout's build caches removed first, unless `warm`) with extra env; fails
 * loudly. `peak`: its peak memory too (GNU time), in peakMb.
 */
export function timedBuild(name: string, env: Record<string, string> = {}, opts: { cwd?: string; warm?: boolean; config?: string; peak?: boolean } = {}): { outDir: string; seconds: number; output: string; peakMb: number } {
  const cwd = opts.cwd ?? root;
  const outDir = join(benchDir, name);
  rmSync(outDir, { recursive: true, force: true });
  if (!opts.warm) rmSync(cacheRoot(cwd), { recursive: true, force: true });
  const r = astroBuild({ cwd, outDir, env, peak: opts.peak ?? false, ...(opts.config ? { config: opts.config } : {}) });
  if (!r.ok) throw new Error(`build ${name} failed:\n${r.output}`);
  return { outDir, seconds: r.seconds, output: r.output, peakMb: r.peakMb ?? NaN };
}

/** The reference corpus of n posts (generated once into .bench/corpus-<n>). */
export function corpus(n: number): string {
  const dir = join(benchDir, `corpus-${n}`);
  if (!existsSync(dir)) {
    const r = spawnSync('python3', [corpusGen, '--n', String(n), '--schema', 'hugo', '--out', dir, '--clean'], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`corpus generator failed: ${r.stderr}`);
  }
  return dir;
}

export { filesIn as listFiles } from '../../src/node/files.ts';

/** A built module (site-relative URL) and the modules it imports statically; dynamic imports load on demand and are left out. */
export function moduleClosure(dist: string, url: string, seen = new Set<string>()): Set<string> {
  if (seen.has(url)) return seen;
  seen.add(url);
  const code = readFileSync(join(dist, url), 'utf8');
  for (const m of code.matchAll(/(?:^|[;}\s])(?:import|export)\s*(?:[\w*{}\s,$]+from\s*)?["'](\.\/[^"']+\.js)["']/g)) {
    moduleClosure(dist, new URL(m[1]!, `http://x${url}`).pathname, seen);
  }
  return seen;
}
