// Moving from Blogger, as an author does it: `npm run import -- blogger` on a backup and on a
// Takeout folder of the four seed posts (tests/fixtures/blogger/: the seed's words, code stored
// the Blogger way, images served from 127.0.0.1), the result built and put through
// `npm run check`'s gates, then read in Chromium beside the hand-made posts of the main build.
import { execFile, spawnSync } from 'node:child_process';
import { cpSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { imageHost, png, type ImageHost } from '../../scripts/harness/image-host.ts';
import { tempDir } from '../../scripts/harness/temp.ts';
import { launch, openPage } from './support/browser.ts';
import { axeViolations } from '../../scripts/harness/axe.ts';
import { buildSite, root, type BuildResult } from './support/build.ts';
import { serve, type Served } from './support/server.ts';

const fixtures = join(root, 'tests/fixtures/blogger');
const seeds = ['exinterlockedpopentryslist-processing-by-scheduler', 'linux-process-the-beginning', 'macos-network-filter', 'macos-vfs-file-system-isolation-filter'];

let tmp: string;
let host: ImageHost;
let legacyOut: string;
let takeoutOut: string;
let legacyRun: { status: number | null; stdout: string; stderr: string };
let takeoutRun: typeof legacyRun;
let site: BuildResult;
let browser: Browser;
let imported: Served;
let handMade: Served;

// Not spawnSync: the image host answers from this process, so it must not be blocked.
const importCli = (...args: string[]) => new Promise<{ status: number | null; stdout: string; stderr: string }>((done) => {
  execFile('npm', ['run', '--silent', 'import', '--', 'blogger', ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, CI: 'true' }, timeout: 60_000 },
    (err, stdout, stderr) => done({ status: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }));
});

beforeAll(async () => {
  tmp = tempDir('rz-import-e2e-');
  host = await imageHost({ '/s1600/address-space.png': png(640, 360, [30, 90, 170]), '/s320/address-space.png': png(320, 180, [30, 90, 170]), '/s1600/no-alt.png': png(200, 100, [200, 60, 60]) });
  cpSync(fixtures, join(tmp, 'export'), { recursive: true });
  for (const f of [join(tmp, 'export/blog-12-30-2016.xml'), join(tmp, 'export/Takeout/Blogger/Blogs/Ring Zero/feed.atom')])
    writeFileSync(f, readFileSync(f, 'utf8').replaceAll('IMAGE_SERVER', host.origin));
  legacyOut = join(tmp, 'from-backup');
  takeoutOut = join(tmp, 'from-takeout');
  legacyRun = await importCli(join(tmp, 'export/blog-12-30-2016.xml'), '--out', legacyOut);
  takeoutRun = await importCli(join(tmp, 'export/Takeout'), '--out', takeoutOut);
  site = buildSite('imported', { contentDir: legacyOut });
  browser = await launch();
  if (site.ok) imported = await serve(site.outDir);
  handMade = await serve(inject('siteDir'));
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await imported?.close();
  await handMade?.close();
  await host?.close();
});

const open = (served: Served, path: string, width = 1280): Promise<Page> => openPage(browser, `${served.url}${path}`, { width });

