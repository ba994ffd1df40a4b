// Listings benchmark: highlighting time per listing line for each of this project's
// grammars, against Shiki's built-in `asm` grammar on the same text, in the same run
// (same highlighter, same engine as the site: Shiki's JavaScript regex engine, see
// src/listings/rehype-highlight.ts). Also the whole listing
// transform (classes, chrome, cross-references, SVG) per line.
// `npm run bench` imports the default export; `node scripts/bench/listings.ts` prints a table.
import { createHighlighter } from 'shiki';
import { createJavaScriptRegexEngine } from 'shiki/engine/javascript';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { grammars } from '../../src/listings/grammars/index.ts';
import { classTheme } from '../../src/listings/theme.ts';
import { listingsShikiConfig } from '../../src/listings/index.ts';

export interface BenchResult { section: string; name: string; value: number; unit: string; note?: string }

const fixture = (name: string) => readFileSync(new URL(`../../src/listings/fixtures/${name}`, import.meta.url), 'utf8').replace(/\n$/, '');
const CASES: Array<[string, string]> = [
  ['windbg', 'slist-uf.windbg.txt'],
  ['procmaps', 'linux-grep.procmaps.txt'],
  ['gdb', 'session.gdb.txt'],
];
const LINES = 2000;

function repeat(text: string, lines: number): string {
  const src = text.split('\n');
  return Array.from({ length: lines }, (_, i) => src[i % src.length]).join('\n');
}

/** Median milliseconds of `fn` over `runs` runs after `warm` warm-up runs. */
function time(fn: () => void, runs = 5, warm = 1): number {
  for (let i = 0; i < warm; i++) fn();
  const t: number[] = [];
  for (let i = 0; i < runs; i++) { const s = performance.now(); fn(); t.push(performance.now() - s); }
  return t.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

export default async function benchListings(): Promise<BenchResult[]> {
  const highlighter = await createHighlighter({
    langs: [...grammars, 'asm'],
    themes: [classTheme],
    engine: createJavaScriptRegexEngine({ forgiving: true }),
  });
  const { transformers = [] } = listingsShikiConfig();
  const out: BenchResult[] = [];
  for (const [lang, file] of CASES) {
    const code = repeat(fixture(file), LINES);
    const tokens = (l: string) => () => highlighter.codeToTokens(code, { lang: l as 'asm', theme: 'ring-zero' });
    const own = time(tokens(lang));
    const asm = time(tokens('asm'));
    const full = time(() => highlighter.codeToHast(code, { lang: lang as 'asm', theme: 'ring-zero', transformers }));
    const us = (ms: number) => Math.round((ms * 1000 / LINES) * 100) / 100;
    out.push(
      { section: 'listings', name: `${lang}: highlight per line`, value: us(own), unit: 'µs/line', note: `${LINES} lines of ${file}` },
      { section: 'listings', name: `${lang}: asm on the same text, per line`, value: us(asm), unit: 'µs/line' },
      { section: 'listings', name: `${lang}: ratio to asm`, value: Math.round((own / asm) * 100) / 100, unit: '×', note: '<1 is faster than Shiki\'s asm grammar' },
      { section: 'listings', name: `${lang}: whole listing transform per line`, value: us(full), unit: 'µs/line', note: 'tokens + classes + chrome (+ xref / SVG)' },
    );
  }
  highlighter.dispose();
  return out;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const results = await benchListings();
  const w = Math.max(...results.map((r) => r.name.length));
  for (const r of results) console.log(`${r.name.padEnd(w)}  ${String(r.value).padStart(8)} ${r.unit}${r.note ? `   (${r.note})` : ''}`);
}
