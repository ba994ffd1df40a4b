// Search end to end: the shared build under /blog/ (plus a draft and a decoy post), served on
// 127.0.0.1 and driven in Chromium; and `astro dev`, whose in-memory index must pick up a post
// written after it started.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { baseSite } from './support/base-site.ts';
import { contentWith, startDevServer, type DevServer } from './support/build.ts';
import { launch, openPage } from './support/browser.ts';
import { serve, type Served } from './support/server.ts';

const BASE = baseSite.base;
const slist = 'exinterlockedpopentryslist-processing-by-scheduler';
const linux = 'linux-process-the-beginning';
const vfs = 'macos-vfs-file-system-isolation-filter';
const cases: Array<[string, string]> = [
  ['ExInterlockedPopEntrySList', slist],
  ['KiCheckForSListAddress', slist],
  ['nt!KiCheckForSListAddress', slist],
  ['SLIST_HEADER', slist],
  ['[vdso]', linux],
  ['/bin/grep', linux],
  ['0x00007ffff7ddb2d0', linux],
  ['MacOSX-VFS-Isolation-Filter', vfs],
  ['Interlocked', slist],
  ['vsys', linux],
  // runs inside identifiers and short address forms: the index's identifier variants
  ['EntrySList', slist],
  ['7ffff7ddb2d0', linux],
];

let browser: Browser;
let site: Served;
let buildDir = '';
let buildOutput = '';

/** Searches on the /search page: the first time by URL, then by typing into it. */
async function results(page: Page, q: string): Promise<string[]> {
  if (!page.url().startsWith(`${site.url}search/`)) await page.goto(`${site.url}search/?q=${encodeURIComponent(q)}`);
  else await page.locator('#search-page-q').fill(q);
  await page.locator(`#search-page-results[data-search-query="${q.replace(/["\\]/g, '\\$&')}"]`).waitFor();
  return page.locator('#search-page-results .search-hit-title').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).pathname));
}

// The dev server of the last test starts with the file: it warms up (about 10 s, a core and a half)
// while the browser tests read the built site.
let devContent = '';
let devServer: Promise<DevServer> | undefined;
beforeAll(async () => {
  devContent = contentWith({});
  devServer = startDevServer('search-dev', { contentDir: devContent, base: BASE });
  buildDir = inject('baseDir');
  buildOutput = inject('baseOutput');
  site = await serve(buildDir, BASE);
  browser = await launch();
});
afterAll(async () => {
  (await devServer)?.stop();
  await browser?.close();
  await site?.close();
});

