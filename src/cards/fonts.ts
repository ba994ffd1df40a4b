// The cards' fonts: OFL fonts from the npm registry (fontsource), each cut into subsets by
// unicode range; a card loads only the subsets its text uses, and what no shipped font has is
// named (the build warns). Reads the packages' files; no drawing here, so the card route can ask
// what a card is missing without loading the renderer.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { CardContent, CardFaces } from './card.ts';
import { parseUnicodeRange, subsetsFor, type Ranges } from './unicode-range.ts';

// Resolved from the project (the working directory of every build), not from this module: in a
// build it runs from a bundled chunk.
const require = createRequire(join(process.cwd(), 'package.json'));

interface Family { name: string; pkg: string; file: (subset: string, weight: number) => string; subsets: Array<readonly [string, Ranges]> }

function family(name: string, pkg: string, file: (subset: string, weight: number) => string): Family {
  const ranges = JSON.parse(readFileSync(require.resolve(`${pkg}/unicode.json`), 'utf8')) as Record<string, string>;
  return { name, pkg, file, subsets: Object.entries(ranges).map(([s, r]) => [s, parseUnicodeRange(r)] as const) };
}

let families: { mono: Family; sans: Family; jp: Family } | undefined;
const loadFamilies = () => (families ??= {
  mono: family('Plex Mono', '@fontsource/ibm-plex-mono', (s, w) => `ibm-plex-mono-${s}-${w}-normal.woff`),
  sans: family('Plex Sans', '@fontsource/ibm-plex-sans', (s, w) => `ibm-plex-sans-${s}-${w}-normal.woff`),
  // Japanese, and the kanji Chinese shares with it; subsets are named "[0]".."[119]"
  jp: family('Noto Sans JP', '@fontsource/noto-sans-jp', (s, w) => `noto-sans-jp-${s.replace(/[[\]]/g, '')}-${w}-normal.woff`),
});

const fontFiles = new Map<string, Buffer>();
function fontData(f: Family, subset: string, weight: number): Buffer {
  const path = require.resolve(`${f.pkg}/files/${f.file(subset, weight)}`);
  let data = fontFiles.get(path);
  if (!data) fontFiles.set(path, (data = readFileSync(path)));
  return data;
}

export type SatoriFont = { name: string; data: Buffer; weight: 400 | 600; style: 'normal' };

/**
 * The fonts a card's text needs, each subset a family of its own (satori looks a glyph up through
 * the font-family list, and keeps one font per family name), the two faces' family lists, and the
 * characters no shipped font has (drawn as nothing; the build warns).
 */
export function fontsFor(c: CardContent): { fonts: SatoriFont[]; faces: CardFaces; missing: string[] } {
  const { mono, sans, jp } = loadFamilies();
  const fonts: SatoriFont[] = [];
  const add = (f: Family, subsets: string[]) => subsets.map((s) => {
    const name = `${f.name} ${s}`;
    for (const weight of [400, 600] as const) fonts.push({ name, data: fontData(f, s, weight), weight, style: 'normal' });
    return name;
  });
  const inSans = subsetsFor(`${c.kicker}${c.title}${c.meta}${c.host}`, sans.subsets);
  const inMono = subsetsFor(`${c.kicker}${c.host}`, mono.subsets);
  const inJp = subsetsFor(inSans.missing.join(''), jp.subsets);
  const sansNames = add(sans, inSans.names.length ? inSans.names : ['latin']);
  const jpNames = add(jp, inJp.names);
  const monoNames = add(mono, inMono.names);
  const list = (names: string[]) => names.map((n) => `'${n}'`).join(', ');
  return { fonts, faces: { sans: list([...sansNames, ...jpNames]), mono: list([...monoNames, ...sansNames, ...jpNames]) }, missing: inJp.missing };
}

/** The characters of a card no shipped font has (left out of the picture). */
export function missingGlyphs(c: CardContent): string[] {
  const { sans, jp } = loadFamilies();
  return subsetsFor(subsetsFor(`${c.kicker}${c.title}${c.meta}${c.host}`, sans.subsets).missing.join(''), jp.subsets).missing;
}
