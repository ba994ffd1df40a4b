// The static gates over a built site, shared by `npm run check` (scripts/check.ts) and the
// e2e suite (tests/e2e/quality.test.ts): each returns its problems, one line each.
// html-validate (the slow gate) remembers each page's result by the page's bytes, so a
// rebuilt site is validated only where its HTML changed; links and budgets look at every
// page every time (a deleted post breaks links into it from pages that did not change).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { HtmlValidate, StaticConfigLoader } from 'html-validate';
import { findBrokenLinks } from '../src/lib/site-check/links.ts';
import { pageAssets } from '../src/lib/site-check/budgets.ts';
import { cacheRoot } from '../src/node/build-cache.ts';
import { filesUnder, hashFiles } from '../src/node/files.ts';
import { inspectPostSources } from '../src/lib/frontmatter-check.ts';
import { listPostFiles } from '../src/node/post-files.ts';
import { readSettings } from '../src/node/settings.ts';
import { fieldLine, postOfPage, snippetLine, where, type PostSourceFile } from '../src/lib/site-check/sources.ts';
import { postSlugOfPath } from '../src/lib/routes.ts';

export const budgets = { cssBytes: 20 * 1024, postJsBytes: 4 * 1024 };

export interface SiteCheckResult { pages: number; validated: number; html: string[]; links: string[]; budgets: string[] }

const root = resolve(import.meta.dirname, '..');
const sha = (text: string) => createHash('sha256').update(text).digest('hex');

/** One html-validate message, with the markup it points at (to find it in the post's source). */
interface HtmlMessage { line: number; column: number; rule: string; message: string; snippet: string }

/** html-validate's verdict per page hash, kept in the checkout's cache under a key of the validator and its rules. */
function validationCache(): { get: (h: string) => HtmlMessage[] | undefined; set: (h: string, m: HtmlMessage[]) => void; save: () => void } {
  const key = hashFiles(root, ['.htmlvalidate.json', 'package-lock.json', 'scripts/site-checks.ts'].filter((f) => existsSync(join(root, f))));
  const file = join(cacheRoot(root), 'checks', `html-validate-${key}.json`);
  let known: Record<string, HtmlMessage[]> = {};
  try { known = JSON.parse(readFileSync(file, 'utf8')) as Record<string, HtmlMessage[]>; } catch { /* none yet, or unreadable: validate all */ }
  const now: Record<string, HtmlMessage[]> = {}; // this run's pages only: the file does not grow from push to push
  return {
    get: (h) => { const m = known[h]; if (m) now[h] = m; return m; },
    set: (h, m) => { now[h] = m; },
    save: () => {
      if (JSON.stringify(Object.keys(now).sort()) === JSON.stringify(Object.keys(known).sort())) return;
      mkdirSync(join(file, '..'), { recursive: true });
      writeFileSync(`${file}.tmp`, JSON.stringify(now)); // a killed or full-disk write leaves the old file
      renameSync(`${file}.tmp`, file);
    },
  };
}

/** The posts by slug, to name the source file (and line) of a problem on a post page. */
function postSources(contentDir: string): Map<string, PostSourceFile> {
  const files = listPostFiles(contentDir).files.map((f) => ({ path: relative(root, f), source: readFileSync(f, 'utf8') }));
  const texts = new Map(files.map((f) => [f.path, f.source]));
  return new Map(inspectPostSources(files).posts.map((p) => [p.slug, { file: p.file, text: texts.get(p.file)! }]));
}

export async function staticSiteChecks(dist: string, contentDir = resolve(root, readSettings().contentDir)): Promise<SiteCheckResult> {
  const files = filesUnder(dist, ['.']).map((f) => join(dist, f));
  const htmlFiles = files.filter((f) => f.endsWith('.html'));
  const urlOf = (f: string) => `/${relative(dist, f)}`.replace(/index\.html$/, '');
  const pages = htmlFiles.map((f) => ({ file: f, url: urlOf(f), html: readFileSync(f, 'utf8') }));

  // One exception in .htmlvalidate.json: <style> as flow content, for the one rule Astro writes
  // before its first island (astro-island{display:contents}), hashed in the page's CSP.
  // The project's config, wherever the build lives (a config search from the file would miss it in /tmp).
  const config = JSON.parse(readFileSync(join(root, '.htmlvalidate.json'), 'utf8'));
  const hv = new HtmlValidate(new StaticConfigLoader(config));
  const cache = validationCache();
  const sources = postSources(contentDir);
  const html: string[] = [];
  let validated = 0;
  for (const p of pages) {
    const h = sha(p.html);
    let messages = cache.get(h);
    if (!messages) {
      const report = await hv.validateString(p.html, p.file);
      messages = report.results.flatMap((r) => r.messages.map((m) => ({
        line: m.line, column: m.column, rule: m.ruleId, message: m.message, snippet: p.html.slice(m.offset, m.offset + Math.min(m.size, 200)),
      })));
      cache.set(h, messages);
      validated++;
    }
    const post = postOfPage(p.url, sources);
    for (const m of messages) {
      if (!post) { html.push(`${p.url}:${m.line}:${m.column} ${m.rule}: ${m.message}`); continue; }
      const line = m.rule === 'long-title' ? fieldLine(post.text, 'title') : snippetLine(post.text, m.snippet);
      html.push(`${where(post, line)}: ${m.message} (html-validate ${m.rule}, built page ${p.url} ${m.line}:${m.column})`);
    }
  }
  cache.save();

  const links = findBrokenLinks(pages, new Set(files.map((f) => `/${relative(dist, f)}`))).map((p) => {
    const post = postOfPage(p.page, sources);
    return post ? `${where(post, snippetLine(post.text, p.link))}: broken link ${p.link} (${p.reason}; built page ${p.page})` : `${p.page}: ${p.link} (${p.reason})`;
  });

  const gzipped = new Map<string, number>();
  const gz = (url: string) => {
    let n = gzipped.get(url);
    if (n === undefined) gzipped.set(url, (n = gzipSync(readFileSync(join(dist, url.replace(/^\/+/, '')))).length));
    return n;
  };
  const frameworkFree = new Map<string, boolean>();
  const loadsFramework = (s: string) => {
    let v = frameworkFree.get(s);
    if (v === undefined) frameworkFree.set(s, (v = /preact|__PREACT|options\.__[a-z]/i.test(readFileSync(join(dist, s.replace(/^\/+/, '')), 'utf8'))));
    return v;
  };
  const over: string[] = [];
  for (const p of pages) {
    const post = postOfPage(p.url, sources);
    const page = post ? `${post.file} (built page ${p.url})` : p.url;
    const a = pageAssets(p.html);
    for (const e of a.external) over.push(`${page}: loads ${e} from another origin`);
    if (a.styleAttributes) over.push(`${page}: ${a.styleAttributes} style attribute(s) (a strict CSP blocks them)`);
    const css = a.styles.reduce((n, s) => n + gz(s), 0);
    if (css > budgets.cssBytes) over.push(`${page}: ${(css / 1024).toFixed(1)} KB of CSS gzipped (budget 20 KB)`);
    if (postSlugOfPath(p.url) !== undefined && !p.html.includes('<astro-island')) {
      if (a.scripts.some(loadsFramework)) over.push(`${page}: a post without an island loads framework code`);
      const js = a.scripts.reduce((n, s) => n + gz(s), 0);
      if (js > budgets.postJsBytes) over.push(`${page}: ${(js / 1024).toFixed(1)} KB of JS gzipped (budget 4 KB for a post without an island)`);
    }
  }
  return { pages: pages.length, validated, html, links, budgets: over };
}
