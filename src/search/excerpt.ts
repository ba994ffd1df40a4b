// Search excerpts, made in the browser from a page's indexed text and the words Pagefind matched
// in it. Prose is preferred: a listing line is the excerpt only when nothing in the prose matched,
// and a prose excerpt never runs on into a listing. Pure: no DOM, no Pagefind.
import { escapeText } from 'entities/escape';
import { EXTRA_MARK, LISTING_END, LISTING_LINE, LISTING_START } from './html.ts';

/** A matched word as Pagefind reports it (`weighted_locations` of a result's data). */
export interface Matched { location: number; balanced_score: number }
/** An element with an id in the page (`anchors` of a result's data). */
export interface Anchor { element: string; id: string; location: number; text?: string; title?: string }
export interface Excerpt { html: string; from: 'prose' | 'listing' }
export interface SectionExcerpt { id: string; title: string; excerpt: Excerpt }

type Kind = 'prose' | 'listing' | 'marker' | 'hidden';

/** The indexed text of a page, word by word, with what each word is part of. */
export interface IndexedPage {
  words: string[];
  kind: Kind[];
  /** A run that an excerpt stays inside: the prose between two listings, or one listing line. */
  run: number[];
  /** Where the hidden block of identifier variants begins (html.ts puts it last). */
  hiddenAt: number;
}

/** Pagefind's word separators: its word positions count these pieces. */
const SEPARATORS = /[^\S\uFEFF]+/;

const isMarker = (w: string, m: string): boolean => w === m || w === `${m}.`;

export function parseIndexed(content: string): IndexedPage {
  const words = content.split(SEPARATORS);
  // The block is `§ word § word ...` up to the end.
  let hiddenAt = words.length;
  for (let i = words.length - 2; i >= 0 && words[i] === EXTRA_MARK; i -= 2) hiddenAt = i;
  const kind: Kind[] = [];
  const run: number[] = [];
  let inListing = false;
  let r = 0;
  words.forEach((w, i) => {
    if (i >= hiddenAt) { kind.push('hidden'); run.push(-1); return; }
    const start = isMarker(w, LISTING_START);
    const end = isMarker(w, LISTING_END);
    if (start || end || isMarker(w, LISTING_LINE)) {
      if (start) inListing = true;
      if (end) inListing = false;
      kind.push('marker');
      run.push(-1);
      r++;
      return;
    }
    kind.push(inListing ? 'listing' : 'prose');
    run.push(r);
  });
  return { words, kind, run, hiddenAt };
}

const alnum = (w: string): string => w.replace(/[^A-Za-z0-9]/g, '');

/**
 * Score of each matched visible word, by position. A match in the hidden block (a run inside an
 * identifier, an address's short form) counts for every visible word that holds that variant:
 * `SListAddress` -> `nt!KiCheckForSListAddress+0x38:`.
 */
export function matchedWords(page: IndexedPage, matched: readonly Matched[]): Map<number, number> {
  const scores = new Map<number, number>();
  const put = (at: number, score: number): void => { scores.set(at, Math.max(scores.get(at) ?? 0, score)); };
  const variants = new Map<string, number>();
  for (const m of matched) {
    const k = page.kind[m.location];
    if (k === 'prose' || k === 'listing') put(m.location, m.balanced_score);
    else if (k === 'hidden') {
      const v = alnum(page.words[m.location]!);
      if (v.length >= 2) variants.set(v, Math.max(variants.get(v) ?? 0, m.balanced_score));
    }
  }
  for (const [v, score] of variants) {
    // As written first (a variant keeps the identifier's case: `End` is not in `depending`).
    for (const fold of [(w: string) => w.replace(/_/g, ''), (w: string) => w.replace(/_/g, '').toLowerCase()]) {
      const needle = fold(v);
      let found = false;
      page.words.forEach((w, i) => {
        if ((page.kind[i] === 'prose' || page.kind[i] === 'listing') && fold(w).includes(needle)) { put(i, score); found = true; }
      });
      if (found) break;
    }
  }
  return scores;
}

