// axe-core in a page: the one accessibility check of the browser tests (WCAG 2.0/2.1 A and AA,
// and axe's best practices).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeResult { violations: Array<{ id: string; help: string; nodes: Array<{ target: string[] }> }> }

// (axe is loaded again into each page: about 0.5 s of a renderer's CPU, whichever way it is injected)
/** The axe violations of the page as it is now (or of the element `within` selects): rule, help and up to three nodes each. */
export async function axeViolations(page: Page, within?: string): Promise<string[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async (selector) => {
    const axe = (window as unknown as { axe: { run: (context: Element | Document, options: object) => Promise<AxeResult> } }).axe;
    const context = selector ? document.querySelector(selector) : document;
    if (!context) return [`nothing matches ${selector}`];
    const r = await axe.run(context, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return r.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')})`);
  }, within ?? null);
}
