import { describe, expect, it } from 'vitest';
import { matchedWords, pageExcerpt, parseIndexed, sectionExcerpts, type Matched } from './excerpt.ts';
import { EXTRA_MARK as X, LISTING_END as E, LISTING_LINE as L, LISTING_START as S } from './html.ts';

// Indexed text as Pagefind stores it for a post (prepareForIndex's markers, the variant block last).
const content = [
  'Title here. I looked at the code: there is a routine KiCheckForSListAddress in the kernel.',
  `${S} WinDbg ${L} kd> uf KiCheckForSListAddress ${L} nt!KiCheckForSListAddress: ${L} 82acbe26 894168 mov dword ptr [ecx+68h],eax ${L} ${E}`,
  'Try it: the SList simulator. Added later.',
  `${X} SListAddress ${X} 82acbe26`,
].join(' ');
const page = parseIndexed(content);
const at = (word: string, n = 0): number => page.words.reduce<number[]>((a, w, i) => (w === word ? [...a, i] : a), [])[n]!;
const hit = (location: number, score = 1): Matched => ({ location, balanced_score: score });
const text = (html: string | undefined): string | undefined => html?.replace(/<\/?mark>/g, '');

describe('parseIndexed', () => {
  it('tells prose, listing words, markers and the hidden block apart', () => {
    expect(page.kind[at('routine')]).toBe('prose');
    expect(page.kind[at('mov')]).toBe('listing');
    expect(page.kind[at(S)]).toBe('marker');
    expect(page.kind[at('Try')]).toBe('prose');
    expect(page.hiddenAt).toBe(at(X));
    expect(page.kind[at('SListAddress')]).toBe('hidden');
    // each listing line is its own run; prose on either side of a listing are two runs
    expect(page.run[at('mov')]).toBe(page.run[at('82acbe26')]);
    expect(page.run[at('mov')]).not.toBe(page.run[at('kd>')]);
    expect(page.run[at('routine')]).not.toBe(page.run[at('Try')]);
  });
  it('treats a § in prose as prose: only the trailing `§ word` pairs are the block', () => {
    expect(parseIndexed('see § 3 here § Foo § Bar').hiddenAt).toBe(4);
  });
});

describe('pageExcerpt', () => {
  it('prefers prose that matched over a listing that matched more', () => {
    const listing = [at('KiCheckForSListAddress', 1), at('nt!KiCheckForSListAddress:')].map((l) => hit(l, 5));
    const scores = matchedWords(page, [hit(at('KiCheckForSListAddress')), ...listing]);
    const ex = pageExcerpt(page, scores, 26)!;
    expect(ex.from).toBe('prose');
    expect(ex.html).toContain('routine <mark>KiCheckForSListAddress</mark> in the kernel.');
    expect(ex.html).not.toMatch(/WinDbg|kd&gt;|mov|82acbe26/);
  });
  it('does not run from prose into the listing before it (a heavy heading right after a listing)', () => {
    const ex = pageExcerpt(page, matchedWords(page, [hit(at('SList'), 100)]), 26)!;
    expect(ex).toEqual({ from: 'prose', html: 'Try it: the <mark>SList</mark> simulator. Added later.' });
  });
  it('shows the listing line when only a listing matched, escaped, without the markers', () => {
    const ex = pageExcerpt(page, matchedWords(page, [hit(at('82acbe26'))]), 26)!;
    expect(ex).toEqual({ from: 'listing', html: '<mark>82acbe26</mark> 894168 mov dword ptr [ecx+68h],eax' });
    expect(pageExcerpt(page, matchedWords(page, [hit(at('kd>'))]), 26)!.html).toBe('<mark>kd&gt;</mark> uf KiCheckForSListAddress');
  });
  it('maps a match in the hidden block to the visible words that hold it, prose first', () => {
    const scores = matchedWords(page, [hit(at('SListAddress'), 0.5)]);
    expect([...scores.keys()].sort((a, b) => a - b)).toEqual([at('KiCheckForSListAddress'), at('KiCheckForSListAddress', 1), at('nt!KiCheckForSListAddress:')]);
    expect(pageExcerpt(page, scores, 26)!.from).toBe('prose');
    // an address whose only visible place is a listing line
    expect(text(pageExcerpt(page, matchedWords(page, [hit(at('82acbe26', 1), 0.5)]), 26)!.html)).toBe('82acbe26 894168 mov dword ptr [ecx+68h],eax');
  });
  it('keeps a variant to its case first (`End` is not the end of `depending`), then tries any case', () => {
    const p = parseIndexed(`depending on SListEnd ${X} End ${X} slistend`);
    expect([...matchedWords(p, [hit(4)]).keys()]).toEqual([2]);
    expect([...matchedWords(p, [hit(6)]).keys()]).toEqual([2]);
  });
  it('centres a window of at most `length` words on the densest matches of a long run', () => {
    const long = parseIndexed(Array.from({ length: 100 }, (_, i) => `w${i}`).join(' '));
    const ex = pageExcerpt(long, matchedWords(long, [hit(50), hit(52)]), 10)!;
    expect(ex.html.split(' ')).toHaveLength(10);
    expect(ex.html).toContain('<mark>w50</mark> w51 <mark>w52</mark>');
  });
  it('centres the matches as far as the run allows: a match by the run\'s edge keeps the edge words', () => {
    const runs = parseIndexed(`${Array.from({ length: 40 }, (_, i) => `a${i}`).join(' ')} ${S} x ${E} ${Array.from({ length: 40 }, (_, i) => `b${i}`).join(' ')}`);
    const near = (w: string): number => runs.words.indexOf(w);
    expect(pageExcerpt(runs, matchedWords(runs, [hit(near('b1'))]), 10)!.html).toMatch(/^b0 <mark>b1<\/mark> b2/);
    expect(pageExcerpt(runs, matchedWords(runs, [hit(near('a38'))]), 10)!.html).toMatch(/a37 <mark>a38<\/mark> a39$/);
    expect(pageExcerpt(runs, matchedWords(runs, [hit(near('a20'))]), 10)!.html).toBe('a16 a17 a18 a19 <mark>a20</mark> a21 a22 a23 a24 a25');
  });
  it('is undefined when nothing visible matched', () => {
    expect(pageExcerpt(page, matchedWords(page, []), 26)).toBeUndefined();
    expect(pageExcerpt(page, matchedWords(page, [hit(at(S))]), 26)).toBeUndefined();
  });
});

describe('sectionExcerpts', () => {
  const anchors = [
    { element: 'h2', id: 'try-it', location: at('Try'), text: 'Try it: the SList simulator' },
    { element: 'span', id: 'lst-1', location: at('mov'), text: '' }, // not a heading: no section
  ];
  it('gives each heading section with a visible match its own excerpt, never from the hidden block', () => {
    const scores = matchedWords(page, [hit(at('SList')), hit(at('SListAddress'), 0.5)]);
    expect(sectionExcerpts(page, scores, anchors, 26)).toEqual([
      { id: 'try-it', title: 'Try it: the SList simulator', excerpt: { from: 'prose', html: 'Try it: the <mark>SList</mark> simulator. Added later.' } },
    ]);
    // SListAddress alone is held by words before the heading only: no section
    expect(sectionExcerpts(page, matchedWords(page, [hit(at('SListAddress'), 0.5)]), anchors, 26)).toEqual([]);
  });
});
