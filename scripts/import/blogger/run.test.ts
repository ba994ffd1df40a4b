// The import as a whole, on real files in a temporary folder and images from 127.0.0.1: both
// schemas, running it again, edits kept, clashes, downloads that fail, and every bad input.
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { imageHost, png, type ImageHost } from '../../harness/image-host.ts';
import { tempDir } from '../../harness/temp.ts';
import { importBlogger, manifestFile } from './run.ts';
import { ImportError } from './problems.ts';
import { formatReport } from './report.ts';

const fixtures = join(import.meta.dirname, '../../../tests/fixtures/blogger');
let host: ImageHost;
let tmp: string;
beforeAll(async () => {
  host = await imageHost({ '/s1600/address-space.png': png(64, 36, [30, 90, 170]), '/s1600/no-alt.png': png(20, 10, [200, 60, 60]) });
  tmp = tempDir('rz-import-');
});
afterAll(async () => { await host.close(); });

let n = 0;
const folder = () => join(tmp, `case-${++n}`);
/** A copy of a fixture with the image host's address filled in. */
function fixture(rel: string): string {
  const to = folder();
  cpSync(join(fixtures, rel), join(to, rel), { recursive: true });
  const fix = (f: string) => writeFileSync(f, readFileSync(f, 'utf8').replaceAll('IMAGE_SERVER', host.origin));
  const walk = (p: string) => { if (statSync(p).isDirectory()) readdirSync(p).forEach((c) => walk(join(p, c))); else if (/\.(xml|atom)$/.test(p)) fix(p); };
  walk(join(to, rel));
  return join(to, rel);
}
const files = (dir: string): Record<string, string> => Object.fromEntries(readdirSync(dir, { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile()).map((e) => { const p = join(e.parentPath, e.name); return [p.slice(dir.length + 1), readFileSync(p).toString('base64')]; }));
const mtimes = (dir: string) => Object.fromEntries(Object.keys(files(dir)).map((f) => [f, statSync(join(dir, f)).mtimeMs]));

/** A backup with the given post entries (legacy schema). */
const backup = (entries: string) => `<?xml version='1.0' encoding='UTF-8'?><feed xmlns='http://www.w3.org/2005/Atom'>${entries}</feed>`;
const post = (id: string, title: string, body: string, o: { path?: string; published?: string; labels?: string[] } = {}) =>
  `<entry><id>tag:blogger.com,1999:blog-1.post-${id}</id><published>${o.published ?? '2017-03-01T10:00:00.000+01:00'}</published><updated>${o.published ?? '2017-03-01T10:00:00.000+01:00'}</updated>` +
  `<category scheme='http://schemas.google.com/g/2005#kind' term='http://schemas.google.com/blogger/2008/kind#post'/>${(o.labels ?? []).map((l) => `<category scheme='http://www.blogger.com/atom/ns#' term='${l}'/>`).join('')}` +
  `<title type='text'>${title}</title><content type='html'>${body.replaceAll('&', '&amp;').replaceAll('<', '&lt;')}</content>` +
  `<link rel='alternate' type='text/html' href='https://old.blogspot.com${o.path ?? `/2017/03/p${id}.html`}'/><author><name>a</name></author></entry>`;
const write = (text: string, name = 'export.xml') => { const d = folder(); mkdirSync(d, { recursive: true }); writeFileSync(join(d, name), text); return join(d, name); };

describe('importing the seed posts', () => {
  it('writes the same posts from a backup and from a Takeout folder, with images and comments in each post\'s folder', async () => {
    const a = folder(); const b = folder();
    const ra = await importBlogger({ input: fixture('blog-12-30-2016.xml'), out: a });
    const rb = await importBlogger({ input: fixture('Takeout'), out: b });
    expect(ra.schema).toBe('legacy');
    expect(rb.schema).toBe('takeout');
    for (const r of [ra, rb]) {
      expect(r.written.map((w) => w.file.split('/').slice(-2)[0]).sort()).toEqual(['exinterlockedpopentryslist-processing-by-scheduler', 'fixture-a-draft', 'fixture-a-screenshot-and-comments', 'linux-process-the-beginning', 'macos-network-filter', 'macos-vfs-file-system-isolation-filter']);
      expect(r.drafts).toBe(1);
      expect(r.images).toEqual({ fetched: 2, reused: 0, failed: 0, skipped: 0 });
      expect(r.comments.archived).toBe(2);
      expect(r.listings.map((l) => l.lang)).toEqual(['procmaps', 'gdb', 'windbg']);
    }
    expect(ra.skipped).toEqual({ pages: ['About'], trashed: [], settings: 1, template: 1, other: 0 });
    expect(rb.skipped).toEqual({ pages: ['About'], trashed: ['Fixture: a trashed post'], settings: 0, template: 0, other: 0 });
    const fa = files(a); const fb = files(b);
    delete fa[manifestFile]; delete fb[manifestFile];
    expect(fb).toEqual(fa);
    expect(Object.keys(fa)).toContain('fixture-a-screenshot-and-comments/address-space.png');
    const md = readFileSync(join(a, 'fixture-a-screenshot-and-comments/index.md'), 'utf8');
    expect(md).toContain('![The address space of grep](./address-space.png)');
    expect(md).toContain('![no-alt](./no-alt.png)'); // no alt text: the file name stands in, and the report says so
    expect(md).toContain('[MacOS network filter](../../posts/macos-network-filter/)'); // a link to the old blog's post, now its new page
    expect(formatReport(ra)).toMatch(/fixture-a-screenshot-and-comments\/index\.md: the image \.\/no-alt\.png had no alt text/);
    const ex = readFileSync(join(a, 'exinterlockedpopentryslist-processing-by-scheduler/index.md'), 'utf8');
    expect(ex.split('\n').slice(0, 7)).toEqual(['---', 'title: "ExInterlockedPopEntrySList processing by scheduler."', 'date: 2016-12-28', 'updated: 2017-01-03',
      'tags: ["windows", "kernel", "lock-free"]', 'aliases: ["/2016/12/exinterlockedpopentryslist-processing.html"]', '---']);
    const comments = JSON.parse(readFileSync(join(a, 'fixture-a-screenshot-and-comments/comments.json'), 'utf8')).comments;
    expect(comments.map((c: { author: string }) => c.author)).toEqual(['Anonymous', 'A reader']); // in the order written
    expect(JSON.stringify(comments)).not.toMatch(/script|onclick|javascript:/);
    expect(rb.tzNote).toContain('America/Los_Angeles');
  });

  it('changes no file when run again, and says so', async () => {
    const out = folder();
    const input = fixture('blog-12-30-2016.xml');
    await importBlogger({ input, out });
    const before = mtimes(out);
    await new Promise((r) => setTimeout(r, 20));
    const again = await importBlogger({ input, out });
    expect(mtimes(out)).toEqual(before);
    expect(again.written).toEqual([]);
    expect(again.unchanged).toHaveLength(6);
    expect(again.images.reused).toBe(2);
    expect(formatReport(again)).toContain('Nothing changed');
  });

  it('keeps a post the author edited since (reported), and --force overwrites it', async () => {
    const out = folder();
    const input = fixture('blog-12-30-2016.xml');
    await importBlogger({ input, out });
    const file = join(out, 'macos-network-filter/index.md');
    writeFileSync(file, `${readFileSync(file, 'utf8')}\nAn edit.\n`);
    const kept = await importBlogger({ input, out });
    expect(readFileSync(file, 'utf8')).toContain('An edit.');
    expect(kept.kept.map((k) => k.title)).toEqual(['MacOS network filter']);
    expect(formatReport(kept)).toMatch(/macos-network-filter\/index\.md: edited since the last import, so kept as it is .*--force overwrites it/);
    const forced = await importBlogger({ input, out, force: true });
    expect(readFileSync(file, 'utf8')).not.toContain('An edit.');
    expect(forced.written.map((w) => w.title)).toEqual(['MacOS network filter']);
  });

  it('reports a clash with a hand-made post of the same title and date instead of writing a duplicate', async () => {
    const out = folder();
    mkdirSync(out, { recursive: true });
    cpSync(join(import.meta.dirname, '../../../content/posts/linux-process-the-beginning.md'), join(out, 'linux-process-the-beginning.md'));
    writeFileSync(join(out, 'old-vfs.md'), '---\ntitle: "Moved"\ndate: 2020-01-01\naliases: [/2016/12/macos-vfs-file-system-isolation-filter.html]\n---\n\nx\n');
    const r = await importBlogger({ input: fixture('blog-12-30-2016.xml'), out, images: false });
    expect(r.clashes.map((c) => [c.title, c.why])).toEqual([
      ['Linux process. The beginning.', 'the same title and date'],
      ['MacOS VFS file system isolation filter.', 'the old URL /2016/12/macos-vfs-file-system-isolation-filter.html'],
    ]);
    expect(existsSync(join(out, 'linux-process-the-beginning/index.md'))).toBe(false);
    expect(readdirSync(out).filter((f) => f.startsWith('linux'))).toEqual(['linux-process-the-beginning.md']);
  });
});

describe('posts the export holds', () => {
  it('gives two posts with one title two slugs, an untitled post the old URL\'s name, and joins label spellings by the site\'s tag rule', async () => {
    const out = folder();
    const input = write(backup(post('1', 'Same title', '<div>one</div>', { published: '2017-01-01T10:00:00.000+01:00', labels: ['Windows'] }) +
      post('2', 'Same title', '<div>two</div>', { published: '2017-02-01T10:00:00.000+01:00', labels: ['windows'] }) +
      post('3', '', '<div>three</div>', { path: '/2017/03/blog-post.html' })));
    const r = await importBlogger({ input, out });
    expect(readdirSync(out).sort()).toEqual([manifestFile, 'blog-post', 'same-title', 'same-title-2']);
    expect(readFileSync(join(out, 'same-title/index.md'), 'utf8')).toContain('one');
    expect(readFileSync(join(out, 'blog-post/index.md'), 'utf8')).toContain('title: "blog post"');
    expect(formatReport(r)).toMatch(/blog-post\/index\.md:2: the post had no title on Blogger/);
  });

  it('fetches images a few at a time, and a download that fails leaves the old URL, named by file and line', async () => {
    const image = png(4, 4, [0, 0, 0]);
    const slow = await imageHost({
      ...Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`/ok/${i}.png`, image])),
      '/big/b.png': Buffer.alloc(4096),
      '/page/c.png': image,
    }, { delayMs: 60, types: { '/page/c.png': 'text/html' } });
    const o = slow.origin;
    try {
      const imgs = Array.from({ length: 6 }, (_, i) => `<img src="${o}/ok/${i}.png" alt="ok ${i}" />`).join('');
      const input = write(backup(post('1', 'Images', `<div>${imgs}<br /><img src="${o}/hang/a.png" alt="hangs" /><br /><img src="${o}/big/b.png" alt="big" /><br /><img src="${o}/page/c.png" alt="a page" /></div>`)));
      const out = folder();
      const r = await importBlogger({ input, out, limits: { concurrency: 2, timeoutMs: 500, maxBytes: 1024 } });
      expect(slow.mostOpen()).toBeLessThanOrEqual(2);
      expect(r.images.fetched).toBe(6);
      expect(r.images.failed).toBe(3);
      const md = readFileSync(join(out, 'images/index.md'), 'utf8');
      expect(md).toContain(`![hangs](${o}/hang/a.png)`);
      const text = formatReport(r);
      const line = md.split('\n').findIndex((l) => l.includes('/hang/a.png')) + 1;
      expect(text).toContain(`images/index.md:${line}: the image ${o}/hang/a.png could not be fetched (no answer within 0.5 s)`);
      expect(text).toContain('could not be fetched (larger than');
      expect(text).toContain('could not be fetched (not an image (text/html))');
    } finally { await slow.close(); }
  });

  it('names the line of each listing, in a list item too', async () => {
    const out = folder();
    const code = '<span style="font-family: courier new">push ebp<br />mov ebp, esp</span>';
    const r = await importBlogger({ input: write(backup(post('1', 'Listings', `<ul><li>In a list:<br />${code}</li></ul><div>Then:</div><pre>kd&gt; k</pre>`))), out });
    const md = readFileSync(join(out, 'listings/index.md'), 'utf8').split('\n');
    expect(r.listings.map((l) => l.lang)).toEqual(['asm', 'windbg']);
    for (const l of r.listings) expect(md[l.line! - 1], l.lang).toMatch(new RegExp(`^\\s*(- )?\\s*\`\`\`${l.lang}$`));
  });

  it('says when Takeout named no time zone (days are UTC) and refuses an unknown one', async () => {
    const dir = folder();
    mkdirSync(join(dir, 'Takeout/Blogger/Blogs/Solo'), { recursive: true });
    writeFileSync(join(dir, 'Takeout/Blogger/Blogs/Solo/feed.atom'), readFileSync(join(fixtures, 'Takeout/Blogger/Blogs/Ring Zero/feed.atom')));
    const r = await importBlogger({ input: dir, out: folder(), images: false });
    expect(r.tzNote).toMatch(/UTC days .*--time-zone/);
    expect(r.written.find((w) => w.file.includes('exinterlocked'))).toBeDefined();
    await expect(importBlogger({ input: dir, out: folder(), timeZone: 'Mars/Olympus' })).rejects.toThrow(/"Mars\/Olympus" is not a time zone/);
  });
});

