// The publish server's folder, defined once: what lives where, how a release is named, and the
// record of a build in progress. The hook (through bin/runtime/layout.sh), the runtime and the
// CLI all read their paths from here. Pure: paths and text, no file system.
import { join } from 'node:path';

export function serverLayout(dir: string) {
  const run = join(dir, 'run');
  const cache = join(dir, 'cache');
  return {
    dir,
    conf: join(dir, 'publish.conf'),
    siteGit: join(dir, 'site.git'),
    hook: join(dir, 'bin/publish-hook'),
    runtime: join(dir, 'bin/runtime'),
    /** one folder per build that passed, named by releaseId */
    releases: join(dir, 'releases'),
    /** symlinks to releases/<id>, each replaced by renaming a fresh one over it */
    live: join(dir, 'live'),
    previous: join(dir, 'previous'),
    /** where a new symlink is made before it is renamed over live or previous */
    liveNext: join(dir, '.live.tmp'),
    previousNext: join(dir, '.previous.tmp'),
    /** what a build leaves while it runs: gone once it ends */
    tmp: join(dir, 'tmp'),
    /**
     * the build's work tree and logs: one path for every build (they hold the build lock in turn),
     * since Astro keeps its pages from build to build by their absolute paths
     */
    work: join(dir, 'tmp', 'build'),
    buildLock: join(run, 'build.lock'),
    switchLock: join(run, 'switch.lock'),
    /** the build in progress (Building, below) */
    building: join(run, 'building'),
    /** one release id a line, each time live switched to it; rollback walks it back */
    history: join(run, 'history'),
    /** "<release> <was>": the release a rollback made live, until the next publish */
    rolledBack: join(run, 'rolled-back'),
    /** run/scheduled/<id>.json: the publish manifest of each kept release */
    scheduled: join(run, 'scheduled'),
    /** run/updated-<sha>: post-receive published that commit (the push's finisher reads it) */
    updatedPrefix: join(run, 'updated-'),
    finishLog: join(run, 'finish.log'),
    /** cache/modules/<cacheKey>/node_modules, shared by every build of one lockfile */
    modules: join(cache, 'modules'),
    npmCache: join(cache, 'npm'),
    /** Node's compile cache for the runtime, the build and the checks */
    nodeCache: join(cache, 'node'),
    /** symlink to cache/build-<id>: the .cache/ of the last build that passed */
    buildCache: join(cache, 'build'),
    buildCacheNext: join(cache, '.build.tmp'),
  };
}
export type ServerLayout = ReturnType<typeof serverLayout>;

/**
 * The layout as bash variables (L_releases="${root}/releases", ...), relative to the hook's $root
 * so that the folder can move: init writes it to bin/runtime/layout.sh, which the hook sources.
 */
export function shellLayout(): string {
  const l = serverLayout('/ROOT');
  return `${Object.entries(l).map(([k, v]) => `L_${k}="${v.replace(/^\/ROOT/, '${root}')}"`).join('\n')}\n`;
}

/** A release is named by its build's UTC start and its commit: ids sort by time. */
export function releaseId(started: Date, sha: string): string {
  return `${started.toISOString().slice(0, 19).replace(/[-:]/g, '')}-${sha.slice(0, 12)}`;
}

/** When a release was built: its id begins with the build's UTC time, YYYYmmddTHHMMSS. */
export function builtAt(id: string): Date {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})/.exec(id);
  if (!m) throw new Error(`not a release id: ${id}`);
  return new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`);
}

/** The newest of `ids` built from commit `sha`. */
export function releaseOf(ids: readonly string[], sha: string): string | undefined {
  return [...ids].filter((id) => id.endsWith(`-${sha.slice(0, 12)}`)).sort().at(-1);
}

/** The release folders' names that are releases (not a temporary name). */
export const isRelease = (name: string): boolean => !name.startsWith('.');

/**
 * run/building, JSON: the hook's pid and the commit, then (once a step runs) that step's process
 * group, so that a push killed outright leaves enough behind to stop its build. hook.sh writes it
 * (its `building`), status and the next push read it.
 */
export interface Building { pid: number; sha: string; group?: number }
export function parseBuilding(text: string): Building | undefined {
  let b: Partial<Building>;
  try { b = JSON.parse(text) as Partial<Building>; } catch { return undefined; } // (half-written, or from an older hook)
  if (!Number.isInteger(b.pid) || typeof b.sha !== 'string') return undefined;
  return { pid: b.pid!, sha: b.sha, ...(Number.isInteger(b.group) ? { group: b.group! } : {}) };
}
