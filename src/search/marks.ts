// Where the searched terms occur in a piece of text, to mark them on the page a result opens
// (client/marks.ts): case-insensitive, longest term first, no overlaps. Pure.
import { normaliseQuery } from './tokens.ts';

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function markRanges(text: string, terms: string[]): Array<[number, number]> {
  const all = new Set<string>();
  for (const t of terms) {
    all.add(t);
    for (const w of normaliseQuery(t).split(' ')) if (w.length >= 2) all.add(w);
  }
  const list = [...all].filter((t) => t.length >= 2).sort((a, b) => b.length - a.length);
  if (!list.length) return [];
  const re = new RegExp(list.map(escapeRe).join('|'), 'gi');
  const out: Array<[number, number]> = [];
  for (const m of text.matchAll(re)) out.push([m.index, m.index + m[0].length]);
  return out;
}