describe('running it again after things changed', () => {
  it('gives an image it could not fetch alt text from its file name, so the post still builds', async () => {
    const out = folder();
    await importBlogger({ input: write(backup(post('1', 'Shots', '<div><img src="https://1.bp.blogspot.com/-a/s1600/kernel-stack.png" /></div>'))), out, images: false });
    expect(readFileSync(join(out, 'shots/index.md'), 'utf8')).toContain('![kernel-stack](https://1.bp.blogspot.com/-a/s1600/kernel-stack.png)');
  });

  it('keeps a fetched image\'s name when a new image of the same name is added before it', async () => {
    const out = folder();
    const img = (path: string, alt: string) => `<img src="${host.origin}${path}" alt="${alt}" />`;
    await importBlogger({ input: write(backup(post('1', 'Pics', `<div>${img('/s1600/address-space.png', 'first')}</div>`))), out });
    const first = readFileSync(join(out, 'pics/address-space.png'));
    const hostB = await imageHost({ '/other/address-space.png': png(8, 8, [0, 200, 0]), '/s1600/address-space.png': first });
    try {
      await importBlogger({ input: write(backup(post('1', 'Pics', `<div>${img('/other/address-space.png', 'new').replace(host.origin, hostB.origin)}<br />${img('/s1600/address-space.png', 'first')}</div>`))), out });
      const md = readFileSync(join(out, 'pics/index.md'), 'utf8');
      expect(md).toContain('![first](./address-space.png)');
      expect(md).toContain('![new](./address-space-2.png)');
      expect(readFileSync(join(out, 'pics/address-space.png'))).toEqual(first);
      expect(readFileSync(join(out, 'pics/address-space-2.png'))).not.toEqual(first);
    } finally { await hostB.close(); }
  });

  it('does not bring back a post the author deleted, and removes a comments file whose comments are gone', async () => {
    const out = folder();
    const comment = (id: string, parent: string, status = '') => `<entry><id>tag:blogger.com,1999:blog-1.post-${id}</id><published>2017-03-02T10:00:00.000+01:00</published>` +
      `<category scheme='http://schemas.google.com/g/2005#kind' term='http://schemas.google.com/blogger/2008/kind#comment'/><content type='html'>nice${status}</content>` +
      `<author><name>r</name></author><thr:in-reply-to xmlns:thr='http://purl.org/syndication/thread/1.0' ref='tag:blogger.com,1999:blog-1.post-${parent}'/></entry>`;
    await importBlogger({ input: write(backup(post('1', 'Kept', '<div>a</div>') + post('2', 'Deleted', '<div>b</div>') + comment('9', '1'))), out });
    expect(existsSync(join(out, 'kept/comments.json'))).toBe(true);
    rmSync(join(out, 'deleted'), { recursive: true });
    const r = await importBlogger({ input: write(backup(post('1', 'Kept', '<div>a</div>') + post('2', 'Deleted', '<div>b</div>'))), out });
    expect(existsSync(join(out, 'deleted'))).toBe(false);
    expect(formatReport(r)).toMatch(/deleted\/index\.md: gone since the last import \(deleted or moved\), so not written again/);
    expect(existsSync(join(out, 'kept/comments.json'))).toBe(false);
  });

  it('archives only published comments (Takeout keeps ones waiting for moderation and spam)', async () => {
    const dir = folder();
    mkdirSync(join(dir, 'Blogs/B'), { recursive: true });
    const e = (id: string, type: string, status: string, extra = '') => `<entry><id>tag:blogger.com,1999:blog-1.post-${id}</id><blogger:type>${type}</blogger:type><blogger:status>${status}</blogger:status>` +
      `<author><name>n${id}</name></author><title>T${id}</title><content type='html'>c${id}</content><published>2017-01-0${id}T10:00:00Z</published><updated>2017-01-0${id}T10:00:00Z</updated>${extra}<blogger:trashed></blogger:trashed></entry>`;
    writeFileSync(join(dir, 'Blogs/B/feed.atom'), `<feed xmlns='http://www.w3.org/2005/Atom' xmlns:blogger='http://schemas.google.com/blogger/2018'>${e('1', 'POST', 'LIVE', '<blogger:filename>/2017/01/t.html</blogger:filename>')}` +
      `${e('2', 'COMMENT', 'LIVE', '<blogger:parent>tag:blogger.com,1999:blog-1.post-1</blogger:parent>')}${e('3', 'COMMENT', 'PENDING', '<blogger:parent>tag:blogger.com,1999:blog-1.post-1</blogger:parent>')}` +
      `${e('4', 'COMMENT', 'SPAM', '<blogger:parent>tag:blogger.com,1999:blog-1.post-1</blogger:parent>')}</feed>`);
    const out = folder();
    await importBlogger({ input: dir, out });
    expect(JSON.parse(readFileSync(join(out, 't1/comments.json'), 'utf8')).comments.map((c: { author: string }) => c.author)).toEqual(['n2']);
  });
});

