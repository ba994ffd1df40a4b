// Series and old URLs in real builds of fixture posts (the seed posts have neither): the series
// box and pages with drafts and scheduled parts left out, the errors named by file and line, the
// redirect pages at old paths (in Chromium, under the site's CSP), and nginx's 301s for them.
import { chmodSync, existsSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { staticSiteChecks } from '../../scripts/site-checks.ts';
import type { Page } from 'playwright-core';
import { launch, openPage, visit, watchCsp } from './support/browser.ts';
import { axeViolations } from '../../scripts/harness/axe.ts';
import { serve, type Served } from './support/server.ts';
import { buildSiteAsync, contentWith, type BuildResult } from './support/build.ts';
import { ensureNginx, startNginx } from './support/nginx.ts';
import { filesIn } from '../../src/node/files.ts';
import { tempDir } from '../../scripts/harness/temp.ts';
import { headersOf, nginxFragments } from '../../src/lib/nginx-fragments.ts';

const post = (title: string, date: string, extra = '', body = 'Body of the post.') => `---\ntitle: "${title}"\ndate: ${date}\n${extra}---\n\n${body}\n`;
const plain = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '');
const allFiles = filesIn;
const NOW = { RZ_NOW: '2026-06-01' };

// Boot chain: parts 1, 2 and 5 published, part 3 a draft, part 4 dated after RZ_NOW (scheduled).
const fixtures = {
  'boot-one.md': post('Boot chain, the firmware', '2026-01-05', 'series: { name: "Boot chain", part: 1 }\ntags: [boot]\n'),
  // renamed: it was /posts/boot-two-old/ and, before that, a WordPress URL
  'boot-two.md': post('Boot chain, the loader', '2026-02-05', 'series:\n  name: Boot chain\n  part: 2\naliases: [/posts/boot-two-old/, /2019/12/boot-loader.html]\n', 'The loader reads the kernel image.'),
  'boot-three.md': post('Boot chain, a draft part', '2026-03-05', 'series: { name: "Boot chain", part: 3 }\ndraft: true\naliases: [/posts/draft-old/]\n'),
  'boot-four.md': post('Boot chain, a scheduled part', '2027-01-05', 'series: { name: "Boot chain", part: 4 }\naliases: [/posts/scheduled-old/]\n'),
  'boot-five.md': post('Boot chain, the kernel', '2026-04-05', 'series: { name: "Boot chain", part: 5 }\n'),
  'alone.md': post('A post in no series', '2026-04-06'),
  'pager-one.md': post('Pager, part one', '2026-04-07', 'series: { name: "Pager", part: 1 }\n'),
};

let site: BuildResult;
let content: string;
// The builds of this file run two at a time (a build alone keeps about a core and a half busy):
// the mistakes' build beside the site's, then the base path's beside the alias-under-a-file one.
let mistakes: Promise<BuildResult>;
let later: { based: Promise<BuildResult>; underFile: Promise<BuildResult> } | undefined;
const laterBuilds = () => (later ??= {
  based: buildSiteAsync('series-aliases-base', { contentDir: content, env: NOW, base: '/blog/' }),
  underFile: buildSiteAsync('series-aliases-under-file', { contentDir: contentWith({
    'under-file.md': post('Under a file', '2026-01-01', 'aliases: [/favicon.svg/old/]\n'),
  }) }),
});
beforeAll(async () => {
  content = contentWith(fixtures, false);
  const built = buildSiteAsync('series-aliases', { contentDir: content, env: NOW });
  mistakes = buildSiteAsync('series-aliases-bad', { contentDir: contentWith({
    'a.md': post('A', '2026-01-01', 'series: { name: "Boot chain", part: 2 }\naliases: [/posts/b/, /old/]\n'),
    'b.md': post('B', '2026-01-02', 'series:\n  name: Boot chain\n  part: 2\naliases:\n  - old/path/\n  - /old\n'),
    'c.md': post('C', '2026-01-03', 'series: { name: "Boot chain", part: "3" }\naliases: [/tags/boot/]\n'),
    'd.md': post('D', '2026-01-04', 'series: { name: "Boot chain", part: 0 }\n'),
  }, false), env: NOW });
  site = await built;
  if (!site.ok) throw new Error(site.output);
  await mistakes;
});
const read = (path: string, dir = site.outDir) => readFileSync(join(dir, path), 'utf8');