/** The words [start, end) of a run, densest in matches, at most `length` of them. */
function densest(scores: Map<number, number>, start: number, end: number, length: number): { at: number; score: number } {
  const w = Math.min(length, end - start);
  const sum = (s: number): number => { let t = 0; for (let i = s; i < s + w; i++) t += scores.get(i) ?? 0; return t; };
  // As Pagefind does: the first stretch of equally dense windows, and its middle one...
  let best = -1;
  let from = start;
  let to = start;
  for (let s = start; s <= end - w; s++) {
    const t = sum(s);
    if (t > best + 1e-9 * Math.abs(best)) { best = t; from = s; to = s; }
    else if (Math.abs(t - best) <= 1e-9 * Math.abs(best) && to === s - 1) to = s;
  }
  const mid = from + Math.floor((to - from) / 2);
  // ...then moved to centre the matches it holds, as far as the run allows (Pagefind's middle
  // drifts when the run's edge cuts the stretch: "it: the SList simulator" for "Try it: ...").
  const held = [...scores.keys()].filter((i) => i >= mid && i < mid + w);
  if (!held.length) return { at: mid, score: best };
  const centred = Math.round((Math.min(...held) + Math.max(...held) + 1 - w) / 2);
  return { at: Math.max(start, Math.min(end - w, centred)), score: best };
}

/**
 * The excerpt of the words [from, to) of a page: the densest stretch of at most `length` words of
 * matched prose, inside one prose run; when no prose matched, of the best matched listing line.
 * Undefined when nothing visible matched there.
 */
export function excerptIn(page: IndexedPage, scores: Map<number, number>, from: number, to: number, length: number): Excerpt | undefined {
  const hits = [...scores.keys()].filter((i) => i >= from && i < to).sort((a, b) => a - b);
  const prose = hits.filter((i) => page.kind[i] === 'prose');
  const chosen = prose.length ? prose : hits.filter((i) => page.kind[i] === 'listing');
  if (!chosen.length) return undefined;
  let best: { start: number; end: number; at: number; score: number } | undefined;
  for (const run of new Set(chosen.map((i) => page.run[i]!))) {
    const inRun = chosen.filter((i) => page.run[i] === run);
    let start = inRun[0]!;
    while (start > from && page.run[start - 1] === run) start--;
    let end = inRun[inRun.length - 1]! + 1;
    while (end < to && page.run[end] === run) end++;
    const d = densest(scores, start, end, length);
    if (!best || d.score > best.score) best = { start, end, ...d };
  }
  const { at, end } = best!;
  const words: string[] = [];
  for (let i = at; i < Math.min(at + length, end); i++) {
    const w = escapeText(page.words[i]!);
    words.push(scores.has(i) ? `<mark>${w}</mark>` : w);
  }
  return { html: words.join(' '), from: prose.length ? 'prose' : 'listing' };
}

/** The result's main excerpt: anywhere in the visible text. */
export function pageExcerpt(page: IndexedPage, scores: Map<number, number>, length: number): Excerpt | undefined {
  return excerptIn(page, scores, 0, page.hiddenAt, length);
}

/**
 * One excerpt per heading section with a visible match, in page order: a section runs from its
 * heading to the next (the headings Pagefind makes sub-results of).
 */
export function sectionExcerpts(page: IndexedPage, scores: Map<number, number>, anchors: readonly Anchor[], length: number): SectionExcerpt[] {
  const heads = anchors
    .filter((a) => (a.title?.length && /\S/.test(a.title)) || (/h\d/i.test(a.element) && a.text?.length && /\S/.test(a.text)))
    .sort((a, b) => a.location - b.location);
  const out: SectionExcerpt[] = [];
  heads.forEach((a, k) => {
    const end = Math.min(heads[k + 1]?.location ?? page.hiddenAt, page.hiddenAt);
    const excerpt = excerptIn(page, scores, a.location, end, length);
    if (excerpt) out.push({ id: a.id, title: (a.title || a.text || '').trim(), excerpt });
  });
  return out;
}
