// Builds the site in other ways a user would: under a base path, with drafts,
// with broken frontmatter; and runs the dev server.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { baseSite } from './support/base-site.ts';
import { buildSiteAsync, contentWith, startDevServer, type BuildResult } from './support/build.ts';
import { crawl } from './support/crawl.ts';
import { serve } from './support/server.ts';
import { filesIn } from '../../src/node/files.ts';

const { siteUrl } = baseSite;
const allFiles = filesIn;

describe('a build for a sub-path (RZ_BASE=/blog/)', () => {
  it('keeps every internal URL under /blog/ and every link, asset and anchor resolves', async () => {
    const build = { outDir: inject('baseDir') }; // (the global setup's build under /blog/: support/base-site.ts)
    const server = await serve(build.outDir, '/blog/');
    try {
      const result = await crawl(server.url, { extraStarts: [`${server.url}rss.xml`, `${server.url}feed.json`, `${server.url}sitemap-index.xml`, `${server.url}robots.txt`] });
      expect(result.broken).toEqual([]);
      // home, 4 posts, tags index + 8 tags, archive, at least
      expect(result.pages.length).toBeGreaterThanOrEqual(15);
      expect([...result.fetched.keys()].every((u) => u.startsWith(server.url))).toBe(true);
      // feeds and the sitemap name public URLs: all of them under the base
      const publicUrls = [...result.external].filter((u) => u.startsWith(siteUrl));
      expect(publicUrls.length).toBeGreaterThan(10);
      for (const u of publicUrls) expect(u, u).toMatch(/^https:\/\/ringzero\.example\/blog\//);
      // and each of those exists in the build
      for (const u of publicUrls) {
        const res = await fetch(u.replace(siteUrl, server.origin));
        expect(res.status, u).toBe(200);
      }
      // no HTML file refers to a root-relative URL outside the base
      for (const f of allFiles(build.outDir).filter((f) => f.endsWith('.html'))) {
        const bad = [...readFileSync(f, 'utf8').matchAll(/\s(?:href|src)="(\/[^"]*)"/g)].map((m) => m[1]!).filter((u) => !u.startsWith('/blog/'));
        expect(bad, f).toEqual([]);
      }
    } finally {
      await server.close();
    }
  });
});

describe('the build log', () => {
  it('warns of nothing an author did not do (the four posts, one in MDX, a draft and a post of the base build\'s own)', () => {
    const log = inject('baseOutput').replace(/\x1b\[[0-9;]*m/g, '');
    expect(log).toContain('[build] Complete!');
    expect(log.split('\n').filter((l) => /\[WARN\]|warning/i.test(l))).toEqual([]);
  });
});

describe.concurrent('drafts', () => {
  const draft = '---\ntitle: "Secret draft about IRQL"\ndate: 2017-01-02\ntags: [unreleased-tag]\ndraft: true\n---\n\nNot ready: zzqx-draft-marker.\n';

  it('are absent from every built file: pages, feeds, sitemap, tags (and the home page paginates the rest)', async () => {
    const extra = Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`extra-${i}.md`, `---\ntitle: "Extra ${i}"\ndate: 2015-01-0${i + 1}\n---\n\nFiller ${i}.\n`]));
    const build = await buildSiteAsync('drafts', { contentDir: contentWith({ 'secret-draft.md': draft, ...extra }) });
    expect(build.ok, build.output).toBe(true);
    const files = allFiles(build.outDir);
    expect(files.some((f) => f.includes('secret-draft') || f.includes('unreleased-tag'))).toBe(false);
    for (const f of files.filter((f) => /\.(html|xml|json|txt)$/.test(f))) {
      const text = readFileSync(f, 'utf8');
      expect(text.includes('zzqx-draft-marker') || text.includes('Secret draft'), f).toBe(false);
    }
    expect(readFileSync(join(build.outDir, 'feed.json'), 'utf8')).toContain('Linux process. The beginning.');
    // 11 published posts, 10 a page: the oldest is alone on page 2, linked from page 1
    const home = readFileSync(join(build.outDir, 'index.html'), 'utf8');
    expect(home).toContain('href="/page/2/"');
    expect(home).not.toContain('Extra 0');
    const page2 = readFileSync(join(build.outDir, 'page/2/index.html'), 'utf8');
    expect([...page2.matchAll(/<h2><a href="[^"]+">([^<]+)<\/a><\/h2>/g)].map((m) => m[1])).toEqual(['Extra 0']);
    expect(page2).toContain('href="/" rel="prev"');
  });

  it('show in the dev server', async () => {
    const contentDir = contentWith({ 'secret-draft.md': draft });
    const dev = await startDevServer('drafts-dev', { contentDir });
    try {
      let home = '';
      for (let i = 0; i < 120 && !home.includes('Secret draft'); i++) {
        await new Promise((r) => setTimeout(r, 500));
        try { home = await (await fetch(`${dev.origin}/`)).text(); } catch { /* not up yet */ }
      }
      expect(home, dev.log()).toContain('Secret draft about IRQL');
      const post = await (await fetch(`${dev.origin}/posts/secret-draft/`)).text();
      expect(post).toContain('zzqx-draft-marker');
      expect(post).toContain('draft-badge');
    } finally {
      dev.stop();
    }
  });
});

describe.concurrent('invalid frontmatter fails the build with the file, the field and the fix', () => {
  const cases: Array<[string, Record<string, string>, RegExp[]]> = [
    ['no title', { 'no-title.md': '---\ndate: 2017-01-01\n---\nBody.\n' },
      [/no-title\.md:\d+: error in title/, /fix: add a line `title: "Your post title"`/]],
    ['a date that is not a date', { 'bad-date.md': '---\ntitle: "Bad date"\ndate: 2017-31-01\n---\nBody.\n' },
      [/bad-date\.md:3: error in date: date is not a date: "2017-31-01"/, /fix: write date as YYYY-MM-DD/]],
    ['tags not a list', { 'bad-tags.md': '---\ntitle: "Bad tags"\ndate: 2017-01-01\ntags: windows kernel\n---\nBody.\n' },
      [/bad-tags\.md:4: error in tags: tags must be a list/, /fix: write tags as a list, e\.g\. `tags: \[windows, kernel\]`/]],
    ['two posts with one slug', { 'copy-of-linux.md': '---\ntitle: "Copy"\ndate: 2017-01-01\nslug: linux-process-the-beginning\n---\nBody.\n' },
      [/error in slug: two posts have the slug "linux-process-the-beginning": .*copy-of-linux\.md and .*linux-process-the-beginning\.md/, /fix: rename one of the files/]],
  ];
  // one build holds the four posts: the check names every problem of every post at once
  let build: Promise<BuildResult> | undefined;
  const rejected = () => (build ??= buildSiteAsync('bad-frontmatter', { contentDir: contentWith(Object.assign({}, ...cases.map(([, files]) => files))) }));
  for (const [name, , patterns] of cases) {
    it(name, async () => {
      const { ok, output, outDir } = await rejected();
      expect(ok).toBe(false);
      for (const p of patterns) expect(output).toMatch(p);
      // nothing was written: a failed build leaves no half-built site
      expect(() => readdirSync(outDir)).toThrow();
    });
  }
});
