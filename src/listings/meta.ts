// Parses a code fence's meta string (what follows the language after ```), e.g.
//   ```windbg title="KiCheckForSListAddress" showLineNumbers {1,3-5} ins={7} del={8} focus={2-4} wrap fold=30
// Pure: no Shiki, no hast.

export interface ListingMeta {
  title?: string;
  showLineNumbers: boolean;
  wrap: boolean;
  highlight: Set<number>;
  ins: Set<number>;
  del: Set<number>;
  focus: Set<number>;
  /** `open`: never folded, however long. */
  open: boolean;
  /** `fold=N`: the lines shown before the "Show all" control. */
  fold?: number;
  /** Words this parser did not understand, for a warning. */
  unknown: string[];
}

/** `1,3-5` -> {1,3,4,5}. Reversed ranges are read forwards; junk is ignored. At most 10,000 lines. */
export function parseLineRanges(spec: string): Set<number> {
  const out = new Set<number>();
  for (const part of spec.split(',')) {
    const m = /^\s*(\d+)\s*(?:-\s*(\d+))?\s*$/.exec(part);
    if (!m) continue;
    let a = Number(m[1]);
    let b = m[2] === undefined ? a : Number(m[2]);
    if (a > b) [a, b] = [b, a];
    for (let i = Math.max(1, a); i <= Math.min(b, 10_000); i++) out.add(i);
  }
  return out;
}

const TOKEN = /(\w[\w-]*)=("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\{[^}]*\}|\S+)|\{([^}]*)\}|(\S+)/g;

export function parseMeta(raw: string | undefined | null): ListingMeta {
  const meta: ListingMeta = { showLineNumbers: false, wrap: false, highlight: new Set(), ins: new Set(), del: new Set(), focus: new Set(), open: false, unknown: [] };
  if (!raw) return meta;
  for (const m of raw.matchAll(TOKEN)) {
    const [, key, value, bare, word] = m;
    if (bare !== undefined) { for (const n of parseLineRanges(bare)) meta.highlight.add(n); continue; }
    if (key !== undefined && value !== undefined) {
      const unquoted = /^["']/.test(value) ? value.slice(1, -1).replace(/\\(.)/g, '$1') : value;
      const ranges = () => parseLineRanges(unquoted.replace(/^\{|\}$/g, ''));
      switch (key) {
        case 'title': meta.title = unquoted; break;
        case 'ins': for (const n of ranges()) meta.ins.add(n); break;
        case 'del': for (const n of ranges()) meta.del.add(n); break;
        case 'focus': for (const n of ranges()) meta.focus.add(n); break;
        case 'mark': case 'highlight': for (const n of ranges()) meta.highlight.add(n); break;
        case 'showLineNumbers': meta.showLineNumbers = unquoted !== 'false'; break;
        case 'wrap': meta.wrap = unquoted !== 'false'; break;
        case 'open': meta.open = unquoted !== 'false'; break;
        case 'fold':
          if (/^[1-9]\d{0,4}$/.test(unquoted)) meta.fold = Number(unquoted);
          else meta.unknown.push(m[0]);
          break;
        default: meta.unknown.push(m[0]);
      }
      continue;
    }
    if (word === 'showLineNumbers' || word === 'lineNumbers') meta.showLineNumbers = true;
    else if (word === 'wrap') meta.wrap = true;
    else if (word === 'open') meta.open = true;
    else if (word !== undefined) meta.unknown.push(word);
  }
  return meta;
}

/** A listing longer than this folds by default, showing its first FOLD_SHOWN lines. */
export const FOLD_OVER = 40;
export const FOLD_SHOWN = 20;

/**
 * How many lines a listing shows before its "Show all N lines" control, or undefined when it
 * is shown whole: short listings, `open`, and a `fold=N` at or past the last line.
 */
export function foldAt(lineCount: number, meta: Pick<ListingMeta, 'open' | 'fold'>): number | undefined {
  if (meta.open) return undefined;
  if (meta.fold !== undefined) return lineCount > meta.fold ? meta.fold : undefined;
  return lineCount > FOLD_OVER ? FOLD_SHOWN : undefined;
}
