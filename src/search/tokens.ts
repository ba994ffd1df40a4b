// Identifier-aware extras for the search index, and the same normalisation for queries.
//
// Pagefind (1.6) already indexes `nt!KiCheckForSListAddress`, `[vdso]`, `/bin/grep`,
// `0x00007ffff7ddb2d0` and camel-case parts of a word, and matches every query word as a
// prefix. What it cannot find is a run that starts inside an identifier (`EntrySList`,
// `CheckForSList`), an address without its `0x` and leading zeros, or `x86_64`-style parts.
// So each page gets a hidden block of extra words: for every identifier, each suffix that
// starts at a camel-case, underscore or digit boundary (prefix search then finds any run),
// and each address in its short forms. Pure: no Astro, no DOM.

const CAMEL = /(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])/;
const HEX = /^(?:0x)?([0-9a-f]{6,})$/i;

/** Camel-case pieces of one alphanumeric word: `ExInterlockedPopEntrySList` -> Ex Interlocked Pop Entry S List. */
export function camelPieces(word: string): string[] {
  return word.split(CAMEL).filter(Boolean);
}

/**
 * A token with no digit, no underscore and no capital but maybe its first letter has no
 * variants (no hex, snake or camel-case part): most of the words of a post.
 */
const PLAIN_WORD = /^[A-Z]?[^0-9_A-Z]*$/;

/** Extra words for one whitespace-delimited token of text (none when Pagefind finds it all alone). */
export function tokenVariants(token: string): string[] {
  if (PLAIN_WORD.test(token)) return [];
  const out: string[] = [];
  // Parts between punctuation: nt!KiCheckForSListAddress+0x38 -> nt, KiCheckForSListAddress, 0x38
  const parts = token.split(/[^A-Za-z0-9_]+/).filter(Boolean);
  for (const part of parts) {
    const hex = HEX.exec(part);
    if (hex && /\d/.test(part) && /^0x|[a-f]/i.test(part)) {
      const digits = hex[1]!;
      out.push(digits);
      const short = digits.replace(/^0+/, '');
      if (short.length >= 4 && short !== digits) out.push(short);
      continue;
    }
    const snakes = part.split('_').filter(Boolean);
    if (snakes.length > 1) {
      // SLIST_HEADER -> SLIST HEADER, x86_64 -> x86 64, plus suffixes: HEADER, 64
      out.push(...snakes, snakes.join(''));
      for (let i = 1; i < snakes.length; i++) out.push(snakes.slice(i).join(''));
    }
    for (const snake of snakes) {
      const pieces = camelPieces(snake);
      if (pieces.length < 2) continue;
      // Every suffix from a piece boundary: prefix search then finds any contiguous run.
      for (let i = 1; i < pieces.length; i++) out.push(pieces.slice(i).join(''));
    }
  }
  return out;
}

/** How often one variant may repeat: enough for term frequency to rank a post about it first. */
export const MAX_REPEAT = 5;

/**
 * The extra index words of a page: the variants of every identifier in its text, as often as
 * the identifier occurs (up to MAX_REPEAT, so a post about `ExInterlockedPopEntrySList` beats a
 * post that names it once), leaving out words that already occur as they are (Pagefind indexes
 * those itself).
 */
export function extraIndexWords(text: string): string[] {
  const tokens = text.split(/\s+/).filter((t) => t.length >= 3);
  const plain = new Set(tokens.map((t) => t.toLowerCase()));
  const count = new Map<string, number>();
  const out: string[] = [];
  for (const token of tokens) {
    for (const v of new Set(tokenVariants(token))) {
      const key = v.toLowerCase();
      const n = count.get(key) ?? 0;
      if (key.length < 2 || n >= MAX_REPEAT || plain.has(key)) continue;
      count.set(key, n + 1);
      out.push(v);
    }
  }
  return out;
}

/**
 * A query in the words the index holds, used when the query as typed finds nothing:
 * `0x7ffff7ddb2d0` -> `7ffff7ddb2d0`, `nt!KiCheck+0x38` -> `nt KiCheck 38`, `"[vdso]"` -> `vdso`.
 */
export function normaliseQuery(query: string): string {
  const words: string[] = [];
  for (const token of query.trim().split(/\s+/)) {
    for (const part of token.split(/[^A-Za-z0-9_]+/).filter(Boolean)) {
      const hex = /^0x([0-9a-f]+)$/i.exec(part);
      if (hex) words.push(hex[1]!.length >= 6 ? hex[1]!.replace(/^0+(?=.{4})/, '') : hex[1]!);
      else words.push(...part.split('_').filter(Boolean));
    }
  }
  return words.join(' ');
}

/** The words of a query, marked on the page a result opens. */
export function queryTerms(query: string): string[] {
  const terms = new Set<string>();
  for (const token of query.trim().split(/\s+/)) {
    const stripped = token.replace(/^["'`(]+|["'`),.;:]+$/g, '');
    if (stripped.length >= 2) terms.add(stripped);
  }
  return [...terms];
}