describe('stopped half-way', () => {
  it('records what it wrote when killed (Ctrl-C), and the next run finishes without duplicates', async () => {
    const { spawn } = await import('node:child_process');
    const posts = Array.from({ length: 40 }, (_, i) => post(String(i + 1), `Post ${i + 1}`, i === 30 ? `<div><img src="${host.origin}/hang/x.png" alt="x" /></div>` : `<div>Body ${i + 1}</div>`)).join('');
    const input = write(backup(posts));
    const out = folder();
    const cli = join(import.meta.dirname, '../cli.ts');
    const child = spawn(process.execPath, [cli, 'blogger', input, '--out', out], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => { stderr += d; });
    // the download of post 31's image never answers: everything else is written meanwhile
    const deadline = Date.now() + 20_000;
    while ((!existsSync(out) || readdirSync(out).filter((f) => !f.startsWith('.')).length < 39) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    child.kill('SIGINT');
    const code = await new Promise<number | null>((ok) => child.on('close', ok));
    expect(code).toBe(130);
    expect(stderr).toContain('what was written is recorded');
    const record = JSON.parse(readFileSync(join(out, manifestFile), 'utf8')) as { posts: Record<string, unknown> };
    expect(Object.keys(record.posts)).toHaveLength(39);
    const r = await importBlogger({ input, out, images: false });
    expect(r.written.map((w) => w.title)).toEqual(['Post 31']);
    expect(r.unchanged).toHaveLength(39);
    expect(readdirSync(out).filter((f) => !f.startsWith('.')).sort()).toEqual(Array.from({ length: 40 }, (_, i) => `post-${i + 1}`).sort());
  });
});

describe('bad input: a clear error, nothing written', () => {
  it('a record of the last import that is damaged, or would write outside --out, with what to do', async () => {
    const out = folder();
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, manifestFile), JSON.stringify({ version: 1, posts: { 1: { dir: '../escape', files: {}, images: {} } } }));
    const err = await importBlogger({ input: write(backup(post('1', 'x', 'y'))), out }).then(() => undefined, (e: unknown) => e) as ImportError;
    expect(err).toBeInstanceOf(ImportError);
    expect(err.format()).toMatch(/\.blogger-import\.json: the record of the last import is not readable/);
    expect(err.fix).toContain('delete .blogger-import.json');
    expect(existsSync(join(out, '..', 'escape'))).toBe(false);
  });

  it('a post without a readable time names the line', async () => {
    const out = folder();
    const input = write(backup(`\n${post('1', 'x', 'y').replace(/<published>[^<]*<\/published>/, '<published></published>')}`));
    const err = await importBlogger({ input, out }).then(() => undefined, (e: unknown) => e) as ImportError;
    expect(err).toBeInstanceOf(ImportError);
    expect(err.format()).toMatch(/export\.xml:2: the post "x" or one of its comments has no readable time/);
    expect(existsSync(out)).toBe(false);
  });

  const refused = async (input: string, message: RegExp, fix: RegExp, extra: { maxBytes?: number; blog?: string } = {}) => {
    const out = folder();
    const err = await importBlogger({ input, out, ...extra }).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(ImportError);
    const e = err as ImportError;
    expect(e.format()).toMatch(message);
    expect(e.fix).toMatch(fix);
    expect(existsSync(out)).toBe(false);
    return e;
  };
  it('an RSS feed, a WordPress export, an HTML page, a plain Atom feed', async () => {
    await refused(write('<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>'), /export\.xml: this is not a Blogger export: it is an RSS feed/, /Back up content/);
    await refused(write('<?xml version="1.0"?><rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"><channel/></rss>'), /it is a WordPress export/, /Takeout/);
    await refused(write('<!DOCTYPE html><html><head><title>My blog</title></head><body></body></html>', 'blog.html'), /blog\.html:1: this is an HTML page, not a Blogger export/, /Back up content/);
    await refused(write('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><entry><id>1</id><title>t</title></entry></feed>'), /Atom feed without Blogger's post, page and comment markers/, /Back up content/);
  });
  it('XML that is cut off or not well formed, with the line', async () => {
    const whole = readFileSync(join(fixtures, 'blog-12-30-2016.xml'), 'utf8');
    const cut = whole.slice(0, Math.floor(whole.length * 0.6));
    const e = await refused(write(cut), /export\.xml:\d+: the XML is cut off/, /download the export again/);
    expect(e.line).toBe(cut.split('\n').length);
    await refused(write(backup('<entry><id>1</id>\n<title>a</titel></entry>')), /export\.xml:2: the XML is not well formed: unexpected close tag/, /download the export again/);
  });
  it('a Takeout folder with several blogs and no choice, or a choice that is not there', async () => {
    const dir = folder();
    for (const b of ['Ring Zero', 'Travel']) { mkdirSync(join(dir, `Takeout/Blogger/Blogs/${b}`), { recursive: true }); writeFileSync(join(dir, `Takeout/Blogger/Blogs/${b}/feed.atom`), backup('')); }
    await refused(dir, /holds 2 blogs: "Ring Zero", "Travel"/, /--blog "Ring Zero"/);
    await refused(dir, /there is no blog "Cooking" here/, /--blog/, { blog: 'Cooking' });
  });
  it('a path that is not there, a zip, an empty file, an export over the size limit', async () => {
    await refused(join(tmp, 'nowhere.xml'), /nowhere\.xml: there is no such file or folder/, /check the path/);
    await refused(write('PK\u0003\u0004rest', 'takeout.zip'), /takeout\.zip: this is a zip archive/, /unzip it first/);
    await refused(write(''), /this file is empty/, /Back up content/);
    await refused(write(backup(post('1', 'x', 'y'))), /export\.xml: this file is 0 MB, over the 0 MB/, /--max-size/, { maxBytes: 100 });
  });
});
