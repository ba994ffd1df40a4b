// What a reader sees on the built site, in Chromium.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, openPage, type OpenOptions } from './support/browser.ts';
import { serve, type Served } from './support/server.ts';

let browser: Browser;
let site: Served;

beforeAll(async () => {
  site = await serve(inject('siteDir'));
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

const open = (path: string, opts: OpenOptions = {}): Promise<Page> => openPage(browser, `${site.url}${path}`, opts);

describe('home', () => {
  it('lists the four posts, newest first, with dates', async () => {
    const page = await open('');
    const titles = await page.locator('.post-list h2').allTextContents();
    expect(titles).toEqual([
      'ExInterlockedPopEntrySList processing by scheduler.',
      'MacOS network filter',
      'MacOS VFS file system isolation filter.',
      'Linux process. The beginning.',
    ]);
    expect(await page.locator('.post-list time').allTextContents()).toEqual(['December 28, 2016', 'December 25, 2016', 'December 22, 2016', 'December 15, 2016']);
    await page.context().close();
  });
});

describe('a post', () => {
  it('opens from the home page and shows its listing, one instruction per line', async () => {
    const page = await open('');
    await page.getByRole('link', { name: 'ExInterlockedPopEntrySList processing by scheduler.' }).click();
    await page.waitForURL(/\/posts\/exinterlockedpopentryslist-processing-by-scheduler\/$/);
    expect(await page.locator('h1').textContent()).toBe('ExInterlockedPopEntrySList processing by scheduler.');
    expect(await page.locator('blockquote').textContent()).toContain('9-bit sequence numbers in the SLIST_HEADER');
    const listing = await page.locator('pre').first().innerText();
    const lines = listing.split('\n');
    expect(lines[0]).toContain('kd> uf KiCheckForSListAddress');
    expect(lines.filter((l) => /^82a[a-f0-9]{5} /.test(l))).toHaveLength(18);
    expect(listing).toContain('82acbe29 c3              ret');
    expect(await page.locator('.meta').first().innerText()).toMatch(/December 28, 2016[\s\S]*min read/);
    // previous/next: the newest post links only to the older one
    expect(await page.locator('.post-nav a').allTextContents()).toEqual([expect.stringContaining('MacOS network filter')]);
    await page.context().close();
  });

  it('links the repositories the macOS posts name, as safe external links', async () => {
    const page = await open('posts/macos-vfs-file-system-isolation-filter/');
    const link = page.getByRole('link', { name: 'MacOSX-VFS-Isolation-Filter' });
    expect(await link.getAttribute('href')).toBe('https://github.com/slavaim/MacOSX-VFS-Isolation-Filter');
    expect(await link.getAttribute('rel')).toBe('noopener noreferrer');
    await page.context().close();
  });

  it('ends the Linux post where the source is cut, with a visible note', async () => {
    const page = await open('posts/linux-process-the-beginning/');
    const text = await page.locator('.prose').innerText();
    expect(text).toContain('0x00007ffff7ddb2d0 in _start () from /lib64/');
    expect(text).toContain('ffffffffff600000-ffffffffff601000 r-xp 00000000 00:00 0    [vsyscall]');
    const note = page.locator('.source-cut');
    expect(await note.isVisible()).toBe(true);
    expect(await note.innerText()).toContain('breaks off here');
    await page.context().close();
  });

  it('ends with up to three related posts by shared tags, the rarer tag first, outside the search index', async () => {
    const page = await open('posts/macos-network-filter/', { width: 390 });
    const related = page.locator('nav.related');
    expect(await related.locator('h2').innerText()).toBe('Related posts');
    // macos (2 posts) weighs more than kernel (all 4); among equals the newer first
    expect(await related.locator('a').allInnerTexts()).toEqual(['MacOS VFS file system isolation filter.', 'ExInterlockedPopEntrySList processing by scheduler.', 'Linux process. The beginning.']);
    expect(await related.getAttribute('data-pagefind-ignore')).not.toBeNull();
    await related.locator('a').first().click();
    await page.waitForURL(/\/posts\/macos-vfs-file-system-isolation-filter\/$/);
    await page.context().close();
  });

  it('fits a 360 px phone: listings scroll inside their box, never the page', async () => {
    for (const path of ['posts/exinterlockedpopentryslist-processing-by-scheduler/', 'posts/linux-process-the-beginning/', '']) {
      const page = await open(path, { width: 360 });
      const { page: pageWidth, view } = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, view: innerWidth }));
      expect(pageWidth, path).toBeLessThanOrEqual(view);
      if (path.startsWith('posts/')) {
        const pre = await page.locator('pre').first().evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth, overflow: getComputedStyle(el).overflowX }));
        expect(pre.scroll).toBeGreaterThan(pre.client);
        expect(pre.overflow).toBe('auto');
      }
      await page.context().close();
    }
  });
});

