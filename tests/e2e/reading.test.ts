// Reading aids on a real build, in Chromium: GitHub-style callouts (both themes, axe, feeds),
// footnotes as sidenotes on wide screens and at the end on narrow ones (keyboard too), and a
// table of contents that stays in view and marks the section being read, with no layout shift
// and no CSP violation. The posts are fixtures (tests/fixtures/posts/), in the fixture build.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { staticSiteChecks } from '../../scripts/site-checks.ts';
import { launch, openPage, watchCsp } from './support/browser.ts';
import { axeViolations } from '../../scripts/harness/axe.ts';
import { serve, type Served } from './support/server.ts';

const labels = ['Note', 'Tip', 'Important', 'Warning', 'Caution'];

// The posts: tests/fixtures/posts/reading-fixture.md (five callouts, a footnote, four sections, so a
// table of contents) and notes-without-contents.md (a footnote, no table of contents).

let browser: Browser;
let site: Served;
const dist = inject('featuresDir');

beforeAll(async () => {
  site = await serve(dist);
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

interface Watched { page: Page; context: BrowserContext; shifts: () => Promise<number>; csp: () => Promise<string[]> }

/** A page with the site's real CSP, layout shifts and CSP violations recorded from the start. */
async function open(path: string, width: number, scheme: 'light' | 'dark' = 'light', bypassCSP = false): Promise<Watched> {
  const csp = watchCsp();
  const page = await openPage(browser, `${site.url}${path}`, {
    width, height: 800, scheme, context: { bypassCSP }, failOnError: false,
    init: [csp.init, () => {
      const w = window as unknown as { shifts: number };
      w.shifts = 0;
      new PerformanceObserver((list) => { for (const e of list.getEntries()) w.shifts += (e as unknown as { value: number }).value; })
        .observe({ type: 'layout-shift', buffered: true });
    }],
    onPage: csp.onPage,
  });
  const context = page.context();
  return {
    page, context,
    shifts: () => page.evaluate(() => (window as unknown as { shifts: number }).shifts),
    csp: () => csp.take(page),
  };
}

const post = 'posts/reading-fixture/';
const box = async (page: Page, selector: string) => {
  const b = await page.locator(selector).first().boundingBox();
  expect(b, selector).not.toBeNull();
  return b!;
};

/** Resolves once the page has not scrolled for ten frames (the site scrolls smoothly). */
const settled = (page: Page) => page.evaluate(() => new Promise<void>((done) => {
  let y = scrollY, still = 0;
  const tick = () => { if (scrollY === y) still++; else { y = scrollY; still = 0; } if (still > 10) done(); else requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
}));

describe('callouts', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`render the five GitHub alerts as labelled notes, with zero axe violations (${scheme})`, async () => {
      const { page, context } = await open(post, 1280, scheme, true);
      expect(await page.evaluate(() => document.documentElement.dataset['theme'])).toBe(scheme);
      const notes = page.locator('.prose [role="note"]');
      expect(await notes.count()).toBe(5);
      for (const [i, label] of labels.entries()) {
        const title = notes.nth(i).locator('.markdown-alert-title');
        expect(await title.innerText()).toBe(label);
        expect(await title.isVisible()).toBe(true);
        expect(await notes.nth(i).locator('svg[aria-hidden="true"]').isVisible()).toBe(true);
        expect(await notes.nth(i).innerText()).toContain(`A ${label.toLowerCase()} callout.`);
      }
      // Each kind has its own colour, and it is the theme's (the label and the rule agree).
      const colours = await notes.evaluateAll((els) => els.map((e) => [getComputedStyle(e.querySelector('.markdown-alert-title')!).color, getComputedStyle(e).borderLeftColor]));
      expect(new Set(colours.map(([c]) => c)).size).toBe(5);
      for (const [label, rule] of colours) expect(rule).toBe(label);
      expect(await page.locator('.prose').innerText()).not.toContain('[!');
      const violations = await axeViolations(page);
      expect(violations).toEqual([]);
      await context.close();
    });
  }

  it('are in feed.json and rss.xml with their labels as text, and the footnote only once', () => {
    const feed = JSON.parse(readFileSync(join(dist, 'feed.json'), 'utf8')) as { items: Array<{ url: string; content_html: string }> };
    const html = feed.items.find((i) => i.url.endsWith(`/${post}`))!.content_html;
    const rss = readFileSync(join(dist, 'rss.xml'), 'utf8').replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"').replaceAll('&amp;', '&');
    for (const doc of [html, rss]) {
      for (const label of labels) {
        expect(doc).toMatch(new RegExp(`<div class="markdown-alert markdown-alert-${label.toLowerCase()}" dir="auto" role="note">\\s*<p class="markdown-alert-title" dir="auto"><svg [^>]*aria-hidden="true"[^>]*>[\\s\\S]*?</svg>${label}</p>`));
      }
      expect(doc).not.toContain('class="sidenote"');
      expect(doc.split("The first footnote, in full.")).toHaveLength(2);
      expect(doc).toContain('data-footnote-backref');
    }
  });
});

