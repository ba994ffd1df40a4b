// Link checking over a built site: every internal href/src resolves to a file,
// and every #fragment to an id on its page. Pure: callers pass the pages in.
import { decodeHTMLAttribute } from 'entities/decode';
import { filesOfUrl } from '../routes.ts';

export interface BuiltPage { /** URL path, e.g. /blog/posts/x/ */ url: string; html: string }
export interface LinkProblem { page: string; link: string; reason: string }

const attrPattern = /<([a-zA-Z][\w-]*)\b[^>]*?\s(href|src|srcset|xlink:href)="([^"]*)"/g;
const idPattern = /\s(?:id|name)="([^"]+)"/g;

export function idsOf(html: string): Set<string> {
  return new Set([...html.matchAll(idPattern)].map((m) => decodeHTMLAttribute(m[1]!)));
}


/** The internal links of a page, resolved to absolute URL paths with fragments. */
export function internalLinks(page: BuiltPage): Array<{ raw: string; path: string; hash: string }> {
  const out: Array<{ raw: string; path: string; hash: string }> = [];
  const origin = 'http://site.invalid';
  for (const m of page.html.matchAll(attrPattern)) {
    const values = m[2] === 'srcset' ? m[3]!.split(',').map((s) => s.trim().split(/\s+/)[0]!) : [m[3]!];
    for (const value of values) {
      const raw = decodeHTMLAttribute(value);
      if (!raw || /^(mailto|tel|data|javascript):/i.test(raw)) continue;
      const u = new URL(raw, origin + page.url);
      if (u.origin !== origin) continue;
      out.push({ raw, path: decodeURIComponent(u.pathname), hash: decodeURIComponent(u.hash.slice(1)) });
    }
  }
  return out;
}

/**
 * Broken internal links: a path that is no file of the site (a directory URL needs its
 * index.html), or a fragment that is no id on the target page.
 */
export function findBrokenLinks(pages: readonly BuiltPage[], files: ReadonlySet<string>): LinkProblem[] {
  const idsByUrl = new Map(pages.map((p) => [p.url, idsOf(p.html)]));
  const problems: LinkProblem[] = [];
  const exists = (path: string) => filesOfUrl(path).some((f) => files.has(`/${f}`));
  for (const page of pages) {
    for (const link of internalLinks(page)) {
      if (!exists(link.path)) { problems.push({ page: page.url, link: link.raw, reason: 'no such file' }); continue; }
      if (link.hash) {
        const target = link.path.endsWith('/') ? link.path : link.path;
        const ids = idsByUrl.get(target) ?? idsByUrl.get(`${target}/`);
        if (ids && !ids.has(link.hash)) problems.push({ page: page.url, link: link.raw, reason: `no element with id "${link.hash}"` });
      }
    }
  }
  return problems;
}
