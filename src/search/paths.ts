// URLs of indexed pages, respecting Astro's base. Pure.
import { withTrailingSlash } from '../lib/url.ts';

/** `posts/x/index.html` under base `/blog/` -> `/blog/posts/x/`. */
export function pageUrlFromFile(file: string, base: string): string {
  const b = withTrailingSlash(base);
  const path = file.replace(/^\/+/, '').replace(/(^|\/)index\.html$/, '$1').replace(/\.html$/, '/');
  return `${b}${path}`;
}

/** The post URLs linked from a page (the archive lists every post), each once, in order. */
export function postLinks(html: string, base: string): string[] {
  const b = withTrailingSlash(base);
  const re = new RegExp(`href="(${b.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}posts/[^"#?]+/)"`, 'g');
  return [...new Set([...html.matchAll(re)].map((m) => m[1]!))];
}

/** A result URL that asks the page to highlight the terms: `?highlight=` goes before the #hash. */
export function withHighlight(url: string, terms: string[]): string {
  if (!terms.length) return url;
  const hashAt = url.indexOf('#');
  const path = hashAt < 0 ? url : url.slice(0, hashAt);
  const hash = hashAt < 0 ? '' : url.slice(hashAt);
  const q = terms.map((t) => `highlight=${encodeURIComponent(t)}`).join('&');
  return `${path}${path.includes('?') ? '&' : '?'}${q}${hash}`;
}
