// Real `astro build`s for the end-to-end tests (scripts/astro-build.ts), each into .test-build/<name>,
// with the tests' own cache folder: the default site, a base path, other folders of posts.
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { astroBuild, astroBuildAsync, type AstroBuildOptions, cleanEnv, projectRoot } from '../../../scripts/astro-build.ts';
import { tempDir } from '../../../scripts/harness/temp.ts';

export { cleanEnv };

export const root = projectRoot;
export const buildRoot = join(root, '.test-build');

export interface BuildResult { ok: boolean; outDir: string; output: string }

type BuildSiteOptions = { base?: string; contentDir?: string; env?: Record<string, string> };

function buildOptions(name: string, opts: BuildSiteOptions): AstroBuildOptions & { outDir: string } {
  const outDir = join(buildRoot, name);
  rmSync(outDir, { recursive: true, force: true });
  return {
    outDir,
    env: {
      // the test builds' caches stay apart from the checkout's own (each variant is a key of its own)
      RZ_CACHE_DIR: join(buildRoot, 'cache'),
      ...(opts.base ? { RZ_BASE: opts.base } : {}),
      ...(opts.contentDir ? { RZ_CONTENT_DIR: opts.contentDir } : {}),
      ...opts.env,
    },
    timeoutMs: 180_000,
  };
}

export function buildSite(name: string, opts: BuildSiteOptions = {}): BuildResult {
  const o = buildOptions(name, opts);
  const r = astroBuild(o);
  return { ok: r.ok, outDir: o.outDir, output: r.output };
}

/** buildSite without blocking, so that two builds can share the machine's two cores. */
export async function buildSiteAsync(name: string, opts: BuildSiteOptions = {}): Promise<BuildResult> {
  const o = buildOptions(name, opts);
  const r = await astroBuildAsync(o);
  return { ok: r.ok, outDir: o.outDir, output: r.output };
}

/** The fixture posts of tests/fixtures/posts (a long listing, images...), beside the real posts. */
export const fixturePosts = join(root, 'tests/fixtures/posts');

/** A temporary copy of content/posts, plus extra files, for builds that need other posts. */
export function contentWith(extra: Record<string, string | Buffer>, keepSeeds = true): string {
  const dir = tempDir('rz-content-');
  if (keepSeeds) cpSync(join(root, 'content/posts'), dir, { recursive: true });
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(extra)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}
