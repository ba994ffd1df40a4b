// An author's ordinary mistakes with tags, titles, dates and files, each in a real build: the
// build either publishes what the author meant or stops with the file, the line, the field and
// the fix, and publishes nothing.
import { existsSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { staticSiteChecks } from '../../scripts/site-checks.ts';
import { buildSiteAsync, contentWith, type BuildResult } from './support/build.ts';
import { crawl } from './support/crawl.ts';
import { serve } from './support/server.ts';
import { filesIn } from '../../src/node/files.ts';
import { tempDir } from '../../scripts/harness/temp.ts';

const post = (title: string, date: string, extra = '', body = 'Body.') => `---\ntitle: "${title}"\ndate: ${date}\n${extra}---\n\n${body}\n`;
const plain = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '');
const allFiles = filesIn;

/** A build that must fail before publishing anything, with these lines in its output. */
function expectRejected(build: BuildResult, ...lines: RegExp[]): void {
  expect(build.ok, build.output).toBe(false);
  expect(existsSync(join(build.outDir, 'index.html'))).toBe(false);
  const out = plain(build.output);
  for (const l of lines) expect(out).toMatch(l);
  expect(out).not.toMatch(/PrerenderRouteConflict|ENOENT|ELOOP|    at /);
}

const longTitle = 'KiCheckForSListAddress and the x64 fixup range: why a preempted pop restarts before it can corrupt';
const future = post('From the future', '2099-01-01', 'tags: [future-only]\n', 'Not yet: zzq-future-marker.');

/**
 * One build for the mistakes a build survives (each test reads its own posts in it): tag spellings,
 * a long title, a scheduled post, a post linked from outside, a 1.5 MB post, a 6,000-line listing.
 */
let shared: Promise<{ build: BuildResult; dir: string }> | undefined;
function sharedBuild(): Promise<{ build: BuildResult; dir: string }> {
  // (a failed build is forgotten: a test run again after a failure builds again)
  return (shared ??= makeSharedBuild().catch((e: unknown) => { shared = undefined; throw e; }));
}
async function makeSharedBuild(): Promise<{ build: BuildResult; dir: string }> {
  const para = 'The dispatcher lock is held while the ready queue is scanned. ';
  const listing = Array.from({ length: 6000 }, (_, i) => `line ${i}`).join('\n');
  const dir = contentWith({
    'tag-a.md': post('Tag spellings A', '2017-01-02', 'tags: [Linux, "kernel dev", 日本語, C++]\n'),
    'tag-b.md': post('Tag spellings B', '2017-01-03', 'tags: [linux, kernel-dev, C#]\n'),
    'tag-c.md': post('Tag spellings C', '2017-01-04', 'tags: [kernel-dev, C]\n'),
    'long-title.md': post(longTitle, '2017-01-05', 'tags: [windows]\n'),
    'from-the-future.md': future,
    'big-post.md': post('Big post', '2017-01-06', '', Array.from({ length: 1800 }, (_, i) => `${para.repeat(10)}(${i})`).join('\n\n')),
    'long-listing.md': post('Long listing', '2017-01-07', '', `Intro.\n\n\`\`\`text\n${listing}\n\`\`\``),
  });
  const outside = tempDir('rz-outside-');
  writeFileSync(join(outside, 'shared.md'), post('Shared from elsewhere', '2017-01-08'));
  symlinkSync(join(outside, 'shared.md'), join(dir, 'shared.md'));
  const build = await buildSiteAsync('author-ok', { contentDir: dir });
  expect(build.ok, build.output).toBe(true);
  return { build, dir };
}

