// Which subsets of a split web font a text needs. Fontsource ships each font cut into subsets
// (latin, latin-ext, or Noto Sans JP's 120 numbered ones), each with a CSS unicode-range; a card
// loads only the subsets its text uses. Pure.

export type Ranges = Array<readonly [number, number]>;

/** `U+0000-00FF,U+0131,U+25EE8` -> [[0, 255], [305, 305], [155368, 155368]] */
export function parseUnicodeRange(css: string): Ranges {
  return css.split(',').map((part) => {
    const m = /^\s*U\+([0-9a-f?]+)(?:-([0-9a-f]+))?\s*$/i.exec(part);
    if (!m) throw new Error(`not a unicode-range part: ${part}`);
    const [, a, b] = m;
    if (a!.includes('?')) return [parseInt(a!.replace(/\?/g, '0'), 16), parseInt(a!.replace(/\?/g, 'f'), 16)] as const;
    return [parseInt(a!, 16), parseInt(b ?? a!, 16)] as const;
  });
}

const covers = (ranges: Ranges, cp: number) => ranges.some(([a, b]) => cp >= a && cp <= b);

/**
 * The subsets (in the order given) that hold the text's characters, first match wins, and the
 * characters none holds. White space needs no glyph.
 */
export function subsetsFor(text: string, subsets: ReadonlyArray<readonly [string, Ranges]>): { names: string[]; missing: string[] } {
  const names = new Set<string>();
  const missing = new Set<string>();
  for (const ch of new Set(text)) {
    if (/\s/.test(ch)) continue;
    const cp = ch.codePointAt(0)!;
    const hit = subsets.find(([, r]) => covers(r, cp));
    if (hit) names.add(hit[0]);
    else missing.add(ch);
  }
  return { names: subsets.map(([n]) => n).filter((n) => names.has(n)), missing: [...missing] };
}
