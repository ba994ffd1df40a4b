// Search's reading of URLs (the routes themselves are src/lib/routes.ts'). Pure.
import { postSlugOfPath, withTrailingSlash } from '../lib/routes.ts';

/** The post URLs linked from a page (the archive lists every post), each once, in order. */
export function postLinks(html: string, base: string): string[] {
  const b = withTrailingSlash(base);
  const out = new Set<string>();
  for (const m of html.matchAll(/href="([^"#?]+)"/g)) {
    const href = m[1]!;
    if (href.startsWith(b) && href.endsWith('/') && postSlugOfPath(href.slice(b.length)) !== undefined) out.add(href);
  }
  return [...out];
}

/** A result URL that asks the page to mark the terms (<mark>): `?mark=` goes before the #hash. */
export function withMarkedTerms(url: string, terms: string[]): string {
  if (!terms.length) return url;
  const hashAt = url.indexOf('#');
  const path = hashAt < 0 ? url : url.slice(0, hashAt);
  const hash = hashAt < 0 ? '' : url.slice(hashAt);
  const q = terms.map((t) => `mark=${encodeURIComponent(t)}`).join('&');
  return `${path}${path.includes('?') ? '&' : '?'}${q}${hash}`;
}