describe('series', () => {
  it('gives each published part a box: the parts in order, this one marked and not a link, the others linked', async () => {
    const browser = await launch();
    try {
      const served = await serveWithCsp(site.outDir);
      try {
        const page = await openPage(browser, `${served.url}posts/boot-two/`);
        const box = page.locator('nav.series-box');
        expect(await box.locator('h2').innerText()).toBe('Part 2 of the series Boot chain');
        expect(await box.locator('h2 a').getAttribute('href')).toBe('/series/boot-chain/');
        const items = await box.locator('li').evaluateAll((lis) => lis.map((li) => {
          const a = li.querySelector('a');
          return [li.getAttribute('value'), li.textContent?.trim(), a?.getAttribute('href') ?? null, li.querySelector('[aria-current]')?.getAttribute('aria-current') ?? null];
        }));
        expect(items).toEqual([
          ['1', 'Boot chain, the firmware', '/posts/boot-one/', null],
          ['2', 'Boot chain, the loader', null, 'page'],
          ['5', 'Boot chain, the kernel', '/posts/boot-five/', null],
        ]);
        // the box's titles are not this post's text for search
        expect(await box.getAttribute('data-pagefind-ignore')).not.toBeNull();
        await page.goto(`${served.url}posts/boot-five/`);
        expect(await page.locator('nav.series-box [aria-current="page"]').innerText()).toBe('Boot chain, the kernel');
        await page.goto(`${served.url}posts/alone/`);
        expect(await page.locator('.series-box').count()).toBe(0);
      } finally { await served.close(); }
    } finally { await browser.close(); }
  });

  it('has a page per series (by the tags\' URL rule) and an index; drafts and scheduled parts are nowhere in the build', () => {
    const chain = read('series/boot-chain/index.html');
    const titles = [...chain.matchAll(/<a href="\/posts\/([^/]+)\/"/g)].map((m) => m[1]);
    expect(titles.filter((t) => t?.startsWith('boot'))).toEqual(['boot-one', 'boot-two', 'boot-five']);
    expect(chain).toContain('Series: Boot chain');
    const index = read('series/index.html');
    expect(index).toContain('href="/series/boot-chain/"');
    expect(index).toContain('href="/series/pager/"');
    for (const f of allFiles(site.outDir).filter((f) => /\.(html|xml|json|conf)$/.test(f))) {
      const text = readFileSync(f, 'utf8');
      expect(text, f).not.toContain('a draft part');
      expect(text, f).not.toContain('a scheduled part');
      expect(text, f).not.toMatch(/draft-old|scheduled-old/);
    }
  });

  it('a site without series has no series pages', () => {
    // the default build of the four seed posts (the e2e global setup's), which have no series
    const seed = inject('siteDir');
    expect(existsSync(join(seed, 'index.html'))).toBe(true);
    expect(existsSync(join(seed, 'series'))).toBe(false);
    expect(read('redirects.conf', seed).split('\n').filter((l) => l && !l.startsWith('#'))).toEqual([]);
  });

  it('every page of the build is valid HTML with working links, within budget', async () => {
    const r = await staticSiteChecks(site.outDir, content);
    expect(r.html).toEqual([]);
    expect(r.links).toEqual([]);
    expect(r.budgets).toEqual([]);
  });

  it('the series box and pages have zero axe violations in both themes', async () => {
    const browser = await launch();
    const served = await serveWithCsp(site.outDir);
    try {
      const found: string[] = [];
      for (const colorScheme of ['light', 'dark'] as const) {
        let page: Page | undefined; // one tab from page to page: its renderer stays warm
        for (const path of ['posts/boot-two/', 'series/boot-chain/', 'series/']) {
          if (!page) page = await openPage(browser, `${served.url}${path}`, { scheme: colorScheme, context: { bypassCSP: true } });
          else await visit(page, `${served.url}${path}`);
          const v = await axeViolations(page);
          found.push(...v.map((x) => `${path} [${colorScheme}] ${x}`));
        }
        await page?.context().close();
      }
      expect(found).toEqual([]);
    } finally { await served.close(); await browser.close(); }
  });
});

