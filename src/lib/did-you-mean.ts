// "Did you mean": the known word nearest to a mistyped one, close enough to be a typo
// (at most 2 edits, or a third of the word's length for long words).
import { distance } from 'fastest-levenshtein';

export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
  const w = word.toLowerCase();
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = distance(w, c.toLowerCase());
    if (d < bestD) { bestD = d; best = c; }
  }
  return bestD <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}
