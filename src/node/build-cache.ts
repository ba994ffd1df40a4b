// What builds reuse, and when it is stale. Every cache lives in the checkout's own `.cache/`
// (never in node_modules, which checkouts and pushes may share), under a key of everything a
// build's output depends on besides the posts: Astro keys its content store by config values
// and the content config, not by plugin or grammar code, so the key must cover that code.
import { existsSync, linkSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { filesUnder, hashFiles } from './files.ts';
import { readSettings } from './settings.ts';

/** The checkout's cache folder, relative to its root; the publish hook carries it from push to push. */
export const cacheFolder = '.cache';

/** The cache folder of the checkout at `root` (RZ_CACHE_DIR moves it: the tests keep theirs apart). */
export function cacheRoot(root: string, env: Record<string, string | undefined> = process.env): string {
  return resolve(root, readSettings(env).cacheDir ?? cacheFolder);
}

/** Files and folders (relative to the project root) whose contents shape the built site, besides the posts. */
export const buildInputs = ['src', 'public', 'astro.config.mjs', 'package-lock.json', 'tsconfig.json'];

/** Environment variables that change the output. */
export const buildEnvironment = ['RZ_BASE', 'RZ_SITE_URL', 'RZ_CONTENT_DIR', 'RZ_CARDS'];

/**
 * Not in the key. Tests never shape the output. Stylesheets shape no post's Markdown and no card,
 * and Astro's incremental build renders again the pages whose styles changed: a warm build after a
 * change of style equals a cold one (tests/e2e/build-cache.test.ts), and posts are not rendered again.
 */
const notInKey = (rel: string) => /\.test\.ts$|\.css$/.test(rel);

/** The key of a build's code: the build inputs, the environment, Node and the platform. */
export function codeKey(root: string, env: Record<string, string | undefined> = process.env): string {
  const extra = [process.version, process.platform, process.arch, ...buildEnvironment.map((k) => `${k}=${env[k] ?? ''}`)];
  return hashFiles(root, filesUnder(root, buildInputs, notInKey), extra);
}

const alive = (pid: number) => { try { process.kill(pid, 0); return true; } catch (e) { return (e as NodeJS.ErrnoException).code === 'EPERM'; } };
const holderOf = (file: string) => { try { return Number(readFileSync(file, 'utf8')); } catch { return 0; } };
const held = (dir: string) => { const pid = holderOf(join(dir, '.writer')); return pid > 0 && pid !== process.pid && alive(pid); };

/** Takes `dir` for this process unless a running process holds it (a dead holder's claim is taken over). */
export function claim(dir: string, pid = process.pid): boolean {
  const file = join(dir, '.writer');
  const mine = `${file}.${pid}`;
  mkdirSync(dir, { recursive: true });
  writeFileSync(mine, String(pid));
  try {
    linkSync(mine, file); // appears whole, and only if no claim is there
    return true;
  } catch {
    const holder = holderOf(file);
    if (holder === pid) return true;
    if (holder > 0 && alive(holder)) return false;
    renameSync(mine, file); // a dead holder's: take it over, then make sure no other taker won
    return holderOf(file) === pid;
  } finally {
    rmSync(mine, { force: true });
  }
}

/** Gives up a claim this process holds. */
export function release(dir: string, pid = process.pid): void {
  const file = join(dir, '.writer');
  if (holderOf(file) === pid) rmSync(file, { force: true });
}

/**
 * Astro's cache folder for this code (content store, incremental-build manifest and page copies).
 * A build (`command` build, check or sync) holds it until it exits: a second build in the same
 * checkout waits for the first (Astro also writes the checkout's .astro/ folder, so two at once
 * would break each other). Astro writes its page copies as it renders and their manifest at the
 * end: a build that did not finish leaves `.incomplete`, and the next one drops those copies (the
 * content store, written by rename and checked entry by entry, stays). Older keys' folders not
 * in use are removed, the newest `keep` excepted, so switching branches back and forth stays warm.
 */
export function astroCacheDir(root: string, key: string, { command = '', keep = 3, waitMs = 600_000 } = {}): string {
  const parent = cacheRoot(root);
  const dir = join(parent, `astro-${key}`);
  if (existsSync(parent)) {
    const others = readdirSync(parent).filter((n) => /^astro-[0-9a-z]+$/.test(n) && n !== `astro-${key}` && !held(join(parent, n)))
      .map((n) => ({ n, t: statSync(join(parent, n)).mtimeMs })).sort((a, b) => b.t - a.t);
    for (const { n } of others.slice(keep - 1)) rmSync(join(parent, n), { recursive: true, force: true });
  }
  if (['build', 'check', 'sync'].includes(command)) {
    const started = Date.now();
    const nap = new Int32Array(new SharedArrayBuffer(4));
    while (!claim(dir)) {
      if (Date.now() - started > waitMs) {
        throw new Error(`another build in this checkout still holds ${dir} after ${waitMs / 1000}s (see ${join(dir, '.writer')} for its pid): wait for it, or stop it`);
      }
      if (!nap[0]) { nap[0] = 1; console.error(`waiting for the build already running in this checkout (pid ${holderOf(join(dir, '.writer'))})...`); }
      Atomics.wait(nap, 0, 1, 200);
    }
    process.on('exit', () => release(dir));
    if (command === 'build') {
      if (existsSync(join(dir, '.incomplete'))) {
        for (const f of ['incremental-build.json', 'dist']) rmSync(join(dir, f), { recursive: true, force: true });
      }
      writeFileSync(join(dir, '.incomplete'), '');
    }
  }
  mkdirSync(dir, { recursive: true });
  utimesSync(dir, new Date(), new Date()); // most recently used
  return dir;
}

/** Marks the build that holds `dir` as finished: its page copies match the manifest Astro wrote. */
export function buildFinished(dir: string): void {
  rmSync(join(dir, '.incomplete'), { force: true });
}