describe('series and alias mistakes stop the build with file:line, field and fix', () => {
  it('names each one', async () => {
    const build = await mistakes;
    expect(build.ok).toBe(false);
    expect(existsSync(join(build.outDir, 'index.html'))).toBe(false);
    const out = plain(build.output);
    const expected = [
      /a\.md:5: error in aliases: the alias \/posts\/b\/ is the URL of the post \S*b\.md\.\n {4}fix: remove this alias/,
      /b\.md:6: error in series: two posts are part 2 of the series "Boot chain": \S*a\.md and \S*b\.md\.\n {4}fix: give each part its own number/,
      /b\.md:8: error in aliases: the alias "old\/path\/" is not an absolute path on this site\.\n {4}fix: start it with one \//,
      /b\.md:9: error in aliases: the alias \/old is also an alias of \S*a\.md:5\.\n {4}fix: keep the old URL in one post only/,
      /c\.md:4: error in series: the part must be a positive whole number, not "3"\.\n {4}fix: write the part as 1, 2, 3… without quotes/,
      /c\.md:5: error in aliases: the alias \/tags\/boot\/ is a page of the site \(everything under \/tags\/ is\)/,
      /d\.md:4: error in series: the part must be a positive whole number, not 0\./,
    ];
    for (const e of expected) expect(out).toMatch(e);
    expect(out).toContain('7 problems in posts');
  });
});

