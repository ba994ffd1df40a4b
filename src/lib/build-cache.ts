// What builds reuse, and when it is stale. Every cache lives in the checkout's own `.cache/`
// (never in node_modules, which checkouts and pushes may share), under a key of everything a
// build's output depends on besides the posts: Astro keys its content store by config values
// and the content config, not by plugin or grammar code, so the key must cover that code.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The checkout's cache folder, relative to its root; the publish hook carries it from push to push. */
export const cacheFolder = '.cache';

/** Files and folders (relative to the project root) whose contents shape the built site, besides the posts. */
export const buildInputs = ['src', 'public', 'astro.config.ts', 'package-lock.json', 'tsconfig.json'];

/** Environment variables that change the output. */
export const buildEnvironment = ['RZ_BASE', 'RZ_SITE_URL', 'RZ_PLAIN', 'RZ_SEARCH_VARIANTS', 'RZ_CONTENT_DIR'];

/**
 * Every file under `paths` (files or folders, relative to root), sorted, as root-relative POSIX
 * paths; `skip` prunes a file or a whole folder by its relative path.
 */
export function filesUnder(root: string, paths: readonly string[], skip: (rel: string) => boolean = () => false): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    const abs = join(root, rel);
    if (!existsSync(abs)) return;
    if (!statSync(abs).isDirectory()) { out.push(rel); return; }
    for (const e of readdirSync(abs, { withFileTypes: true })) {
      const child = rel === '.' ? e.name : `${rel}/${e.name}`;
      if (!skip(child)) walk(child);
    }
  };
  for (const p of paths) walk(p);
  return out.sort();
}

/** A short hash of the named files (path and bytes) and the extra strings. */
export function hashFiles(root: string, files: readonly string[], extra: readonly string[] = []): string {
  const h = createHash('sha256');
  for (const f of files) h.update(`${f}\0`).update(readFileSync(join(root, f))).update('\0');
  for (const e of extra) h.update(`${e}\0`);
  return h.digest('hex').slice(0, 16);
}

/** Tests never shape the output: editing one must not throw a warm cache away. */
const isTest = (rel: string) => /\.test\.ts$/.test(rel);

/** The key of a build's code: the build inputs, the environment, Node and the platform. */
export function codeKey(root: string, env: Record<string, string | undefined> = process.env): string {
  const extra = [process.version, process.platform, process.arch, ...buildEnvironment.map((k) => `${k}=${env[k] ?? ''}`)];
  return hashFiles(root, filesUnder(root, buildInputs, isTest), extra);
}

const alive = (pid: number) => { try { process.kill(pid, 0); return true; } catch (e) { return (e as NodeJS.ErrnoException).code === 'EPERM'; } };

/** Takes `dir` for this process unless a running process holds it (a stale claim is taken over). */
export function claim(dir: string, pid = process.pid): boolean {
  const file = join(dir, '.writer');
  mkdirSync(dir, { recursive: true });
  try {
    writeFileSync(file, String(pid), { flag: 'wx' });
    return true;
  } catch {
    const holder = Number(readFileSync(file, 'utf8'));
    if (holder !== pid && holder > 0 && alive(holder)) return false;
    writeFileSync(file, String(pid));
    return true;
  }
}

/** Gives up a claim this process holds. */
export function release(dir: string, pid = process.pid): void {
  const file = join(dir, '.writer');
  try { if (Number(readFileSync(file, 'utf8')) === pid) rmSync(file); } catch { /* not held */ }
}

/**
 * Astro's cache folder for this code (content store, incremental-build manifest and page copies).
 * With `exclusive` (a build), this process holds it until it exits: a second build in the same
 * checkout waits for the first (Astro also writes the checkout's .astro/ folder, so two at once
 * would break each other). Older keys' folders are removed, the newest `keep` excepted, so
 * switching branches back and forth stays warm.
 */
export function astroCacheDir(root: string, key: string, { exclusive = false, keep = 2, waitMs = 600_000 } = {}): string {
  const parent = join(root, cacheFolder);
  const dir = join(parent, `astro-${key}`);
  if (existsSync(parent)) {
    const others = readdirSync(parent).filter((n) => /^astro-[0-9a-z]+$/.test(n) && n !== `astro-${key}`)
      .map((n) => ({ n, t: statSync(join(parent, n)).mtimeMs })).sort((a, b) => b.t - a.t);
    for (const { n } of others.slice(keep - 1)) rmSync(join(parent, n), { recursive: true, force: true });
  }
  if (exclusive) {
    const started = Date.now();
    const nap = new Int32Array(new SharedArrayBuffer(4));
    while (!claim(dir)) {
      if (Date.now() - started > waitMs) {
        throw new Error(`another build in this checkout still holds ${dir} after ${waitMs / 1000}s (see ${join(dir, '.writer')} for its pid): wait for it, or stop it`);
      }
      if (!nap[0]) { nap[0] = 1; console.error(`waiting for the build already running in this checkout (pid ${readFileSync(join(dir, '.writer'), 'utf8')})...`); }
      Atomics.wait(nap, 0, 1, 200);
    }
    process.on('exit', () => release(dir));
  }
  mkdirSync(dir, { recursive: true });
  utimesSync(dir, new Date(), new Date()); // most recently used
  return dir;
}
