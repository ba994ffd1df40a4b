// `npm run import -- blogger`: reads the whole export first (a bad one stops here, nothing
// written), then writes each post into its own folder under --out (index.md, its images, its
// comments.json), remembering what it wrote in .blogger-import.json so that running it again
// changes nothing, and never overwrites a post the author has edited since (unless --force).
import { createReadStream, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import type { Image } from 'mdast';
import { slugPattern } from '../../../src/lib/slugs.ts';
import { checkPostSource } from '../../../src/lib/frontmatter-check.ts';
import { listPostFiles } from '../../../src/node/post-files.ts';
import { isoDay } from '../../../src/lib/posts.ts';
import { commentsFile } from '../../../src/lib/comments.ts';
import { atomReader, type Feed } from './atom.ts';
import { isTimeZone } from './dates.ts';
import { classify, postKey } from './entries.ts';
import { bloggerConverter } from './html-to-markdown.ts';
import { defaultLimits, fetchImage, imageFileName, limiter, sha256, type Fetched, type ImageLimits } from './images.ts';
import { findInput } from './input.ts';
import { commentsJson, draftPost, imagesOf, pointOldLinks, postMarkdown, type PostDraft } from './post.ts';
import { ImportError, type Notice } from './problems.ts';
import type { ImportReport } from './report.ts';

export interface ImportOptions {
  input: string;
  out: string;
  force?: boolean;
  blog?: string | undefined;
  timeZone?: string | undefined;
  images?: boolean;
  maxBytes?: number;
  limits?: ImageLimits;
  /** Where paths in the report are relative to. */
  cwd?: string;
}

/** What the import remembers of each post it wrote: its folder and each file's hash. */
interface Manifest { version: 1; posts: Record<string, { dir: string; files: Record<string, string>; images: Record<string, string> }> }
export const manifestFile = '.blogger-import.json';

export async function importBlogger(o: ImportOptions): Promise<ImportReport> {
  const cwd = o.cwd ?? process.cwd();
  // paths in the report: relative to where the command ran when inside it, else absolute
  const shown = (p: string) => { const r = relative(cwd, resolve(p)); return r === '' ? '.' : r.startsWith('..') ? resolve(p) : r; };
  if (o.timeZone !== undefined && !isTimeZone(o.timeZone))
    throw new ImportError('--time-zone', undefined, `"${o.timeZone}" is not a time zone`, 'give an IANA name such as Europe/Berlin or America/Los_Angeles');
  const input = findInput(o.input, { blog: o.blog, maxBytes: o.maxBytes ?? 200 * 1024 * 1024 });
  const out = resolve(o.out);
  if (existsSync(out) && !statSync(out).isDirectory()) throw new ImportError(o.out, undefined, 'the --out path is a file, not a folder', 'give a folder (it is made when missing)');

  const feed = await readFeed(input.file);
  const { posts, comments, skipped } = classify(feed.entries);
  const settingsTz = input.settingsTimeZone && isTimeZone(input.settingsTimeZone) ? input.settingsTimeZone : undefined;
  const tz = o.timeZone ?? (feed.schema === 'takeout' ? settingsTz : undefined);
  const tzNote = o.timeZone ? `days are in ${o.timeZone} (--time-zone)`
    : feed.schema === 'legacy' ? 'days are the blog\'s own (the backup\'s times carry its offset)'
      : tz ? `days are in ${tz}, the blog's time zone from Takeout's settings`
        : 'Takeout\'s times are UTC and it named no time zone: days are UTC days (give --time-zone Europe/Berlin, say, to use the blog\'s)';

  const manifest = readManifest(out);
  const existing = existingPosts(out, manifest);
  const converter = bloggerConverter();
  const notices: Notice[] = [];
  const report: ImportReport = {
    file: shown(input.file), schema: feed.schema, blog: input.blog, out: shown(out), tzNote,
    written: [], unchanged: [], kept: [], removed: [], clashes: [], drafts: 0,
    skipped: { pages: skipped.pages.map((p) => p.title.trim() || p.oldPath || p.id), trashed: skipped.trashed.map((p) => p.title.trim() || p.id), settings: skipped.settings, template: skipped.template, other: skipped.other },
    comments: { archived: 0, orphans: skipped.orphanComments },
    images: { fetched: 0, reused: 0, failed: 0, skipped: 0 },
    listings: [], notices,
  };

  // Folders: a post imported before keeps its own; a new one gets its slug, told apart from every other.
  // All of this is read from the entries alone; bodies are converted later, one post at a time.
  const taken = new Set<string>([...existing.slugs, ...Object.values(manifest.posts).map((p) => p.dir)]);
  // a folder without a post in it (images left by a run that was stopped) is not taken: it is reused
  if (existsSync(out)) for (const e of readdirEntries(out)) if (!e.isDirectory() || existingPostIn(join(out, e.name))) taken.add(e.name.replace(/\.(md|mdx)$/, ''));
  interface Planned { draft: PostDraft; key: string; dir: string; rel: (f: string) => string }
  const planned: Planned[] = [];
  const oldPaths = new Map<string, string>();
  const origins = new Set<string>();
  for (const entry of posts) {
    const key = postKey(entry.id);
    let draft: PostDraft;
    try { draft = draftPost(entry, comments.get(key) ?? [], tz); } catch (err) {
      if (!(err instanceof RangeError)) throw err;
      throw new ImportError(input.file, entry.line, `the post "${entry.title.trim()}" or one of its comments has no readable time (${err.message})`, 'the export is damaged here: export the blog again; if it persists, fix the <published> element on that line by hand');
    }
    if (entry.oldOrigin) origins.add(entry.oldOrigin);
    const clash = existing.posts.find((e) => (e.title === draft.title && e.date === draft.date) || draft.aliases.some((a) => e.aliases.includes(a)));
    if (clash && !manifest.posts[key]) {
      report.clashes.push({ title: draft.title, file: shown(clash.file), why: clash.title === draft.title && clash.date === draft.date ? 'the same title and date' : `the old URL ${draft.aliases[0]}` });
      if (entry.oldPath) oldPaths.set(entry.oldPath, clash.slug);
      continue;
    }
    let dir = manifest.posts[key]?.dir;
    if (!dir) {
      dir = draft.slugBase;
      for (let n = 2; taken.has(dir); n++) dir = `${draft.slugBase}-${n}`;
      taken.add(dir);
    }
    if (entry.oldPath) oldPaths.set(entry.oldPath, dir);
    const folder = dir;
    planned.push({ draft, key, dir, rel: (f: string) => shown(join(out, folder, f)) });
  }

  // A post edited since the last import is kept as it is (unless --force).
  const toWrite = planned.filter((p) => {
    const before = manifest.posts[p.key];
    if (!before || o.force) return true;
    const edited = Object.entries(before.files).filter(([f, hash]) => { const abs = join(out, p.dir, f); return existsSync(abs) && sha256(readFileSync(abs)) !== hash; });
    if (!existsSync(join(out, p.dir, 'index.md'))) { report.removed.push({ file: p.rel('index.md'), title: p.draft.title }); return false; }
    if (!edited.length) return true;
    report.kept.push({ file: p.rel(edited[0]![0]), title: p.draft.title });
    return false;
  });

  // Each post: converted, its images fetched (a few at a time across all posts), written, and let go,
  // so memory holds one post's tree per worker, not the archive's. Results are kept in post order.
  const limits = o.limits ?? defaultLimits;
  const download = limiter(limits.concurrency);
  type Done = { p: Planned; changed: boolean; notes: Notice[]; found: ImportReport['listings']; counts: ImportReport['images']; record: Manifest['posts'][string] };
  const done: Done[] = [];
  const saveRecord = () => {
    const next: Manifest = { version: 1, posts: { ...manifest.posts } };
    for (const r of done) next.posts[r.p.key] = r.record;
    if (done.some((r) => r.changed) || (!existsSync(join(out, manifestFile)) && done.length)) {
      mkdirSync(out, { recursive: true });
      writeFileSync(join(out, `${manifestFile}.tmp`), `${JSON.stringify(next, null, 2)}\n`);
      renameSync(join(out, `${manifestFile}.tmp`), join(out, manifestFile));
    }
  };
  let results: Done[];
  // what was written is recorded even when the run stops half-way: a full disk, Ctrl-C
  const interrupted = () => { saveRecord(); console.error(`import: stopped; what was written is recorded in ${manifestFile}: run the same command again to finish`); process.exit(130); };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  const post = limiter(limits.concurrency);
  try { results = await Promise.all(toWrite.map((p) => post(async (): Promise<Done> => {
    const d = p.draft;
    const notes: Notice[] = [];
    const { tree, listings, dropped } = converter.toMdast(d.entry.html);
    pointOldLinks(tree, oldPaths, origins);
    const before = manifest.posts[p.key];
    const byUrl = new Map<string, Image[]>();
    for (const n of imagesOf(tree)) byUrl.set(n.url, [...(byUrl.get(n.url) ?? []), n]);
    const got = await Promise.all([...byUrl.keys()].map((url): Promise<Fetched | { reused: string } | { skipped: true }> => {
      const known = before?.images[url];
      if (known && existsSync(join(out, p.dir, known))) return Promise.resolve({ reused: known });
      if (!/^(https?:|data:image\/)/i.test(url)) return Promise.resolve({ ok: false, reason: 'not a web address' });
      if (o.images === false && !url.startsWith('data:')) return Promise.resolve({ skipped: true });
      return url.startsWith('data:') ? Promise.resolve(fromDataUrl(url)) : download(() => fetchImage(url, limits));
    }));
    // names in the order the images appear, whatever order the downloads ended in
    const files = new Map<string, string | Buffer>();
    const names = new Set(['index.md', commentsFile]);
    const images: Record<string, string> = {};
    const counts = { fetched: 0, reused: 0, failed: 0, skipped: 0 };
    const failed: Array<{ url: string; reason: string }> = [];
    for (const g of got) if ('reused' in g) names.add(g.reused.toLowerCase()); // kept files keep their names
    [...byUrl].forEach(([url, nodes], i) => {
      const g = got[i]!;
      let name: string | undefined;
      if ('reused' in g) { name = g.reused; files.set(name, readFileSync(join(out, p.dir, name))); counts.reused++; }
      else if ('skipped' in g) counts.skipped++;
      else if (!g.ok) { failed.push({ url, reason: g.reason }); counts.failed++; }
      else { name = imageFileName(url.startsWith('data:') ? '' : url, g.ext, names, `image-${i + 1}`); files.set(name, g.bytes); counts.fetched++; }
      if (!name) {
        // not fetched: the build still wants alt text (body-check), so the file name in the URL stands in
        const stand = decodeURIComponent(url.startsWith('data:') ? '' : (url.split(/[?#]/)[0]!.split('/').pop() ?? '')).replace(/\.[a-z0-9]+$/i, '').slice(0, 60) || 'image';
        for (const n of nodes) if (!n.alt) { n.alt = stand; notes.push({ file: p.rel('index.md'), message: `the image ${url} had no alt text; "${stand}" stands in: describe what it shows` }); }
        return;
      }
      names.add(name.toLowerCase());
      images[url] = name;
      for (const n of nodes) {
        n.url = `./${name}`;
        if (!n.alt) { n.alt = name.replace(/\.[a-z0-9]+$/i, ''); notes.push({ file: p.rel('index.md'), message: `the image ./${name} had no alt text; its file name stands in: describe what it shows` }); }
      }
    });

    const md = postMarkdown(d, converter.toMarkdown(tree));
    const lineOf = (needle: string) => { const i = md.indexOf(needle); return i < 0 ? undefined : md.slice(0, i).split('\n').length; };
    const json = commentsJson(d);
    if (json) files.set(commentsFile, json);
    files.set('index.md', md); // written last: a folder holds a post only once everything else is there
    for (const f of failed) notes.push({ file: p.rel('index.md'), line: lineOf(f.url), message: `the image ${f.url} could not be fetched (${f.reason}); the post still shows it from there` });
    if (counts.skipped) notes.push({ file: p.rel('index.md'), message: 'its images were not fetched (--no-images): it still shows them from the old blog' });
    // each listing's line, as the file was written (in a list or a quote, or holding ``` itself)
    const starts = listings.length ? codeLines(md) : [];
    const found = listings.map((l, i) => ({ file: p.rel('index.md'), line: starts[i], lang: l.lang, why: l.why, lines: l.lines }));
    if (d.untitled) notes.push({ file: p.rel('index.md'), line: 2, message: `the post had no title on Blogger; it is "${d.title}" now: give it a real one` });
    for (const b of d.badAliases) notes.push({ file: p.rel('index.md'), message: `its old URL cannot be redirected from: ${b}` });
    for (const x of dropped) notes.push({ file: p.rel('index.md'), message: `an embed Markdown cannot hold was left out: ${x}; add it back by hand if it matters` });

    const hashes: Record<string, string> = {};
    let changed = false;
    for (const [name, data] of files) {
      const abs = join(out, p.dir, name);
      const hash = sha256(data);
      hashes[name] = hash;
      if (existsSync(abs) && sha256(readFileSync(abs)) === hash) continue;
      mkdirSync(dirname(abs), { recursive: true });
      writeFileSync(`${abs}.tmp`, data);
      renameSync(`${abs}.tmp`, abs);
      changed = true;
    }
    for (const [name, hash] of Object.entries(before?.files ?? {})) {
      const abs = join(out, p.dir, name);
      if (!files.has(name) && existsSync(abs) && sha256(readFileSync(abs)) === hash) { rmSync(abs); changed = true; }
    }
    const r = { p, changed, notes, found, counts, record: { dir: p.dir, files: hashes, images } };
    done.push(r);
    return r;
  }))); } catch (err) {
    saveRecord();
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM' || code === 'ENOTDIR' || code === 'EROFS')
      throw new ImportError(o.out, undefined, `the posts cannot be written there (${code}: ${(err as Error).message})`, 'choose a folder you can write to with --out, or fix its permissions');
    if (code === 'ENOSPC') throw new ImportError(o.out, undefined, 'the disk is full', `free some space and run the import again: what was written is recorded in ${manifestFile}, and the rest follows`);
    throw err;
  } finally {
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
  }
  saveRecord();

  for (const r of results) {
    const d = r.p.draft;
    if (r.changed) report.written.push({ file: r.p.rel('index.md'), title: d.title, isNew: !manifest.posts[r.p.key] });
    else report.unchanged.push({ file: r.p.rel('index.md'), title: d.title });
    if (d.entry.draft) report.drafts++;
    report.comments.archived += d.comments.length;
    report.listings.push(...r.found);
    notices.push(...r.notes);
    for (const k of ['fetched', 'reused', 'failed', 'skipped'] as const) report.images[k] += r.counts[k];
  }
  return report;
}


/**
 * The first line of each fenced code block of the Markdown the import wrote, in order: a scan of
 * its fences (in a list item or a quote too; a longer fence holds a shorter one), not a second
 * parse, which would double the import's time.
 */
function codeLines(md: string): number[] {
  const lines: number[] = [];
  let open: string | undefined;
  md.split('\n').forEach((line, i) => {
    const m = /^(?:\s*(?:[-*+]|\d+[.)]|>)(?=\s))*\s*(`{3,}|~{3,})(.*)$/.exec(line);
    if (!m) return;
    if (open === undefined) { open = m[1]; lines.push(i + 1); }
    else if (m[1]![0] === open[0] && m[1]!.length >= open.length && !m[2]!.trim()) open = undefined;
  });
  return lines;
}

const existingPostIn = (dir: string) => readdirEntries(dir).some((e) => e.isFile() && /\.(md|mdx)$/.test(e.name));

function readdirEntries(dir: string) {
  try { return readdirSync(dir, { withFileTypes: true }); } catch { return []; }
}

function fromDataUrl(url: string): { ok: true; bytes: Buffer; ext: string } | { ok: false; reason: string } {
  const m = /^data:image\/(png|jpeg|gif|webp|svg\+xml);base64,(.*)$/is.exec(url);
  if (!m) return { ok: false, reason: 'an embedded image this import cannot read' };
  const ext = { png: '.png', jpeg: '.jpg', gif: '.gif', webp: '.webp', 'svg+xml': '.svg' }[m[1]!.toLowerCase()]!;
  return { ok: true, bytes: Buffer.from(m[2]!, 'base64'), ext };
}

async function readFeed(file: string): Promise<Feed> {
  const reader = atomReader(file);
  const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 });
  try {
    for await (const chunk of stream) reader.write(chunk as string);
  } catch (err) {
    if (err instanceof ImportError) { stream.destroy(); throw err; }
    throw new ImportError(file, undefined, `it could not be read to the end (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`, 'check the disk and the file, then run the import again');
  }
  return reader.end();
}

const isPlainName = (name: string) => /^[A-Za-z0-9_][A-Za-z0-9._-]*$/.test(name); // what imageFileName makes

function readManifest(out: string): Manifest {
  const file = join(out, manifestFile);
  if (!existsSync(file)) return { version: 1, posts: {} };
  try {
    const m = JSON.parse(readFileSync(file, 'utf8')) as Manifest;
    // each folder a plain slug: a record edited by hand cannot send a write outside --out
    if (m.version === 1 && m.posts && typeof m.posts === 'object' && Object.values(m.posts).every((p) => slugPattern.test(p?.dir ?? '') && Object.keys(p.files ?? {}).every(isPlainName))) return m;
  } catch { /* reported below */ }
  throw new ImportError(file, undefined, 'the record of the last import is not readable', `delete ${manifestFile} to import as if for the first time (posts edited since will then be reported as clashes, not overwritten)`);
}

/** Posts already in the folder that the import did not write: their slugs, titles, days and old URLs. */
function existingPosts(out: string, manifest: Manifest) {
  const ours = new Set(Object.values(manifest.posts).map((p) => p.dir));
  const posts: Array<{ file: string; slug: string; title: string; date: string; aliases: string[] }> = [];
  if (!existsSync(out)) return { posts, slugs: [] as string[] };
  for (const file of listPostFiles(out).files) {
    const rel = relative(out, file);
    if (ours.has(rel.split(/[\\/]/)[0]!)) continue;
    // read as the build reads it (frontmatter-check.ts): a post with mistakes still has a slug
    const facts = checkPostSource({ path: rel, source: readFileSync(file, 'utf8') });
    posts.push({ file, slug: facts.slug, title: facts.title?.trim() ?? '', date: facts.date ? isoDay(facts.date) : '', aliases: (facts.aliases ?? []).map((a) => a.path) });
  }
  return { posts, slugs: posts.map((p) => p.slug) };
}
