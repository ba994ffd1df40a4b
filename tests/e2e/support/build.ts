// Real `astro build`s and dev servers for the end-to-end tests (scripts/astro-build.ts), each into
// .test-build/<name>, with the tests' own cache folder: the default site, a base path, other
// folders of posts. Each runs in a copy of the checkout of its own (checkoutCopy), so that test
// files can run side by side.
import { cpSync, mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { astroBuild, astroBuildAsync, astroDev, type AstroBuildOptions, type AstroDev, cleanEnv, projectRoot } from '../../../scripts/astro-build.ts';
import { tempDir } from '../../../scripts/harness/temp.ts';
import { freePort } from '../../../scripts/harness/server.ts';

export { cleanEnv };

export const root = projectRoot;
export const buildRoot = join(root, '.test-build');

export interface BuildResult { ok: boolean; outDir: string; output: string }

type BuildSiteOptions = { base?: string; contentDir?: string; env?: Record<string, string> };

/** What a checkout copy leaves out: packages (linked instead), git, caches, builds and tests. */
const notCopied = new Set(['node_modules', '.git', '.astro', '.cache', '.test-build', '.bench', '.tools', 'dist', 'tests']);

/**
 * A copy of the checkout for one build or dev server, .test-build/roots/<name>: Astro keeps files
 * of its content layer in <root>/.astro/, so two builds of one root at once would read each
 * other's. The copy links node_modules, as a publish server's work tree does.
 */
export function checkoutCopy(name: string): string {
  const dir = join(buildRoot, 'roots', name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const entry of readdirSync(root)) if (!notCopied.has(entry)) cpSync(join(root, entry), join(dir, entry), { recursive: true });
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

const siteEnv = (opts: BuildSiteOptions): Record<string, string> => ({
  // the test builds' caches stay apart from the checkout's own (each variant is a key of its own)
  RZ_CACHE_DIR: join(buildRoot, 'cache'),
  ...(opts.base ? { RZ_BASE: opts.base } : {}),
  ...(opts.contentDir ? { RZ_CONTENT_DIR: opts.contentDir } : {}),
  ...opts.env,
});

function buildOptions(name: string, opts: BuildSiteOptions): AstroBuildOptions & { outDir: string } {
  const outDir = join(buildRoot, name);
  rmSync(outDir, { recursive: true, force: true });
  return { cwd: checkoutCopy(name), outDir, env: siteEnv(opts), timeoutMs: 180_000 };
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

export type DevServer = AstroDev;

/** `astro dev` in a checkout copy of its own, in the foreground, on a free port. */
export async function startDevServer(name: string, opts: BuildSiteOptions = {}): Promise<DevServer> {
  return astroDev({ cwd: checkoutCopy(name), port: await freePort(), env: siteEnv(opts) });
}