describe.concurrent('tags', () => {
  it('spellings of one tag share one page, shown the way most posts write it; C++, C# and 日本語 get pages of their own', async () => {
    const { build } = await sharedBuild();
    const tagsDir = join(build.outDir, 'tags');
    expect(readdirSync(tagsDir).sort()).toEqual(['c', 'cpp', 'csharp', 'filesystems', 'index.html', 'kernel', 'kernel-dev', 'linux', 'lock-free', 'macos', 'memory', 'networking', 'windows', '日本語']);
    const linux = readFileSync(join(tagsDir, 'linux/index.html'), 'utf8');
    expect(linux).toContain('<code>linux</code>');
    for (const t of ['Tag spellings A', 'Tag spellings B', 'Linux process. The beginning.']) expect(linux).toContain(t);
    const kernelDev = readFileSync(join(tagsDir, 'kernel-dev/index.html'), 'utf8');
    expect(kernelDev).toContain('<code>kernel-dev</code>');
    for (const t of ['Tag spellings A', 'Tag spellings B', 'Tag spellings C']) expect(kernelDev).toContain(t);
    const a = readFileSync(join(build.outDir, 'posts/tag-a/index.html'), 'utf8');
    expect(a).toContain('>linux</a>');
    expect(a).toContain('>kernel-dev</a>');
    expect(a).not.toContain('>Linux</a>');
    // every tag link resolves, the percent-encoded 日本語 one included
    const server = await serve(build.outDir);
    try {
      const result = await crawl(server.url);
      expect(result.broken).toEqual([]);
      expect(result.pages).toContain(`${server.url}tags/%E6%97%A5%E6%9C%AC%E8%AA%9E/`);
    } finally {
      await server.close();
    }
  });

  it('two different tags that would share a URL stop the build with both files, the lines and the fix', async () => {
    const build = await buildSiteAsync('author-tag-clash', { contentDir: contentWith({
      'sharp-a.md': post('Sharp A', '2017-01-02', 'tags: [csharp]\n'),
      'sharp-b.md': post('Sharp B', '2017-01-03', 'tags:\n  - windows\n  - C#\n'),
    }) });
    expectRejected(build,
      /sharp-b\.md:6: error in tags: the tag "C#" and the tag "csharp" \(\S*sharp-a\.md:4\) would share the URL \/tags\/csharp\//,
      /fix: if they are one tag, write it the same way in both posts/);
  });

  it('a tag without a letter or digit stops the build', async () => {
    expectRejected(await buildSiteAsync('author-tag-empty', { contentDir: contentWith({ 'odd-tag.md': post('Odd tag', '2017-01-02', 'tags: ["???"]\n') }) }),
      /odd-tag\.md:4: error in tags: the tag "\?\?\?" has no letter or digit to make its URL from/, /fix: write the tag as a word/);
  });
});

describe.concurrent('frontmatter lines', () => {
  it('two posts with one slug: the error names the slug: line', async () => {
    expectRejected(await buildSiteAsync('author-slug', { contentDir: contentWith({
      'one.md': post('One', '2017-01-02', 'tags: [a]\nslug: same\n'),
      'two.md': post('Two', '2017-01-03', 'tags: [b]\nslug: same\n'),
    }) }), /two\.md:5: error in slug: two posts have the slug "same"/);
  });

  it('a tab in the frontmatter: the fix says to indent with spaces', async () => {
    expectRejected(await buildSiteAsync('author-tab', { contentDir: contentWith({ 'tabbed.md': '---\ntitle: "Tabbed"\ndate: 2017-01-02\ntags:\n\t- linux\n---\n\nBody.\n' }) }),
      /tabbed\.md:5: error in frontmatter: YAML syntax error/, /fix: indent with spaces, not tabs/);
  });
});

describe.concurrent('titles', () => {
  const title = longTitle;
  it(`a ${title.length}-character title builds and passes the checks: <title> cut at a word, the whole title in <h1> and og:title`, async () => {
    const { build, dir } = await sharedBuild();
    const html = readFileSync(join(build.outDir, 'posts/long-title/index.html'), 'utf8');
    const shown = /<title>([^<]*)<\/title>/.exec(html)![1]!;
    expect(shown.length).toBeLessThanOrEqual(70);
    expect(shown).toBe('KiCheckForSListAddress and the x64 fixup range: why a… · Ring Zero');
    expect(html).toContain(`<h1 data-pagefind-meta="title">${title}</h1>`);
    expect(html).toContain(`<meta property="og:title" content="${title}"`);
    const checks = await staticSiteChecks(build.outDir, dir);
    expect(checks.html).toEqual([]);
    expect(checks.links).toEqual([]);
    expect(checks.budgets).toEqual([]);
  });

  it('a check failure on a post names the post file and the line, beside the built page', async () => {
    const dir = contentWith({ 'broken-link.md': post('Broken link', '2017-01-02', '', 'Intro.\n\nSee [the old post](/posts/no-such-post/) for more.') });
    const build = await buildSiteAsync('author-broken-link', { contentDir: dir });
    expect(build.ok, build.output).toBe(true);
    const checks = await staticSiteChecks(build.outDir, dir);
    expect(checks.links).toHaveLength(1);
    expect(checks.links[0]).toMatch(/broken-link\.md:8: broken link \/posts\/no-such-post\/ \(.*; built page \/posts\/broken-link\/\)$/);
  });
});

