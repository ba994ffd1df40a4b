// Debian's Chromium driven by playwright-core (a test tool's own browser download cannot work here),
// and the one page opener of the tests and benchmarks.
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';

/**
 * Debian's chromium-headless-shell when installed (./rz installs it): the same Chromium build,
 * Blink and V8, without the browser around them; it took the browser tests from 434 to 331 s.
 * Else Debian's chromium itself. CHROMIUM_PATH names another.
 */
const headlessShell = '/usr/bin/chromium-headless-shell';
export const chromiumPath = process.env.CHROMIUM_PATH ?? (existsSync(headlessShell) ? headlessShell : '/usr/bin/chromium');

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

export interface OpenOptions {
  /** viewport width in px (1280) and height (900) */
  width?: number;
  height?: number;
  scheme?: 'light' | 'dark';
  /** the HTTP status the page must answer with (200) */
  status?: number;
  /** a script error on the page fails the test (true) */
  failOnError?: boolean;
  /** anything else for the page's own context (javaScriptEnabled, bypassCSP, permissions...) */
  context?: BrowserContextOptions;
  /** run in the new context before the page loads (observers, stubs, watchCsp().init) */
  init?: (() => void) | Array<() => void>;
  /** called with the page before it loads (to listen to its console or requests from the start) */
  onPage?: (page: Page) => void;
}

/**
 * A page in a context of its own (close it with `page.context().close()`), loaded from `url`;
 * throws when the status is not the expected one.
 */
export async function openPage(browser: Browser, url: string, opts: OpenOptions = {}): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: opts.width ?? 1280, height: opts.height ?? 900 },
    colorScheme: opts.scheme ?? 'light',
    ...opts.context,
  });
  for (const init of [opts.init ?? []].flat()) await context.addInitScript(init);
  const page = await context.newPage();
  if (opts.failOnError ?? true) page.on('pageerror', (e) => { throw e; });
  opts.onPage?.(page);
  return visit(page, url, opts.status);
}

/**
 * The same tab, loaded from `url` (throws when the status is not `status`): a tab that goes from
 * page to page keeps its renderer warm, about half the CPU of a new tab per page.
 */
export async function visit(page: Page, url: string, status = 200): Promise<Page> {
  const res = await page.goto(url);
  if (res?.status() !== status) throw new Error(`${url}: HTTP ${res?.status()}, expected ${status}`);
  return page;
}

/**
 * Content-Security-Policy trouble on a page, watched from before it loads: the violation events
 * the page sees and Chromium's console errors about the policy. Give `init` and `onPage` to
 * openPage; `take(page)` returns what went wrong since it was last called.
 */
export function watchCsp(): { init: () => void; onPage: (page: Page) => void; take: (page: Page) => Promise<string[]> } {
  const errors: string[] = [];
  return {
    init: () => {
      const w = window as unknown as { cspViolations: string[] };
      w.cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => w.cspViolations.push(`${e.violatedDirective}: ${e.blockedURI || 'inline'} ${e.sourceFile}:${e.lineNumber}`));
    },
    onPage: (page) => page.on('console', (m) => { if (m.type() === 'error' && /Content Security Policy|Refused to/.test(m.text())) errors.push(m.text()); }),
    take: async (page) => {
      const seen = await page.evaluate(() => {
        const w = window as unknown as { cspViolations?: string[] };
        const v = w.cspViolations ?? [];
        w.cspViolations = [];
        return v;
      });
      return [...errors.splice(0), ...seen];
    },
  };
}
