// Loads Pagefind's own search runtime (<base>pagefind/pagefind.js, written by the build or
// served from memory by the dev server) on first use, and turns its results into hits.
// Imported only from the lazily loaded search modules: a page that is only read never loads it.
import { escapeText } from 'entities/escape';
import { matchedWords, pageExcerpt, parseIndexed, sectionExcerpts, type Anchor, type Matched } from '../excerpt.ts';
import { cleanExcerpt } from '../html.ts';
import { withMarkedTerms } from '../paths.ts';
import { normaliseQuery, queryTerms } from '../tokens.ts';
import { joinBase, searchIndex } from '../../lib/routes.ts';

interface PagefindData {
  url: string; excerpt: string; content: string; meta: Record<string, string>; filters: Record<string, string[]>;
  weighted_locations: Matched[]; anchors: Anchor[];
}
interface PagefindResult { id: string; score: number; data: () => Promise<PagefindData> }
interface PagefindResponse { results: PagefindResult[] }
export interface Pagefind {
  options: (o: Record<string, unknown>) => Promise<void>;
  init: () => Promise<void>;
  search: (q: string, o?: { filters?: Record<string, string[]> }) => Promise<PagefindResponse | null>;
  filters: () => Promise<Record<string, Record<string, number>>>;
}

export interface SubHit { title: string; url: string; excerpt: string; excerptFrom: 'prose' | 'listing' }
export interface Hit { url: string; title: string; excerpt: string; excerptFrom: 'prose' | 'listing'; date: string; tags: string[]; subs: SubHit[] }
export interface SearchOutcome { query: string; used: string; total: number; hits: Hit[]; ms: number }
export type Filters = { tag?: string[]; year?: string[] };

let loaded: Promise<Pagefind> | undefined;
const EXCERPT_WORDS = 26;

/** Pagefind's runtime, loaded once. */
export function loadPagefind(): Promise<Pagefind> {
  loaded ??= (async () => {
    const pf = (await import(/* @vite-ignore */ joinBase(import.meta.env.BASE_URL, searchIndex.runtime))) as Pagefind;
    // Result URLs are stored whole (with the base): stop Pagefind prefixing the base again.
    // noWorker: search in the page, so pagefind-worker.js (12 KB gzip) is never fetched; a
    // blog's index is small enough that a query does not hold the main thread for long.
    await pf.options({ excerptLength: EXCERPT_WORDS, baseUrl: '/', noWorker: true });
    await pf.init();
    return pf;
  })();
  loaded.catch(() => { loaded = undefined; });
  return loaded;
}

/** Pagefind excerpts are escaped text with <mark>: keep exactly that, nothing else. */
export function safeExcerpt(html: string): string {
  return html.split(/(<\/?mark>)/).map((part) => (/^<\/?mark>$/.test(part) ? part : part.replace(/</g, '&lt;').replace(/>/g, '&gt;'))).join('');
}

async function toHit(r: PagefindResult, terms: string[]): Promise<Hit> {
  const d = await r.data();
  // Excerpts made here, not Pagefind's: its densest window may run from prose into a listing,
  // or pick listing bytes when the prose matched too (src/search/excerpt.ts).
  const page = parseIndexed(d.content);
  const scores = matchedWords(page, d.weighted_locations ?? []);
  const main = pageExcerpt(page, scores, EXCERPT_WORDS);
  const fallback = escapeText(d.meta['description'] ?? '');
  const excerpt = main?.html ?? (cleanExcerpt(safeExcerpt(d.excerpt)) || fallback);
  const pageUrl = d.url.split('#')[0]!;
  const subs = sectionExcerpts(page, scores, d.anchors ?? [], EXCERPT_WORDS)
    .slice(0, 3)
    .map((s) => ({ title: s.title, url: withMarkedTerms(`${pageUrl}#${encodeURIComponent(s.id)}`, terms), excerpt: s.excerpt.html, excerptFrom: s.excerpt.from }));
  return {
    url: withMarkedTerms(d.url, terms),
    title: d.meta['title'] ?? d.url,
    excerpt,
    excerptFrom: main?.from ?? 'prose',
    date: d.meta['date'] ?? '',
    tags: d.filters['tag'] ?? [],
    subs,
  };
}

/**
 * Searches as typed; if that finds nothing, searches the normalised query
 * (`0x7ffff7ddb2d0` -> `7ffff7ddb2d0`, `nt!Foo+0x38` -> `nt Foo 38`).
 */
export async function search(query: string, filters: Filters = {}, limit = 10): Promise<SearchOutcome> {
  const f: Record<string, string[]> = {};
  if (filters.tag?.length) f['tag'] = filters.tag;
  if (filters.year?.length) f['year'] = filters.year;
  const q = query.trim();
  // Nothing asked: no need to load Pagefind (its wasm start-up is the page's only long task).
  if (!q && !Object.keys(f).length) return { query: q, used: q, total: 0, hits: [], ms: 0 };
  const pf = await loadPagefind();
  const t = performance.now();
  let used = q;
  // A null query with filters lists every post in them.
  let res = await pf.search(q || (null as unknown as string), { filters: f });
  if (q && res && res.results.length === 0) {
    const alt = normaliseQuery(q);
    if (alt && alt !== q) {
      const r2 = await pf.search(alt, { filters: f });
      if (r2 && r2.results.length) { res = r2; used = alt; }
    }
  }
  const results = res?.results ?? [];
  const terms = queryTerms(q);
  const hits = await Promise.all(results.slice(0, limit).map((r) => toHit(r, terms)));
  return { query: q, used, total: results.length, hits, ms: performance.now() - t };
}

export async function filterValues(): Promise<Record<string, Record<string, number>>> {
  const pf = await loadPagefind();
  return pf.filters();
}