describe.concurrent('scheduled posts', () => {
  it('a post dated after today is in no built file, and the build says when it appears', async () => {
    const { build } = await sharedBuild();
    expect(plain(build.output)).toMatch(/1 scheduled post, published by the first build on or after its day \(UTC\):\n\s*scheduled: \S*from-the-future\.md on 2099-01-01/);
    const files = allFiles(build.outDir);
    expect(files.some((f) => /from-the-future|future-only/.test(f))).toBe(false);
    for (const f of files.filter((f) => /\.(html|xml|json|txt)$/.test(f))) {
      const text = readFileSync(f, 'utf8');
      expect(text.includes('zzq-future-marker') || text.includes('From the future'), f).toBe(false);
    }
  });

  it('on its day it is published: pages, feeds, sitemap, search (RZ_NOW sets the day)', async () => {
    const build = await buildSiteAsync('author-scheduled-due', { contentDir: contentWith({ 'from-the-future.md': future }), env: { RZ_NOW: '2099-01-01' } });
    expect(build.ok, build.output).toBe(true);
    expect(plain(build.output)).not.toMatch(/scheduled:/);
    expect(readFileSync(join(build.outDir, 'posts/from-the-future/index.html'), 'utf8')).toContain('zzq-future-marker');
    expect(readFileSync(join(build.outDir, 'index.html'), 'utf8')).toContain('From the future');
    expect(readFileSync(join(build.outDir, 'rss.xml'), 'utf8')).toContain('From the future');
    expect(readFileSync(join(build.outDir, 'feed.json'), 'utf8')).toContain('zzq-future-marker');
    expect(readFileSync(join(build.outDir, 'sitemap-0.xml'), 'utf8')).toContain('/posts/from-the-future/');
    expect(existsSync(join(build.outDir, 'tags/future-only/index.html'))).toBe(true);
    expect(plain(build.output)).toMatch(/search index: 5 posts/);
  });
});

describe.concurrent('files', () => {
  it('a dangling, a looping symlink and one to another post stop the build, each named', async () => {
    const dir = contentWith({});
    symlinkSync(join(dir, 'deleted-post.md'), join(dir, 'dangling.md'));
    symlinkSync(join(dir, 'loop-b.md'), join(dir, 'loop-a.md'));
    symlinkSync(join(dir, 'loop-a.md'), join(dir, 'loop-b.md'));
    symlinkSync('linux-process-the-beginning.md', join(dir, 'same-post.md'));
    expectRejected(await buildSiteAsync('author-symlinks', { contentDir: dir }),
      /4 problems in posts/,
      /dangling\.md:1: error in file: this symlink points at nothing \(its target is gone\)\.\n\s+fix: delete it, or point it at the post it was meant for/,
      /loop-a\.md:1: error in file: this symlink loops/,
      /loop-b\.md:1: error in file: this symlink loops/,
      /same-post\.md:1: error in file: this symlink points at linux-process-the-beginning\.md in the posts folder, which would publish that post twice/);
  });

  it('a post linked from outside the posts folder is published once', async () => {
    const { build } = await sharedBuild();
    expect(readFileSync(join(build.outDir, 'posts/shared/index.html'), 'utf8')).toContain('Shared from elsewhere');
  });

  it('a listing over 5,000 lines builds with a warning naming the file, the line and its length', async () => {
    const { build } = await sharedBuild();
    expect(plain(build.output)).toMatch(/long-listing\.md:8: warning in body: the listing on line 8 is 6,000 lines long; its page will be megabytes\.\n\s+fix: keep the lines that matter/);
  });

  it('a post over 1 MB builds with a warning naming the file and its size', async () => {
    const { build } = await sharedBuild();
    expect(plain(build.output)).toMatch(/big-post\.md:1: warning in file: this post is 1\.\d MB; its page and its feed entries will be as big/);
  });
});
