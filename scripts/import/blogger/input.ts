// Finds the export a path names (a backup .xml, a feed.atom, or a Takeout folder holding one
// blog's feed.atom) and refuses what is not one, before anything is read or written.
import { closeSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ImportError } from './problems.ts';

export interface Input { file: string; blog: string | undefined; settingsTimeZone: string | undefined }

const exportHelp = 'export the blog in Blogger (Settings > Manage blog > Back up content) or with Google Takeout (Blogger), then pass the .xml file, the feed.atom file or the Takeout folder';

function statOf(path: string) {
  try { return statSync(path); } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new ImportError(path, undefined, 'there is no such file or folder', `check the path; ${exportHelp}`);
    throw new ImportError(path, undefined, `it cannot be read (${code})`, 'check its permissions (ls -l), or copy it somewhere you can read');
  }
}

/** The feed.atom files of a Takeout folder, by blog name (the folder they are in). */
function takeoutFeeds(dir: string): Map<string, string> {
  const found = new Map<string, string>();
  const look = (d: string, depth: number) => {
    let names: string[];
    try { names = readdirSync(d); } catch { return; }
    if (names.includes('feed.atom')) { found.set(basename(d), join(d, 'feed.atom')); return; }
    if (depth === 0) return;
    for (const n of names) if (!n.startsWith('.')) { try { if (statSync(join(d, n)).isDirectory()) look(join(d, n), depth - 1); } catch { /* unreadable: skipped */ } }
  };
  look(dir, 4); // Takeout/Blogger/Blogs/<blog>/feed.atom
  return found;
}

/** The blog's time zone from a settings file Takeout may put beside feed.atom (a `time zone,Europe/Berlin` row). */
function settingsTimeZone(feed: string): string | undefined {
  for (const name of ['settings.csv', 'Settings.csv']) {
    let text: string;
    try { text = readFileSync(join(dirname(feed), name), 'utf8'); } catch { continue; }
    for (const row of text.split(/\r?\n/)) {
      const [key, value] = row.split(',').map((c) => c.trim().replace(/^"|"$/g, ''));
      if (key && value && /time.?zone/i.test(key) && /^[A-Za-z_]+\/[A-Za-z_/+-]+$|^UTC$/.test(value)) return value;
    }
  }
  return undefined;
}

export function findInput(path: string, opts: { blog?: string | undefined; maxBytes: number }): Input {
  const st = statOf(path);
  let file = path;
  let blog: string | undefined;
  if (st.isDirectory()) {
    const feeds = takeoutFeeds(path);
    if (!feeds.size) throw new ImportError(path, undefined, 'this folder holds no Blogger feed.atom', `pass the Takeout folder (it holds Takeout/Blogger/Blogs/<blog>/feed.atom), or the file itself; ${exportHelp}`);
    const names = [...feeds.keys()].sort();
    if (opts.blog !== undefined) {
      const chosen = feeds.get(opts.blog);
      if (!chosen) throw new ImportError(path, undefined, `there is no blog "${opts.blog}" here; the blogs are: ${names.map((n) => `"${n}"`).join(', ')}`, `choose one with --blog "${names[0]}"`);
      file = chosen; blog = opts.blog;
    } else if (feeds.size > 1) {
      throw new ImportError(path, undefined, `this Takeout folder holds ${feeds.size} blogs: ${names.map((n) => `"${n}"`).join(', ')}`, `choose the one to import with --blog "${names[0]}" (then run again for another, with its own --out)`);
    } else { [[blog, file]] = [...feeds.entries()] as [[string, string]]; }
  }
  const fst = file === path ? st : statOf(file);
  if (!fst.isFile()) throw new ImportError(file, undefined, 'this is not a file', exportHelp);
  if (fst.size > opts.maxBytes)
    throw new ImportError(file, undefined, `this file is ${(fst.size / 1024 / 1024).toFixed(0)} MB, over the ${(opts.maxBytes / 1024 / 1024).toFixed(0)} MB a Blogger export of posts should be`,
      'check that it is the export (a Takeout archive\'s media are not needed: images are fetched from the posts); if the blog really is this big, raise the limit with --max-size 500');
  sniff(file);
  return { file, blog, settingsTimeZone: settingsTimeZone(file) };
}

/** Refuses, from the first bytes, what is plainly not XML: a zip, an HTML page, an empty file. */
function sniff(file: string): void {
  let head: string;
  try {
    const fd = openSync(file, 'r');
    const buf = Buffer.alloc(512);
    const n = readSync(fd, buf, 0, 512, 0);
    closeSync(fd);
    if (buf[0] === 0x50 && buf[1] === 0x4b) throw new ImportError(file, undefined, 'this is a zip archive', 'unzip it first and pass the folder it makes (Takeout) or the .xml inside it');
    head = buf.subarray(0, n).toString('utf8').replace(/^\uFEFF/, '').trimStart();
  } catch (err) {
    if (err instanceof ImportError) throw err;
    throw new ImportError(file, undefined, `it cannot be read (${(err as NodeJS.ErrnoException).code})`, 'check its permissions (ls -l)');
  }
  if (!head) throw new ImportError(file, undefined, 'this file is empty', exportHelp);
  if (/^<!doctype html|^<html[\s>]/i.test(head)) throw new ImportError(file, 1, 'this is an HTML page, not a Blogger export', `a saved blog page holds no posts to import; ${exportHelp}`);
  if (!head.startsWith('<')) throw new ImportError(file, 1, 'this is not XML, so not a Blogger export', exportHelp);
}