describe('the built index (base /blog/)', () => {
  it('holds each post once, and the build says how many', () => {
    const entry = JSON.parse(readFileSync(join(buildDir, 'pagefind/pagefind-entry.json'), 'utf8')) as { languages: { en: { page_count: number } } };
    const posts = readdirSync(join(buildDir, 'posts'));
    expect(entry.languages.en.page_count).toBe(posts.length);
    expect(buildOutput).toMatch(new RegExp(`search index: ${posts.length} posts, \\d+ identifier variants; finished in \\d+ ms`));
  });

  it('puts the expected post first for every identifier', async () => {
    const page = await openPage(browser, `${site.url}search/`);
    const wrong: string[] = [];
    for (const [q, slug] of cases) {
      const got = await results(page, q);
      if (got[0] !== `${BASE}posts/${slug}/`) wrong.push(`${q}: ${got.join(', ') || 'nothing'}`);
    }
    expect(wrong).toEqual([]);
    await page.context().close();
  });

  it('leaves out drafts and the site chrome, and shows a clear empty state', async () => {
    const page = await openPage(browser, `${site.url}search/`);
    for (const q of ['zzqxdraftmarker', 'Sitemap', 'Skip', 'RSS', 'zzqxnosuchword']) {
      expect(await results(page, q), q).toEqual([]);
      expect(await page.locator('[data-search-empty]').innerText()).toContain(`No posts match “${q}”`);
      expect(await page.locator('[data-search-empty] a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).pathname))).toEqual([`${BASE}archive/`, `${BASE}tags/`]);
    }
    await page.context().close();
  });

  it('is driven by the URL: excerpts with <mark>, sub-results to headings, filters, back button', async () => {
    const page = await openPage(browser, `${site.url}search/?q=ExInterlockedPopEntrySList`);
    await page.locator('#search-page-results[data-search-query=ExInterlockedPopEntrySList] .search-hit').first().waitFor();
    expect(await page.locator('.search-hit .search-excerpt mark').count()).toBeGreaterThan(0);
    const sub = await page.locator('.search-subs a').first().getAttribute('href');
    expect(sub).toMatch(new RegExp(`^${BASE}posts/${slist}/\\?mark=ExInterlockedPopEntrySList#safety-of-using`));
    // typing rewrites ?q=, a filter pushes a history entry, Back restores the query
    await page.locator('#search-page-q').fill('filter');
    await page.waitForURL(/\?q=filter$/);
    await page.locator('select[name=tag] option[value=macos]').waitFor({ state: 'attached' });
    await page.selectOption('select[name=tag]', 'macos');
    await page.waitForURL(/\?q=filter&tag=macos$/);
    await expect.poll(() => page.locator('.search-hit').count(), { timeout: 15_000 }).toBe(2);
    await page.goBack();
    await page.waitForURL(/\?q=filter$/);
    await expect.poll(() => page.locator('select[name=tag]').inputValue(), { timeout: 15_000 }).toBe('');
    // a year alone lists that year's posts
    await page.goto(`${site.url}search/?year=2018`);
    await expect.poll(() => page.locator('.search-hit-title').allInnerTexts(), { timeout: 15_000 }).toEqual(['Notes on lock-free lists']);
    await page.context().close();
  });

  it('shows the prose that matched as the excerpt, and a listing line only when only a listing matched', async () => {
    const page = await openPage(browser, `${site.url}search/`);
    const shown = async (q: string): Promise<{ url: string; main: string; from: string | null; subs: string[] }> => {
      await results(page, q);
      const hit = page.locator('#search-page-results .search-hit').first();
      const main = hit.locator(':scope > .search-excerpt');
      return {
        url: await hit.locator('.search-hit-title').evaluate((a) => (a as HTMLAnchorElement).pathname),
        main: await main.innerText(),
        from: await main.getAttribute('data-excerpt-from'),
        subs: await hit.locator('.search-subs .search-excerpt').allInnerTexts(),
      };
    };
    const listingBytes = /\b82ac[0-9a-f]{4}\b|\bmovzx?\b|\bcmp\b|\[ecx|kd>|WinDbg/;
    // In the prose and in the listing right after it: Pagefind's own excerpt ran on into the listing
    // ("... namely ExpInterlockedPopEntrySListResume ). WinDbg kd> uf ... movzx eax,word ptr [ecx+6Ch]").
    const resume = await shown('ExpInterlockedPopEntrySListResume');
    expect(resume.url).toBe(`${BASE}posts/${slist}/`);
    expect(resume.from).toBe('prose');
    expect(resume.main).toMatch(/the code resumes at the beginning of ExInterlockedPopEntrySList \( namely ExpInterlockedPopEntrySListResume/);
    expect(resume.main).not.toMatch(listingBytes);
    expect(resume.subs.length).toBeGreaterThan(0);
    for (const sub of resume.subs) expect(sub).not.toMatch(listingBytes);
    // The reader's case: in the prose, and inside the listing's identifiers (KiCheckForSListAddress).
    // It was "82acbe26 894168 mov dword ptr [ecx+68h],eax nt!KiCheckForSListAddress+0x38: 82acbe29 c3 ret Try it: ...".
    const slistHit = await shown('SList');
    expect(slistHit.from).toBe('prose');
    expect(slistHit.main).toMatch(/^Try it: the SList simulator\. Added in 2026, not part of the original post/);
    expect(slistHit.main).not.toMatch(listingBytes);
    // Only in a listing: the line that holds it, and nothing around it.
    const address = await shown('82acbe26');
    expect(address).toMatchObject({ url: `${BASE}posts/${slist}/`, from: 'listing', main: '82acbe26 894168 mov dword ptr [ecx+68h],eax' });
    expect(await page.locator('#search-page-results .search-hit').first().locator(':scope > .search-excerpt mark').allInnerTexts()).toEqual(['82acbe26']);
    // An address's short form (the index's variant block), whose only visible place is the gdb listing.
    expect(await shown('7ffff7ddb2d0')).toMatchObject({ url: `${BASE}posts/${linux}/`, from: 'listing', main: '0x00007ffff7ddb2d0 in _start () from /lib64/' });
    await page.context().close();
  });

  it('without JavaScript, the search page points to the archive and the tags', async () => {
    const page = await openPage(browser, `${site.url}search/`, { context: { javaScriptEnabled: false } });
    expect(await page.locator('[data-search-nojs]').isVisible()).toBe(true);
    expect(await page.locator('[data-search-form]').isVisible()).toBe(false);
    const hrefs = await page.locator('[data-search-nojs] a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs).toEqual([`${BASE}archive/`, `${BASE}tags/`]);
    await page.context().close();
  });

  it('a page that is only read loads no search code and no index', async () => {
    const urls: string[] = [];
    const page = await openPage(browser, `${site.url}posts/${linux}/`, { onPage: (p) => p.on('request', (r) => urls.push(r.url())) });
    await page.waitForLoadState('networkidle');
    expect(urls.filter((u) => /pagefind|search-(?:ui|dialog|engine|page|highlight|style)|search\.[\w-]+\.css|tokens/.test(u))).toEqual([]);
    expect(urls.every((u) => u.startsWith(site.url))).toBe(true);
    await page.context().close();
  });

  it('the search page loads the index only once the reader uses it (no long task on a visit)', async () => {
    const urls: string[] = [];
    const page = await openPage(browser, `${site.url}search/`, { onPage: (p) => p.on('request', (r) => urls.push(r.url())) });
    await page.waitForLoadState('networkidle');
    expect(urls.filter((u) => /pagefind/.test(u))).toEqual([]);
    await page.keyboard.type('slist');
    await page.locator('select[name=tag] option[value=macos]').waitFor({ state: 'attached' });
    await page.locator('#search-page-results .search-hit-title').first().waitFor();
    expect(urls.some((u) => /pagefind/.test(u))).toBe(true);
    await page.context().close();
  });

  it('the dialog works by keyboard alone and marks the terms on the page it opens', async () => {
    const urls: string[] = [];
    const page = await openPage(browser, site.url, { onPage: (p) => p.on('request', (r) => urls.push(r.url())) });
    await page.waitForLoadState('networkidle');
    await page.keyboard.press('/');
    const dialog = page.getByRole('dialog', { name: 'Search posts' });
    await dialog.waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('search-dialog-q');
    expect(urls.some((u) => u.includes(`${BASE}pagefind/`))).toBe(true); // loaded on open, under the base
    await page.keyboard.type('vsys');
    await dialog.locator('.search-hit').first().waitFor();
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Linux process. The beginning.');
    await page.keyboard.press('ArrowUp');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('search-dialog-q');
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.isVisible(), { timeout: 15_000 }).toBe(false);
    // Ctrl+K reopens it with the query kept; Enter opens the first result
    await page.keyboard.press('Control+K');
    await dialog.waitFor();
    await Promise.all([page.waitForURL(/mark=vsys/), page.keyboard.press('Enter')]);
    expect(new URL(page.url()).pathname).toBe(`${BASE}posts/${linux}/`);
    await page.locator('mark.search-term').first().waitFor();
    expect(await page.locator('mark.search-term').first().innerText()).toMatch(/^vsys$/i);
    await page.context().close();
  });
});

describe('search in astro dev', () => {
  it('serves an in-memory index of the current content, including a post written after start', async () => {
    const contentDir = devContent;
    const dev = await devServer!;
    const { origin } = dev;
    try {
      let up = false;
      for (let i = 0; i < 120 && !up; i++) {
        await new Promise((r) => setTimeout(r, 500));
        try { up = (await fetch(`${origin}${BASE}`)).ok; } catch { /* not up yet */ }
      }
      expect(up, dev.log()).toBe(true);
      // The first page asked of the dev server is the search page itself: with the home page first,
      // the search page's results never came in one CI run and one local run of three (the dev
      // server was re-optimising its dependencies). The dev server also reloads open pages when
      // content changes, which may cut a script short: no page error fails this test.
      let page: Page | undefined;
      const search = async (q: string): Promise<string[]> => {
        const url = `${origin}${BASE}search/?q=${q}`;
        if (!page) page = await openPage(browser, url, { failOnError: false });
        else await page.goto(url);
        await page.locator('#search-page-results .search-hit, #search-page-results [data-search-empty]').first().waitFor({ timeout: 30_000 });
        return page.locator('#search-page-results .search-hit-title').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).pathname));
      };
      expect(await search('KiCheckForSListAddress'), dev.log()).toEqual([`${BASE}posts/${slist}/`]);
      expect(await search('zzqxfreshmarker')).toEqual([]);
      writeFileSync(join(contentDir, 'fresh-post.md'), '---\ntitle: "Fresh"\ndate: 2020-05-05\n---\nThe zzqxfreshmarker routine HalpTimerQueryHostPerformanceCounter.\n');
      let got: string[] = [];
      for (let i = 0; i < 20 && !got.length; i++) {
        await new Promise((r) => setTimeout(r, 500));
        // the dev server reloads open pages when content changes: a search cut short by it is asked again
        got = await search('zzqxfreshmarker').catch((e: Error) => { if (/ERR_ABORTED|interrupted/.test(e.message)) return []; throw e; });
      }
      expect(got, dev.log()).toEqual([`${BASE}posts/fresh-post/`]);
      expect(await search('PerformanceCounter')).toEqual([`${BASE}posts/fresh-post/`]);
      await page?.context().close();
    } finally {
      dev.stop();
    }
  });
});
