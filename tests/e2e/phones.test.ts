// Phones (issue 15): no page type scrolls sideways at 320, 360 and 390 px in Chromium, after
// hydration, with the SList island live and a post holding this machine's real /proc/self/maps.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, openPage, visit } from './support/browser.ts';
import { serve, type Served } from './support/server.ts';

const WIDTHS = [320, 360, 390];
const SLIST = 'posts/exinterlockedpopentryslist-processing-by-scheduler/';
const MAPS = 'posts/phones-proc-self-maps/';

/** The page types of the default build: path, and what "after hydration" waits for. */
const pages: Array<{ name: string; path: string; status?: number; ready?: (p: Page) => Promise<void> }> = [
  { name: 'home', path: '' },
  { name: 'post: Linux process', path: 'posts/linux-process-the-beginning/' },
  { name: 'post: macOS network filter', path: 'posts/macos-network-filter/' },
  { name: 'post: macOS VFS filter', path: 'posts/macos-vfs-file-system-isolation-filter/' },
  {
    name: 'post: SList, island hydrated', path: SLIST, ready: async (p) => {
      await p.locator('astro-island').scrollIntoViewIfNeeded();
      await p.locator('.sl-live').waitFor();
    },
  },
  { name: 'tags', path: 'tags/' },
  { name: 'tag: kernel', path: 'tags/kernel/' },
  { name: 'archive', path: 'archive/' },
  {
    name: 'search ?q=SList', path: 'search/?q=SList', ready: async (p) => {
      await p.locator('#search-page-results[data-search-query="SList"] .search-hit').first().waitFor();
    },
  },
  { name: '404', path: 'no-such-page/', status: 404 },
];

/**
 * The document's width, and every element or run of text whose right edge lies beyond the
 * viewport without a scrolling (or clipping) box inside the viewport to hold it. A string:
 * vitest would rewrite a function's helpers.
 */
const measure = `(() => {
  scrollTo(0, scrollY);
  const vw = document.documentElement.clientWidth;
  const inside = (r) => r.right <= vw + 0.5;
  // the nearest box around a node (its parent up) that scrolls or clips, if it is inside the viewport
  const held = (n) => {
    for (let a = n.parentElement; a && a !== document.documentElement; a = a.parentElement) {
      if (getComputedStyle(a).overflowX !== 'visible') return inside(a.getBoundingClientRect());
    }
    return false;
  };
  const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.classList.length ? '.' + [...el.classList].join('.') : '');
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
  for (let n = walker.currentNode; n; n = walker.nextNode()) {
    let r, el;
    if (n.nodeType === Node.TEXT_NODE) {
      if (!n.textContent.trim()) continue;
      const range = document.createRange();
      range.selectNodeContents(n);
      r = range.getBoundingClientRect();
      el = n.parentElement;
    } else { r = n.getBoundingClientRect(); el = n; }
    if ((r.width === 0 && r.height === 0) || inside(r) || held(n)) continue;
    out.push(Math.round(r.right) + 'px ' + name(el) + (n === el ? '' : ' text ' + JSON.stringify(n.textContent.trim().slice(0, 40))));
    if (out.length >= 8) break;
  }
  return { width: document.documentElement.scrollWidth, view: vw, beyond: out };
})()`;

interface Measured { width: number; view: number; beyond: string[] }

let browser: Browser;
let site: Served;
let fixture: Served;
let mapsLines: string[];
const figures: string[] = [];

beforeAll(async () => {
  // the global setup built this machine's real address space into the fixture build (support/maps-post.ts)
  mapsLines = inject('mapsLines');
  fixture = await serve(inject('featuresDir'));
  site = await serve(inject('siteDir'));
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
  await fixture?.close();
  if (figures.length) console.log(`page widths (px) at ${WIDTHS.join(', ')}:\n${figures.join('\n')}`);
});

/** One tab per width, from page to page (its context closes with the browser). */
const tabs = new Map<number, Page>();
async function open(base: Served, path: string, width: number, status = 200): Promise<Page> {
  const tab = tabs.get(width);
  if (tab) return visit(tab, `${base.url}${path}`, status);
  const page = await openPage(browser, `${base.url}${path}`, { width, height: 800, status });
  tabs.set(width, page);
  return page;
}

async function fits(page: Page, label: string, row: number[]): Promise<void> {
  const m = await page.evaluate(measure) as Measured;
  row.push(m.width);
  expect.soft(m.beyond, `${label}: beyond the viewport`).toEqual([]);
  expect.soft(m.width, `${label}: document width`).toBeLessThanOrEqual(m.view);
}

describe('no sideways scroll on a phone', () => {
  for (const p of pages) {
    it(`${p.name} fits 320, 360 and 390 px`, async () => {
      const row: number[] = [];
      try {
        for (const width of WIDTHS) {
          const page = await open(site, p.path, width, p.status);
          await p.ready?.(page);
          await fits(page, `${p.name} at ${width} px`, row);
        }
      } finally { figures.push(`${p.name}: ${row.join(', ')}`); }
    });
  }

  it('the long repository name in the macOS network filter post wraps inside the paragraph', async () => {
    const page = await open(site, 'posts/macos-network-filter/', 320);
    const link = page.getByRole('link', { name: 'MacOSX-Network-Sockets-Filter' });
    const lines = await link.evaluate((a) => a.getClientRects().length);
    expect(lines).toBeGreaterThan(1);
  });

  it('a post with 40 real /proc/self/maps lines fits, its listing scrolling in its own box and its address-space picture whole', async () => {
    expect(mapsLines).toHaveLength(40);
    const row: number[] = [];
    try {
      for (const width of WIDTHS) {
        const page = await open(fixture, MAPS, width);
        const label = `maps post at ${width} px`;
        expect(await page.locator('pre .line').count(), label).toBe(40);
        expect(await page.locator('pre').innerText(), label).toContain(mapsLines[0]!.split(' ')[0]);
        expect(await page.locator('.prose > table tr').count(), label).toBe(6);
        await fits(page, label, row);
        const pre = await page.locator('.listing-pre').evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth, overflow: getComputedStyle(el).overflowX }));
        expect(pre.scroll, label).toBeGreaterThan(pre.client);
        expect(pre.overflow, label).toBe('auto');
        const svg = await page.locator('.maps-svg').evaluate((el) => {
          const r = el.getBoundingClientRect();
          return { left: r.left, right: r.right, width: r.width, bands: el.querySelectorAll('.maps-band').length };
        });
        expect(svg.bands, label).toBeGreaterThan(0);
        expect(svg.left, label).toBeGreaterThanOrEqual(0);
        expect(svg.right, label).toBeLessThanOrEqual(width);
      }
    } finally { figures.push(`maps post (40 lines of /proc/self/maps): ${row.join(', ')}`); }
  });
});