describe('old URLs (aliases)', () => {
  it('each old path of a published post is a redirect page: refresh, link, noindex, canonical to the post; no script or search body', () => {
    for (const file of ['posts/boot-two-old/index.html', '2019/12/boot-loader.html']) {
      const html = read(file);
      expect(html, file).toContain('<meta http-equiv="refresh" content="0; url=/posts/boot-two/">');
      expect(html).toContain('<meta name="robots" content="noindex">');
      expect(html).toContain('<link rel="canonical" href="https://ringzero.example/posts/boot-two/">');
      expect(html).toMatch(/<a href="\/posts\/boot-two\/">https:\/\/ringzero\.example\/posts\/boot-two\/<\/a>/);
      expect(html).not.toMatch(/<script|data-pagefind-body/);
    }
    // a draft's and a scheduled post's old paths are not published (their posts are not)
    expect(existsSync(join(site.outDir, 'posts/draft-old'))).toBe(false);
    expect(existsSync(join(site.outDir, 'posts/scheduled-old'))).toBe(false);
  });

  it('are not in the sitemap, the feeds or the search index', () => {
    for (const f of ['sitemap-0.xml', 'rss.xml', 'feed.json']) {
      expect(read(f), f).toContain('/posts/boot-two/');
      expect(read(f), f).not.toMatch(/boot-two-old|boot-loader\.html/);
    }
    // Pagefind indexes the five published posts, and no redirect page
    const entry = JSON.parse(read('pagefind/pagefind-entry.json')) as { languages: { en: { page_count: number } } };
    expect(entry.languages.en.page_count).toBe(5);
  });

  it('nginx gets a 301 for each, and only those lines', () => {
    expect(read('redirects.conf').split('\n').filter((l) => !l.startsWith('#'))).toEqual([
      'location = /2019/12/boot-loader.html { return 301 /posts/boot-two/; }',
      'location = /posts/boot-two-old/ { return 301 /posts/boot-two/; }',
      'location = /posts/boot-two-old { return 301 /posts/boot-two/; }',
      '',
    ]);
  });

  it('in Chromium, the old URL lands on the post under the site\'s CSP header, with no violation', async () => {
    const browser = await launch();
    const served = await serveWithCsp(site.outDir);
    try {
      const csp = watchCsp();
      const problems: string[] = [];
      let page: Page | undefined;
      for (const old of ['posts/boot-two-old/', '2019/12/boot-loader.html']) {
        expect((await fetch(`${served.url}${old}`)).headers.get('content-security-policy'), old).toMatch(/script-src 'self'/);
        // every console error counts here, not only the policy's
        if (!page) page = await openPage(browser, `${served.url}${old}`, { init: csp.init, onPage: (p) => p.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); }) });
        else await visit(page, `${served.url}${old}`);
        await page.waitForURL(`${served.url}posts/boot-two/`, { timeout: 10_000 });
        expect(await page.locator('h1').innerText()).toBe('Boot chain, the loader');
        problems.push(...(await csp.take(page)));
      }
      expect(problems).toEqual([]);
      await page?.context().close();
    } finally { await served.close(); await browser.close(); }
  });

  it('under RZ_BASE, the pages sit under the base and point into it', async () => {
    const based = await laterBuilds().based;
    expect(based.ok, based.output).toBe(true);
    const html = read('posts/boot-two-old/index.html', based.outDir);
    expect(html).toContain('<meta http-equiv="refresh" content="0; url=/blog/posts/boot-two/">');
    expect(html).toContain('<link rel="canonical" href="https://ringzero.example/blog/posts/boot-two/">');
    expect(read('redirects.conf', based.outDir)).toContain('location = /blog/posts/boot-two-old/ { return 301 /blog/posts/boot-two/; }');
    expect(read('posts/boot-two/index.html', based.outDir)).toContain('href="/blog/series/boot-chain/"');
  });

  const nginx = ensureNginx();
  it.skipIf('skip' in nginx)('a renamed post\'s old URL gets a 301 to the new one from nginx running deploy/nginx.conf', async () => {
    if (!('bin' in nginx)) return;
    const dir = tempDir('rz-alias-srv-');
    chmodSync(dir, 0o755); // nginx's workers (nobody, under root) read through it
    symlinkSync(site.outDir, join(dir, 'live'));
    const web = await startNginx(nginx.bin, dir, tempDir('rz-alias-nginx-'));
    try {
      for (const old of ['/posts/boot-two-old/', '/posts/boot-two-old', '/2019/12/boot-loader.html']) {
        const r = await fetch(`${web.url}${old}`, { redirect: 'manual' });
        expect(r.status, old).toBe(301);
        expect(r.headers.get('location'), old).toBe('/posts/boot-two/');
      }
      const followed = await fetch(`${web.url}/posts/boot-two-old/`);
      expect(followed.status).toBe(200);
      expect(followed.url).toBe(`${web.url}/posts/boot-two/`);
      expect(await followed.text()).toContain('Boot chain, the loader');
      expect((await fetch(`${web.url}/redirects.conf`)).status).toBe(404);
      expect((await fetch(`${web.url}/posts/scheduled-old/`, { redirect: 'manual' })).status).toBe(404);
    } finally {
      await web.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** The built site served with the Content-Security-Policy its security-headers.conf names, as nginx sends it. */
function serveWithCsp(dir: string): Promise<Served> {
  const csp = headersOf(readFileSync(join(dir, nginxFragments.headers.file), 'utf8')).get('Content-Security-Policy');
  if (!csp) throw new Error('no CSP in security-headers.conf');
  return serve(dir, '/', { headers: { 'Content-Security-Policy': csp } });
}

describe('an alias under a file of the built site', () => {
  it('stops the build naming the post and line, not with a stack trace', async () => {
    const build = await laterBuilds().underFile;
    expect(build.ok).toBe(false);
    const out = plain(build.output);
    expect(out).toMatch(/under-file\.md:4: error in aliases: the alias \/favicon\.svg\/old\/ is a page of the site/);
    expect(out).not.toMatch(/ENOTDIR|    at /);
  });
});