describe('sidenotes', () => {
  for (const [name, path] of [['with a table of contents', post], ['without one', 'posts/notes-without-contents/']] as const) {
    it(`at 1280 px sit beside the paragraph that cites them (${name})`, async () => {
      const { page, context } = await open(path, 1280);
      const para = await box(page, '.prose > p:has(a[data-footnote-ref])');
      const prose = await box(page, '.prose');
      const note = page.locator('.prose > aside.sidenote');
      expect(await note.count()).toBe(1);
      expect(await note.isVisible()).toBe(true);
      expect(await note.getAttribute('aria-hidden')).toBe('true');
      const n = (await note.boundingBox())!;
      expect(Math.abs(n.y - para.y), 'sidenote top near the paragraph top').toBeLessThan(6);
      expect(n.x, 'sidenote right of the text column').toBeGreaterThanOrEqual(prose.x + prose.width);
      expect(n.x + n.width, 'sidenote inside the viewport').toBeLessThanOrEqual(1280);
      // Nothing overlaps it: the TOC (when there is one) is on the other side of the text.
      if (await page.locator('.toc').count()) expect((await box(page, '.toc')).x + (await box(page, '.toc')).width).toBeLessThanOrEqual(prose.x);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
      await context.close();
    });
  }

  it('at 390 px are not shown: the footnotes stay at the end of the post', async () => {
    const { page, context } = await open(post, 390);
    expect(await page.locator('.prose > aside.sidenote').isVisible()).toBe(false);
    const footnotes = page.locator('.prose > section.footnotes');
    expect(await footnotes.isVisible()).toBe(true);
    expect(await page.evaluate(() => document.querySelector('.prose')!.lastElementChild!.matches('section.footnotes'))).toBe(true);
    const last = await box(page, '.prose > p:last-of-type');
    expect((await box(page, '.prose > section.footnotes')).y).toBeGreaterThan(last.y + last.height - 1);
    expect(await footnotes.innerText()).toContain("The first footnote, in full.");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await context.close();
  });

  it('keep the footnote link and its back-link working by keyboard, and the margin copy out of the tab order', async () => {
    const { page, context } = await open(post, 1280);
    const focused = () => page.evaluate(() => {
      const a = document.activeElement;
      return { ref: a?.hasAttribute('data-footnote-ref') ?? false, back: a?.hasAttribute('data-footnote-backref') ?? false, inCopy: !!a?.closest('.sidenote') };
    });
    let f = await focused();
    for (let i = 0; i < 80 && !f.ref; i++) {
      await page.keyboard.press('Tab');
      f = await focused();
      expect(f.inCopy).toBe(false);
    }
    expect(f.ref, 'Tab reaches the footnote reference').toBe(true);
    await settled(page); // Tab scrolled the link into view (smoothly): as a reader, press Enter once it is there
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => location.hash === '#user-content-fn-first');
    const inView = (id: string) => page.waitForFunction((i) => { const r = document.getElementById(i)!.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }, id);
    await inView('user-content-fn-first'); // (the page scrolls smoothly)
    await settled(page);
    // Tab goes on from the footnote: through its own link to its back-link.
    for (const expected of ['elsewhere', '↩']) {
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => [document.activeElement?.closest('li')?.id, document.activeElement?.textContent])).toEqual(['user-content-fn-first', expected]);
    }
    expect((await focused()).back).toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => location.hash === '#user-content-fnref-first');
    await inView('user-content-fnref-first');
    await context.close();
  });
});

describe('table of contents', () => {
  it('at 1280 px stays in view and marks the section scrolled to, with no layout shift or CSP violation', async () => {
    const { page, context, shifts, csp } = await open(post, 1280);
    const links = page.locator('.toc a');
    expect(await links.allTextContents()).toEqual(['Callouts', 'Sidenotes', 'Third section', 'Fourth section', 'Footnotes']);
    const current = () => page.locator('.toc a[aria-current="true"]').allTextContents();
    await page.waitForLoadState('load');
    expect(await current()).toEqual([]); // above the first heading: no section yet
    const styleOf = () => links.nth(2).evaluate((a) => getComputedStyle(a).backgroundColor);
    const plain = await styleOf();
    // Scroll as a reader does, with the wheel, until the third heading is near the top.
    for (let i = 0; i < 100; i++) {
      const top = await page.locator('#third-section').evaluate((h) => h.getBoundingClientRect().top);
      if (top < 150) break;
      await page.mouse.move(640, 400);
      await page.mouse.wheel(0, Math.min(300, top - 100));
      await page.waitForTimeout(30);
    }
    await page.waitForFunction(() => document.querySelector('.toc a[href="#third-section"]')?.getAttribute('aria-current') === 'true');
    expect(await current()).toEqual(['Third section']);
    expect(await styleOf(), 'the current link looks different').not.toBe(plain);
    const toc = await box(page, '.toc');
    expect(toc.y).toBeGreaterThanOrEqual(0);
    expect(toc.y + toc.height).toBeLessThanOrEqual(800);
    // Back up to the first section.
    await page.locator('#callouts').evaluate((h) => h.scrollIntoView({ behavior: 'instant' }));
    await page.waitForFunction(() => document.querySelector('.toc a[aria-current="true"]')?.textContent === 'Callouts');
    expect(await current()).toEqual(['Callouts']);
    expect(await shifts()).toBe(0);
    expect(await csp()).toEqual([]);
    await context.close();
  });

  it('loads its script only on posts with a table of contents, within the post JS budget, and the built pages pass the site checks', async () => {
    const html = (p: string) => readFileSync(join(dist, p, 'index.html'), 'utf8');
    expect(html(post)).toContain('IntersectionObserver');
    expect(html('posts/notes-without-contents/')).not.toContain('IntersectionObserver');
    const r = await staticSiteChecks(dist);
    expect(r.html).toEqual([]);
    expect(r.links).toEqual([]);
    expect(r.budgets).toEqual([]);
  });
});
