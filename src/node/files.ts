// The project's file walker and file hasher: every file under some paths, sorted, and a short
// hash of files' paths and bytes. The build cache keys the code with them; the checks, the
// search index and the security headers walk the built site with them.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

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

/** Every file under dir, as absolute paths, sorted. */
export const filesIn = (dir: string): string[] => filesUnder(dir, ['.']).map((f) => join(dir, f));

/** A short hash of the named files (path and bytes) and the extra strings. */
export function hashFiles(root: string, files: readonly string[], extra: readonly string[] = []): string {
  const h = createHash('sha256');
  for (const f of files) h.update(`${f}\0`).update(readFileSync(join(root, f))).update('\0');
  for (const e of extra) h.update(`${e}\0`);
  return h.digest('hex').slice(0, 16);
}
