// The static gates over a built site, shared by `npm run check` (scripts/check.ts) and the
// e2e suite (tests/e2e/quality.test.ts): each returns its problems, one line each.
import { readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { HtmlValidate, StaticConfigLoader } from 'html-validate';
import { findBrokenLinks } from '../src/lib/site-check/links.ts';
import { pageAssets } from '../src/lib/site-check/budgets.ts';
import { listFiles } from './bench/support.ts';

export const budgets = { cssBytes: 20 * 1024, postJsBytes: 4 * 1024 };

export interface SiteCheckResult { pages: number; html: string[]; links: string[]; budgets: string[] }

export async function staticSiteChecks(dist: string): Promise<SiteCheckResult> {
  const files = listFiles(dist);
  const htmlFiles = files.filter((f) => f.endsWith('.html'));
  const urlOf = (f: string) => `/${relative(dist, f)}`.replace(/index\.html$/, '');
  const pages = htmlFiles.map((f) => ({ url: urlOf(f), html: readFileSync(f, 'utf8') }));

  // One exception in .htmlvalidate.json: <style> as flow content, for the one rule Astro writes
  // before its first island (astro-island{display:contents}), hashed in the page's CSP.
  // The project's config, wherever the build lives (a config search from the file would miss it in /tmp).
  const config = JSON.parse(readFileSync(resolve(import.meta.dirname, '../.htmlvalidate.json'), 'utf8'));
  const hv = new HtmlValidate(new StaticConfigLoader(config));
  const html: string[] = [];
  for (const f of htmlFiles) {
    const report = await hv.validateFile(f);
    for (const r of report.results) for (const m of r.messages) html.push(`${urlOf(f)}:${m.line}:${m.column} ${m.ruleId}: ${m.message}`);
  }

  const links = findBrokenLinks(pages, new Set(files.map((f) => `/${relative(dist, f)}`))).map((p) => `${p.page}: ${p.link} (${p.reason})`);

  const gz = (url: string) => gzipSync(readFileSync(join(dist, url.replace(/^\/+/, '')))).length;
  const over: string[] = [];
  for (const p of pages) {
    const a = pageAssets(p.html);
    for (const e of a.external) over.push(`${p.url}: loads ${e} from another origin`);
    if (a.styleAttributes) over.push(`${p.url}: ${a.styleAttributes} style attribute(s) (a strict CSP blocks them)`);
    const css = a.styles.reduce((n, s) => n + gz(s), 0);
    if (css > budgets.cssBytes) over.push(`${p.url}: ${(css / 1024).toFixed(1)} KB of CSS gzipped (budget 20 KB)`);
    if (p.url.startsWith('/posts/') && !p.html.includes('<astro-island')) {
      if (a.scripts.some((s) => /preact|__PREACT|options\.__[a-z]/i.test(readFileSync(join(dist, s.replace(/^\/+/, '')), 'utf8'))))
        over.push(`${p.url}: a post without an island loads framework code`);
      const js = a.scripts.reduce((n, s) => n + gz(s), 0);
      if (js > budgets.postJsBytes) over.push(`${p.url}: ${(js / 1024).toFixed(1)} KB of JS gzipped (budget 4 KB for a post without an island)`);
    }
  }
  return { pages: pages.length, html, links, budgets: over };
}