/** The words of a post's prose as a reader sees them (punctuation aside), and its listings' lines. */
async function reading(page: Page) {
  return page.evaluate(() => {
    const prose = document.querySelector('.prose')!.cloneNode(true) as HTMLElement;
    // what the hand-made posts added in 2026 (the simulator section, the note where the source breaks off)
    prose.querySelectorAll('.source-cut, figure, .listing, pre').forEach((e) => e.remove());
    const tryIt = [...prose.querySelectorAll('h2')].find((h) => h.textContent?.startsWith('Try it'));
    if (tryIt) { let n: ChildNode | null = tryIt; while (n) { const next: ChildNode | null = n.nextSibling; n.remove(); n = next; } }
    const words = (prose.textContent ?? '').replace(/#/g, ' ').match(/[\p{L}\p{N}_]+/gu) ?? [];
    const listings = [...document.querySelectorAll('.prose pre')].map((pre) => ({
      lang: pre.closest('[data-lang]')?.getAttribute('data-lang') ?? pre.getAttribute('data-language'),
      lines: [...pre.querySelectorAll('.line')].map((l) => (l.textContent ?? '').replace(/\s+$/, '')),
      links: pre.querySelectorAll('a[href^="#"]').length,
    }));
    return { words, listings, diagram: document.querySelectorAll('.prose figure.listing svg').length };
  });
}

describe('npm run import -- blogger', () => {
  it('imports a backup and a Takeout folder into the same posts, and reports what it did', () => {
    expect(legacyRun.status, legacyRun.stderr).toBe(0);
    expect(takeoutRun.status, takeoutRun.stderr).toBe(0);
    expect(legacyRun.stdout).toContain('posts: 6 (6 new, 0 updated, 0 unchanged), 1 draft among them');
    expect(legacyRun.stdout).toContain('not imported as posts: 1 page ("About"), 1 setting, the template');
    expect(takeoutRun.stdout).toContain('not imported as posts: 1 page ("About"), 1 trashed post ("Fixture: a trashed post")');
    expect(legacyRun.stdout).toContain('images: 2 fetched, 0 already here, 0 failed');
    expect(legacyRun.stdout).toContain('listings: 3 (procmaps 1, gdb 1, windbg 1)');
    expect(legacyRun.stdout).toMatch(/exinterlockedpopentryslist-processing-by-scheduler\/index\.md:\d+: windbg, 36 lines/);
    const tree = (dir: string) => readdirSync(dir, { recursive: true }).map(String).filter((f) => !f.startsWith('.') && statSync(join(dir, f)).isFile()).sort()
      .map((f) => [f, readFileSync(join(dir, f)).toString('base64')]);
    expect(tree(takeoutOut)).toEqual(tree(legacyOut));
  });

  it('changes nothing when run again', async () => {
    const again = await importCli(join(tmp, 'export/blog-12-30-2016.xml'), '--out', legacyOut);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('posts: 6 (0 new, 0 updated, 6 unchanged)');
    expect(again.stdout).toContain('Nothing changed');
  });

  it('refuses a file that is not a Blogger export with the file, what to do, no stack trace and nothing written', async () => {
    const rss = join(tmp, 'feed.xml');
    writeFileSync(rss, '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>x</title></channel></rss>\n');
    const out = join(tmp, 'never');
    const r = await importCli(rss, '--out', out);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${rss}: this is not a Blogger export: it is an RSS feed`);
    expect(r.stderr).toMatch(/fix: export the blog from Blogger/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(() => statSync(out)).toThrow();
  });

  it('builds what it imported, and the build passes npm run check\'s gates (html-validate, links, budgets, no third-party request)', () => {
    expect(site.ok, site.output).toBe(true);
    const check = spawnSync('npm', ['run', '--silent', 'check', '--', '--dist', site.outDir, '--no-astro-check'], { cwd: root, encoding: 'utf8', env: { ...process.env, RZ_CONTENT_DIR: legacyOut } });
    expect(check.stdout).toContain('all checks passed');
    expect(check.status).toBe(0);
  });
});

describe('the imported posts, read beside the hand-made ones', () => {
  for (const slug of seeds) {
    it(`${slug}: the same title, day, words and listing lines at the same URL`, async () => {
      const a = await open(imported, `posts/${slug}/`);
      const b = await open(handMade, `posts/${slug}/`);
      expect(await a.locator('h1').innerText()).toBe(await b.locator('h1').innerText());
      expect(await a.locator('.post-header time').first().innerText()).toBe(await b.locator('.post-header time').first().innerText());
      const [ra, rb] = [await reading(a), await reading(b)];
      expect(ra.words.join(' ')).toBe(rb.words.join(' '));
      expect(ra.listings).toEqual(rb.listings);
      expect(ra.diagram).toBe(rb.diagram);
      await a.close(); await b.close();
    });
  }

  it('links the WinDbg listing\'s branches and draws the maps listing\'s address space, as the hand-made posts do', async () => {
    const ex = await open(imported, 'posts/exinterlockedpopentryslist-processing-by-scheduler/');
    expect((await reading(ex)).listings[0]!.links).toBeGreaterThanOrEqual(8);
    const lx = await open(imported, 'posts/linux-process-the-beginning/');
    expect((await reading(lx)).diagram).toBeGreaterThanOrEqual(1);
    await ex.close(); await lx.close();
  });

  it('sends the old Blogger URLs to the new posts', async () => {
    const page = await openPage(browser, `${imported.url}2016/12/macos-network-filter.html`);
    await page.waitForURL(/\/posts\/macos-network-filter\/$/);
    expect(await page.locator('h1').innerText()).toBe('MacOS network filter');
    await page.context().close();
  });

  it('shows the downloaded images from the site itself, optimised, with their alt text', async () => {
    const outside: string[] = [];
    const page = await openPage(browser, `${imported.url}posts/fixture-a-screenshot-and-comments/`, {
      width: 390, height: 800, onPage: (p) => p.on('request', (r) => { if (!r.url().startsWith(imported.origin)) outside.push(r.url()); }),
    });
    const imgs = await page.locator('.prose img').evaluateAll((els) => els.map((e) => {
      const i = e as HTMLImageElement;
      return { alt: i.alt, src: i.getAttribute('src'), width: i.getAttribute('width'), height: i.getAttribute('height'), shown: i.getBoundingClientRect().width };
    }));
    expect(imgs.map((i) => i.alt)).toEqual(['The address space of grep', 'no-alt']);
    for (const i of imgs) {
      expect(i.src).toMatch(/^\/_astro\/.+\.webp$/);
      expect(Number(i.width)).toBeGreaterThan(0);
      expect(i.shown).toBeLessThanOrEqual(390);
    }
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.waitForLoadState('networkidle');
    expect(outside).toEqual([]);
    // the link to another post of the old blog now leads to that post here
    await page.getByRole('link', { name: 'MacOS network filter' }).click();
    await page.waitForURL(/\/posts\/macos-network-filter\/$/);
    await page.context().close();
  });

  it('shows the archived comments under the post in the order written, sanitised, outside the search index and the feeds', async () => {
    const page = await open(imported, 'posts/fixture-a-screenshot-and-comments/', 390);
    const section = page.locator('section.archived-comments');
    expect(await section.locator('h2').innerText()).toBe('2 comments from the old blog');
    expect(await section.locator('.comment-author').allInnerTexts()).toEqual(['Anonymous', 'A reader']);
    expect(await section.locator('script, [onclick], a[href^="javascript"]').count()).toBe(0);
    expect(await section.locator('a').getAttribute('rel')).toBe('nofollow ugc');
    expect(await page.evaluate(() => !!document.querySelector('section.archived-comments')?.closest('[data-pagefind-body]'))).toBe(false);
    expect(await section.getAttribute('data-pagefind-ignore')).not.toBeNull();
    for (const feed of ['rss.xml', 'feed.json']) expect(readFileSync(join(site.outDir, feed), 'utf8')).not.toContain('this helped');
    // a post without comments shows nothing extra; a post whose tags no other post has shows no related posts
    const plain = await open(imported, 'posts/macos-network-filter/');
    expect(await plain.locator('.archived-comments').count()).toBe(0);
    expect(await page.locator('nav.related').count()).toBe(0);
    expect(await plain.locator('nav.related a').count()).toBe(3);
    await page.close(); await plain.close();
  });

  it('has zero axe violations on a post with images and comments, in both themes', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      const page = await openPage(browser, `${imported.url}posts/fixture-a-screenshot-and-comments/`, { scheme, context: { bypassCSP: true } });
      const violations = await axeViolations(page);
      expect(violations, scheme).toEqual([]);
      await page.context().close();
    }
  });

  it('leaves the draft out of the build', () => {
    expect(() => statSync(join(site.outDir, 'posts/fixture-a-draft/index.html'))).toThrow();
  });
});
