// The post files under the posts folder, with the problems of the files themselves: symlinks
// that dangle, loop or publish another post twice (errors), posts too big to read (warnings).
import { lstatSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import type { Problem } from '../lib/problem.ts';

// What the collection's glob takes (any folder, *.md or *.mdx): case-sensitive, no dotfiles.
export const isPostFile = (name: string): boolean => /\.(md|mdx)$/.test(name) && !name.startsWith('.');
/** A post this big makes a page and feed entries of many megabytes. */
export const bigPostBytes = 1024 * 1024;

export interface PostFiles { files: string[]; problems: Problem[] }

/** Post files under dir (absolute paths, sorted); `shown` renders a path for messages. */
export function listPostFiles(dir: string, shown: (abs: string) => string = (p) => p): PostFiles {
  const files: string[] = [];
  const problems: Problem[] = [];
  const root = resolve(dir);
  let realRoot: string;
  try { realRoot = realpathSync(root); } catch { return { files, problems }; }
  const inside = (real: string) => real === realRoot || real.startsWith(realRoot + sep);
  const error = (abs: string, message: string, fix: string) =>
    problems.push({ file: shown(abs), line: 1, field: 'file', message, fix, severity: 'error' });
  const walked = new Set<string>(); // real folders, so a symlinked folder that leads back up is walked once
  const walk = (abs: string) => {
    const real = realpathSync(abs);
    if (walked.has(real)) return;
    walked.add(real);
    for (const e of readdirSync(abs, { withFileTypes: true })) {
      if (e.name.startsWith('.')) continue; // the glob skips dot folders and files
      const p = join(abs, e.name);
      if (e.isDirectory()) { walk(p); continue; }
      if (!e.isSymbolicLink()) { if (e.isFile() && isPostFile(e.name)) files.push(p); continue; }
      let real: string;
      try { real = realpathSync(p); } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'ELOOP') error(p, 'this symlink loops (it leads back to itself)', 'delete it, or point it at a real file');
        else error(p, 'this symlink points at nothing (its target is gone)', 'delete it, or point it at the post it was meant for');
        continue;
      }
      const isDir = statSync(real).isDirectory();
      if (!isDir && !isPostFile(e.name)) continue;
      if (inside(real)) {
        error(p, `this symlink points at ${relative(realRoot, real) || '.'} in the posts folder, which would publish ${isDir ? 'those posts' : 'that post'} twice`,
          'delete the symlink: each post is one file');
        continue;
      }
      if (isDir) walk(p); else files.push(p);
    }
  };
  walk(root);
  for (const f of files) {
    const size = lstatSync(f).isSymbolicLink() ? statSync(f).size : lstatSync(f).size;
    if (size > bigPostBytes)
      problems.push({ file: shown(f), line: 1, field: 'file', severity: 'warning',
        message: `this post is ${(size / 1024 / 1024).toFixed(1)} MB; its page and its feed entries will be as big`,
        fix: 'split it into parts, or move long listings and data into files you link to' });
  }
  return { files: files.sort(), problems };
}