describe('themes', () => {
  it('follows the system before any choice, and paints it from the first frame', async () => {
    const page = await open('', { scheme: 'dark' });
    expect(await page.evaluate(() => document.documentElement.dataset['theme'])).toBe('dark');
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(16, 18, 21)');
    await page.context().close();
  });

  it('keeps the toggled theme across a reload and across pages', async () => {
    const page = await open('', { scheme: 'light' });
    const toggle = page.getByRole('button', { name: 'Dark theme' });
    await toggle.click();
    expect(await page.evaluate(() => document.documentElement.dataset['theme'])).toBe('dark');
    await page.reload();
    expect(await page.evaluate(() => document.documentElement.dataset['theme'])).toBe('dark');
    expect(await page.getByRole('button', { name: 'Light theme' }).isVisible()).toBe(true);
    // The stored theme is applied before first paint: record it the moment <body> exists.
    await page.addInitScript(() => {
      new MutationObserver((_, obs) => {
        if (document.body) { (window as unknown as { firstTheme: string }).firstTheme = document.documentElement.dataset['theme'] ?? 'none'; obs.disconnect(); }
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(`${site.url}archive/`);
    expect(await page.evaluate(() => (window as unknown as { firstTheme: string }).firstTheme)).toBe('dark');
    await page.context().close();
  });
});

describe('archive and tags', () => {
  it('shows December 2016 with 4 posts', async () => {
    const page = await open('archive/');
    const month = page.locator('.archive-month h3');
    expect(await month.allTextContents()).toEqual(['December 2016 (4)']);
    expect(await page.locator('.archive-month li').count()).toBe(4);
    await page.context().close();
  });

  it('has a tag index and a page per tag', async () => {
    const page = await open('tags/');
    await page.getByRole('link', { name: 'macos', exact: true }).click();
    await page.waitForURL(/\/tags\/macos\/$/);
    expect(await page.locator('h1').innerText()).toBe('Posts tagged macos (2)');
    expect(await page.locator('.post-list h2').allTextContents()).toEqual(['MacOS network filter', 'MacOS VFS file system isolation filter.']);
    await page.context().close();
  });

  it('serves the 404 page for an unknown address', async () => {
    const page = await openPage(browser, `${site.url}no/such/page/`, { status: 404 });
    expect(await page.locator('h1').innerText()).toContain('404');
    await page.context().close();
  });
});

describe('feeds and metadata', () => {
  it('RSS 2.0 parses and carries 4 items with full content', async () => {
    const page = await open('');
    const xml = await (await fetch(`${site.url}rss.xml`)).text();
    const feed = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'application/xml');
      if (doc.querySelector('parsererror')) return { error: doc.querySelector('parsererror')!.textContent };
      return {
        version: doc.documentElement.getAttribute('version'),
        items: [...doc.querySelectorAll('item')].map((i) => ({
          title: i.querySelector('title')?.textContent,
          link: i.querySelector('link')?.textContent,
          content: i.getElementsByTagNameNS('http://purl.org/rss/1.0/modules/content/', 'encoded')[0]?.textContent ?? '',
        })),
      };
    }, xml);
    expect(feed).not.toHaveProperty('error');
    expect(feed.version).toBe('2.0');
    expect(feed.items).toHaveLength(4);
    expect(feed.items?.[0]?.title).toBe('ExInterlockedPopEntrySList processing by scheduler.');
    expect(feed.items?.[0]?.content).toContain('82acbe29');
    expect(feed.items?.[0]?.content).toContain('<blockquote>');
    expect(feed.items?.[3]?.content).toContain('0x00007ffff7ddb2d0');
    await page.context().close();
  });

  it('JSON Feed 1.1 parses and carries 4 items with full content', async () => {
    const feed = await (await fetch(`${site.url}feed.json`)).json() as { version: string; items: Array<{ title: string; content_html: string; url: string }> };
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(feed.items.map((i) => i.title)).toEqual([
      'ExInterlockedPopEntrySList processing by scheduler.', 'MacOS network filter', 'MacOS VFS file system isolation filter.', 'Linux process. The beginning.',
    ]);
    expect(feed.items[1]!.content_html).toContain('https://github.com/slavaim/MacOSX-Network-Sockets-Filter');
    expect(feed.items.every((i) => i.url.startsWith('http'))).toBe(true);
  });

  it('a post page carries canonical, OpenGraph (with its card), Twitter and BlogPosting metadata', async () => {
    const page = await open('posts/macos-network-filter/');
    const meta = await page.evaluate(() => ({
      canonical: document.querySelector('link[rel=canonical]')?.getAttribute('href'),
      ogType: document.querySelector('meta[property="og:type"]')?.getAttribute('content'),
      ogTitle: document.querySelector('meta[property="og:title"]')?.getAttribute('content'),
      twitter: document.querySelector('meta[name="twitter:card"]')?.getAttribute('content'),
      image: document.querySelector('meta[property="og:image"]')?.getAttribute('content'),
      description: document.querySelector('meta[name=description]')?.getAttribute('content'),
      ld: JSON.parse(document.querySelector('script[type="application/ld+json"]')?.textContent ?? '{}'),
    }));
    expect(meta.canonical).toMatch(/^https?:\/\/[^/]+\/posts\/macos-network-filter\/$/);
    expect(meta.ogType).toBe('article');
    expect(meta.ogTitle).toBe('MacOS network filter');
    expect(meta.twitter).toBe('summary_large_image');
    expect(meta.image).toMatch(/^https?:\/\/[^/]+\/cards\/posts\/macos-network-filter\.png$/);
    expect(meta.description).toBe('I have added a MacOS network sockets filter to my GitHub repository - MacOSX-Network-Sockets-Filter. The filter allows to inspect and modify network data in a user mode application.');
    expect(meta.ld).toMatchObject({ '@type': 'BlogPosting', headline: 'MacOS network filter', datePublished: '2016-12-25T00:00:00.000Z' });
    await page.context().close();
  });

  it('serves a sitemap and robots.txt that point at each other', async () => {
    const robots = await (await fetch(`${site.url}robots.txt`)).text();
    expect(robots).toMatch(/Sitemap: https?:\/\/\S+\/sitemap-index\.xml/);
    const sitemap = await (await fetch(`${site.url}sitemap-0.xml`)).text();
    expect(sitemap).toContain('/posts/linux-process-the-beginning/</loc>');
    expect(sitemap).not.toContain('404');
  });
});
