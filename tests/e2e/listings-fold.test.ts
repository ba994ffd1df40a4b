// Long listings fold (issue 20): on the fixture post tests/fixtures/posts/folded-listing.md, a
// 301-line `!process 0 0`-shaped listing, the SList routine folded at 10 with branches past the
// fold, and a 45-line listing kept whole with `open`; at a phone's width and a desktop's.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { launch, openPage, type OpenOptions } from './support/browser.ts';
import { fixturePosts } from './support/build.ts';
import { serve, type Served } from './support/server.ts';

const POST = 'posts/folded-listing/';
const source = readFileSync(join(fixturePosts, 'folded-listing.md'), 'utf8');
const fences = [...source.matchAll(/```[^\n]*\n([\s\S]*?)\n```/g)].map((m) => m[1]!);

let browser: Browser;
let site: Served;
beforeAll(async () => {
  site = await serve(inject('featuresDir'));
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

const open = (path: string, opts: OpenOptions = {}) => openPage(browser, `${site.url}${path}`, opts);
/** How many of a listing's lines take up room on the screen. */
const shown = (listing: Locator) => listing.locator('.line').evaluateAll((ls) => ls.filter((l) => l.getClientRects().length > 0).length);
const listings = (page: Page) => page.locator('.prose figure.listing');
/** Adds up the page's layout shifts from the start (runs in the page, before its scripts). */
const recordShifts = () => {
  const w = window as unknown as { shift: number };
  w.shift = 0;
  new PerformanceObserver((l) => { for (const e of l.getEntries()) w.shift += (e as unknown as { value: number }).value; }).observe({ type: 'layout-shift', buffered: true });
};

for (const width of [390, 1280]) {
  describe(`at ${width} px`, () => {
    it('a 301-line listing shows its first 20 lines and "Show all 301 lines", which opens and closes from the keyboard; nothing shifts as the page loads', async () => {
      const page = await open(POST, { width, init: recordShifts });
      try {
        // the titled listing's buttons appear when the script runs, in room kept for them
        await page.waitForLoadState('load');
        expect(await page.evaluate(() => (window as unknown as { shift: number }).shift)).toBe(0);
        const big = listings(page).nth(0);
        expect(await shown(big)).toBe(20);
        const summary = big.locator('summary');
        expect(await summary.innerText()).toMatch(/Show all 301 lines$/);
        expect(await summary.evaluate((s) => s.getBoundingClientRect().width <= document.documentElement.clientWidth)).toBe(true);
        await summary.focus();
        expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('SUMMARY');
        await page.keyboard.press('Enter');
        expect(await shown(big)).toBe(301);
        expect(await summary.innerText()).toMatch(/Fold to the first 20 lines$/);
        expect(await big.locator('details').getAttribute('open')).toBe('');
        await page.keyboard.press('Space');
        expect(await shown(big)).toBe(20);
        // the kept-whole one
        expect(await shown(listings(page).nth(2))).toBe(45);
        expect(await listings(page).nth(2).locator('details').count()).toBe(0);
      } finally {
        await page.context().close();
      }
    });
  });
}

describe('what folding keeps', () => {
  it('Copy copies every line of a folded listing', async () => {
    const page = await open(POST, { context: { permissions: ['clipboard-read', 'clipboard-write'] } });
    try {
      const big = listings(page).nth(0);
      await big.getByRole('button', { name: 'Copy' }).click();
      await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(fences[0]);
    } finally {
      await page.context().close();
    }
  });

  it('a branch link into the folded part unfolds it and lands on the target line; folding it again works', async () => {
    const page = await open(POST);
    try {
      const routine = listings(page).nth(1);
      expect(await shown(routine)).toBe(10);
      const link = routine.locator('a.xref').first();
      const id = (await link.getAttribute('href'))!.slice(1);
      expect(await routine.locator(`.listing-rest [id="${id}"]`).count()).toBe(1);
      await link.click();
      await expect.poll(() => routine.locator('details').getAttribute('open')).toBe('');
      expect(await shown(routine)).toBe(36);
      const target = routine.locator(`[id="${id}"]`);
      expect(await target.evaluate((t) => t.matches(':target'))).toBe(true);
      expect(await target.isVisible()).toBe(true);
      // and the reader can fold it again, the link's target notwithstanding
      await routine.locator('summary').click();
      expect(await shown(routine)).toBe(10);
    } finally {
      await page.context().close();
    }
  });

  it('without JavaScript, a link to a folded line still shows it', async () => {
    const first = await open(POST);
    const id = (await listings(first).nth(1).locator('a.xref').first().getAttribute('href'))!.slice(1);
    await first.context().close();
    const page = await open(`${POST}#${id}`, { context: { javaScriptEnabled: false } });
    try {
      expect(await page.locator(`[id="${id}"]`).isVisible()).toBe(true);
      expect(await shown(listings(page).nth(0))).toBe(20); // the other folded listing stays folded
    } finally {
      await page.context().close();
    }
  });

  it('print shows every line and no control', async () => {
    const page = await open(POST);
    try {
      await page.emulateMedia({ media: 'print' });
      expect(await shown(listings(page).nth(0))).toBe(301);
      expect(await shown(listings(page).nth(1))).toBe(36);
      expect(await listings(page).nth(0).locator('summary').isVisible()).toBe(false);
    } finally {
      await page.context().close();
    }
  });

  it('search finds words that only the folded lines hold', async () => {
    expect(fences[0]!.split('\n').findIndex((l) => l.includes('notepad.exe'))).toBeGreaterThan(20);
    const page = await open('search/?q=notepad.exe');
    try {
      await page.locator('#search-page-results[data-search-query="notepad.exe"]').waitFor();
      const hits = await page.locator('#search-page-results .search-hit-title').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).pathname));
      expect(hits).toContain(`/${POST}`);
    } finally {
      await page.context().close();
    }
  });
});
