// Site-wide quality gates on the built site (the real posts and the fixture posts of
// tests/fixtures/posts beside them): valid HTML and working links on every page, page-weight
// budgets, zero axe violations and no CSP violation or third-party request on each page type,
// in light and dark themes.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { staticSiteChecks, type SiteCheckResult } from '../../scripts/site-checks.ts';
import { launch, openPage, visit, watchCsp } from './support/browser.ts';
import { axeViolations } from '../../scripts/harness/axe.ts';
import { serve, type Served } from './support/server.ts';

const dir = inject('featuresDir');

/** One page of each type, [name, path, HTTP status]; search only once the site has it. */
const pageTypes: Array<[string, string, number]> = [
  ['home', '', 200],
  ['post with listings', 'posts/linux-process-the-beginning/', 200],
  ['SList post', 'posts/exinterlockedpopentryslist-processing-by-scheduler/', 200],
  ['post with a folded listing, a card and related posts', 'posts/folded-listing/', 200],
  ['post with a screenshot and a diagram', 'posts/images-post/', 200],
  ['tag', 'tags/kernel/', 200],
  ['series', 'series/slist-on-x64/', 200],
  ['archive', 'archive/', 200],
  ...(existsSync(join(dir, 'search/index.html')) ? [['search', 'search/', 200] as [string, string, number]] : []),
  ['404', 'no-such-page/', 404],
];

describe('every built page', () => {
  let r: SiteCheckResult;
  beforeAll(async () => { r = await staticSiteChecks(dir); });

  it('is valid HTML (html-validate, recommended rules)', () => {
    expect(r.pages).toBeGreaterThanOrEqual(16);
    expect(r.html).toEqual([]);
  });

  it('has only internal links and #anchors that resolve', () => {
    expect(r.links).toEqual([]);
  });

  const thirdParty = (line: string) => /another origin|style attribute/.test(line);

  it('loads nothing from another origin, and has no inline style attribute', () => {
    expect(r.budgets.filter(thirdParty)).toEqual([]);
  });

  it('stays within budget: CSS at most 20 KB gzipped; post pages without an island load no framework JS and at most 4 KB of the site\'s own', () => {
    expect(r.budgets.filter((l) => !thirdParty(l))).toEqual([]);
  });
});

describe('each page type in Chromium', () => {
  let browser: Browser;
  let site: Served;
  beforeAll(async () => { site = await serve(dir); browser = await launch(); });
  afterAll(async () => { await browser?.close(); await site?.close(); });

  // The three browser tests run side by side: each is one renderer busy in turn, on a 2-core machine.
  for (const scheme of ['light', 'dark'] as const) {
    it.concurrent(`has zero axe violations (${scheme} theme)`, async () => {
      // one tab goes from page to page, as a reader does: its renderer stays warm (a tab per page is about twice the CPU)
      let page: Page | undefined;
      const found: string[] = [];
      for (const [name, path, status] of pageTypes) {
        if (!page) page = await openPage(browser, `${site.url}${path}`, { scheme, status, context: { bypassCSP: true } });
        else await visit(page, `${site.url}${path}`, status);
        expect(await page.evaluate(() => document.documentElement.dataset['theme'])).toBe(scheme);
        const violations = await axeViolations(page);
        found.push(...violations.map((v) => `${name} [${scheme}] ${v}`));
      }
      await page?.context().close();
      expect(found).toEqual([]);
    });
  }

  it.concurrent('breaks no Content Security Policy rule and requests nothing from another origin', async () => {
    const watch = watchCsp();
    const problems: string[] = [];
    let page: Page | undefined;
    let requests: string[] = [];
    for (const [name, path, status] of pageTypes) {
      requests = [];
      const url = `${site.url}${path}`;
      if (!page) page = await openPage(browser, url, { status, init: watch.init, onPage: (p) => { watch.onPage(p); p.on('request', (r) => requests.push(r.url())); } });
      else await visit(page, url, status);
      // The policy is really there, strict: no 'unsafe-inline' for scripts or styles.
      const csp = await page.locator('meta[http-equiv="content-security-policy"]').getAttribute('content');
      expect(csp, name).toMatch(/script-src 'self'/);
      expect(csp, name).not.toContain('unsafe-inline');
      // Exercise the page's scripts: the theme toggle, then a scroll for anything lazy.
      await page.locator('[data-theme-toggle]').click();
      await page.mouse.wheel(0, 4000);
      await page.waitForTimeout(300);
      problems.push(...(await watch.take(page)).map((v) => `${name}: ${v}`));
      problems.push(...requests.filter((u) => !u.startsWith(site.origin) && !u.startsWith('data:')).map((u) => `${name}: request to ${u}`));
    }
    expect(problems).toEqual([]);
    // the watcher sees a violation when there is one: an inline script, which the policy refuses
    const last = page!;
    await last.evaluate(() => { const s = document.createElement('script'); s.textContent = 'window.name = "ran"'; document.head.append(s); });
    const seen: string[] = [];
    for (let i = 0; i < 50 && !seen.some((v) => /script-src/.test(v)); i++) { seen.push(...await watch.take(last)); await last.waitForTimeout(100); }
    expect(seen.join('\n')).toMatch(/script-src/);
    expect(await last.evaluate(() => window.name)).not.toBe('ran');
    await last.context().close();
  });
});
