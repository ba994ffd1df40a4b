// The copy of a built page that Pagefind indexes (the page on disk is not changed):
// the title weighted highest, and a hidden block of identifier variants inside the body.
import { decodeHTML } from 'entities/decode';
import { escapeText } from 'entities/escape';
import { extraIndexWords } from './tokens.ts';

/**
 * Stands between the extra words, so any excerpt taken from the block shows it and the UI
 * can cut it off (punctuation: Pagefind does not index it as a word).
 */
export const EXTRA_MARK = '\u00a7';
export const TITLE_WEIGHT = 10;
export const EXTRA_WEIGHT = 0.5;

/** Text of HTML with its character references decoded (a no-break space as a space, for the index's words). */
export const decodeEntities = (s: string): string => decodeHTML(s).replace(/\u00a0/g, ' ');

/** Visible text of an HTML fragment: tags become spaces, scripts and styles go. */
export function htmlText(html: string): string {
  return decodeEntities(html.replace(/<(script|style|template)\b[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]+>/g, ' '));
}

export interface Prepared { html: string; indexed: boolean; extraWords: number }

/**
 * Marker words around each listing and between its lines in the indexed copy, so the client
 * can tell a listing's words from prose when it picks an excerpt (src/search/excerpt.ts).
 * Symbols: Pagefind indexes them as no word, but counts their positions.
 */
export const LISTING_START = '\u27e6';
export const LISTING_END = '\u27e7';
export const LISTING_LINE = '\u2424';
const MARKERS = /[\u27e6\u27e7\u2424]/g;

/** A listing: this site's `<figure class="listing">` (label, lines, maps diagram), or a bare `<pre>`. */
const LISTING = /<figure\b[^>]*\bclass="listing\b[^"]*"[^>]*>[\s\S]*?<\/figure>|<pre\b[\s\S]*?<\/pre>/gi;

/** Puts the markers in: start and end of each listing, and a line marker at each line break of its <pre>. */
function markListings(html: string): string {
  const line = ` ${LISTING_LINE} `;
  return html.replace(MARKERS, ' ').replace(LISTING, (listing) => {
    const lines = listing.replace(/(<pre\b[^>]*>)([\s\S]*?)(<\/pre>)/gi, (_m, open: string, inner: string, close: string) =>
      `${open}${line}${inner.replace(/\n/g, line)}${line}${close}`);
    const open = /^<[^>]+>/.exec(lines)![0];
    const close = lines.slice(lines.lastIndexOf('</'));
    return `${open} ${LISTING_START} ${lines.slice(open.length, lines.length - close.length)} ${LISTING_END} ${close}`;
  });
}

/** Token and line <span>s inside listings: markup only (the text stays), and most of a post's bytes. */
function stripListingSpans(html: string): string {
  return html.replace(/<pre\b[\s\S]*?<\/pre>/gi, (pre) => pre.replace(/<\/?span\b[^>]*>/gi, ''));
}

/**
 * Prepares a page for Pagefind. A page without `data-pagefind-body` is not indexed (site
 * chrome, lists, tags): `indexed` is false. Otherwise the copy Pagefind gets is only what it
 * reads: the page's language and title and the `data-pagefind-body` element (which holds the
 * filters and meta), with listings' token spans dropped and their bounds and lines marked. The
 * h1 gets the highest weight and the identifier variants of the body text go into a hidden block
 * at the end of the body.
 */
export function prepareForIndex(html: string, variants = true): Prepared {
  const open = /<([a-z][a-z0-9]*)\b[^>]*\sdata-pagefind-body\b[^>]*>/i.exec(html);
  if (!open) return { html, indexed: false, extraWords: 0 };
  const tag = open[1]!.toLowerCase();
  const start = open.index + open[0].length;
  const end = html.toLowerCase().lastIndexOf(`</${tag}>`);
  if (end < start) return { html, indexed: true, extraWords: 0 };
  const body = stripListingSpans(html.slice(start, end));
  const words = variants ? extraIndexWords(htmlText(body)) : [];
  const marked = markListings(body);
  // The post's date/tags/reading-time line: not text to search, but its filters still count
  // (data-pagefind-ignore keeps filters and meta, drops the words).
  const weighted = marked.replace(/<div class="meta"/g, '<div class="meta" data-pagefind-ignore').replace(/<h1\b(?![^>]*data-pagefind-weight)/i, `<h1 data-pagefind-weight="${TITLE_WEIGHT}"`);
  const block = words.length
    ? `<div data-pagefind-weight="${EXTRA_WEIGHT}" hidden>${EXTRA_MARK} ${escapeText(words.join(` ${EXTRA_MARK} `))}</div>`
    : '';
  const lang = /<html\b[^>]*\slang="([^"]*)"/i.exec(html)?.[1] ?? 'en';
  const title = /<title>([\s\S]*?)<\/title>/i.exec(html)?.[1] ?? '';
  return {
    html: `<!doctype html><html lang="${lang}"><head><title>${title}</title></head><body>${open[0]}${weighted}${block}</${tag}></body></html>`,
    indexed: true,
    extraWords: words.length,
  };
}

/** Drops the extra block (last in the body) and the listing markers from a Pagefind excerpt; '' when nothing else is left. */
export function cleanExcerpt(excerpt: string): string {
  const i = excerpt.indexOf(EXTRA_MARK);
  const kept = (i < 0 ? excerpt : excerpt.slice(0, i)).replace(MARKERS, ' ');
  // Never leave a <mark> open where the cut fell.
  const open = (kept.match(/<mark>/g) ?? []).length - (kept.match(/<\/mark>/g) ?? []).length;
  return (kept.trimEnd() + '</mark>'.repeat(Math.max(0, open))).replace(/\s+/g, ' ').trim();
}
