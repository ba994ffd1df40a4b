// Lays out an address-space picture of /proc/PID/maps mappings, for an SVG.
// The scale is segmented and logarithmic, so a 4 KiB page and a 128 TiB hole both read:
//  - mappings are stacked from the highest address (top) to the lowest (bottom);
//  - each band's height grows with log2 of its size in pages (a 4 KiB page is the minimum);
//  - a hole between two mappings is a fixed-height break labelled with its size,
//    instead of being drawn to scale (the 48-bit space is mostly holes).
import { formatSize, hex, permClass, type Mapping } from './procmaps.ts';

export interface Band {
  kind: 'band';
  y: number; h: number;
  mapping: Mapping;
  /** permission class: rx, rw, r, rwx, none, ... */
  perm: string;
  /** first text line: the path, `[heap]`, or "anonymous" */
  label: string;
  /** second text line: perms, size, range */
  detail: string;
}
export interface Gap { kind: 'gap'; y: number; h: number; size: bigint; text: string }
export interface LegendItem { perm: string; text: string; y: number }

export interface MapsLayout {
  width: number; height: number;
  bandX: number; bandW: number; textX: number;
  items: Array<Band | Gap>;
  legend: LegendItem[];
}

export const PERM_NAMES: Record<string, string> = {
  rx: 'r-x: code', rw: 'rw-: data', r: 'r--: read-only', rwx: 'rwx: writable code', none: '---: no access (guard)',
  w: '-w-: write-only', x: '--x: execute-only', wx: '-wx: write and execute',
};

const PAGE = 4096n;
const MAX_LABEL = 34;

export function bandHeight(size: bigint): number {
  const pages = size <= PAGE ? 1 : Number(size / PAGE);
  return Math.min(96, Math.round(34 + 4 * Math.log2(pages)));
}

export function shorten(path: string, max = MAX_LABEL): string {
  return path.length <= max ? path : `…${path.slice(path.length - max + 1)}`;
}

export function layoutMaps(mappings: readonly Mapping[], width = 420): MapsLayout {
  const sorted = [...mappings].sort((a, b) => (a.start < b.start ? 1 : a.start > b.start ? -1 : 0));
  const bandX = 4, bandW = 88, textX = bandX + bandW + 12;
  const items: Array<Band | Gap> = [];
  let y = 8;
  let above: Mapping | undefined;
  for (const m of sorted) {
    if (above && m.end < above.start) {
      const size = above.start - m.end;
      items.push({ kind: 'gap', y, h: 22, size, text: `${formatSize(size)} unmapped` });
      y += 22;
    }
    const h = bandHeight(m.end - m.start);
    items.push({
      kind: 'band', y, h, mapping: m, perm: permClass(m),
      label: shorten(m.path || 'anonymous'),
      detail: `${m.perms} · ${formatSize(m.end - m.start)} · ${hex(m.start)}–${hex(m.end)}`,
    });
    y += h;
    above = m;
  }
  y += 16;
  const perms = [...new Set(items.flatMap((i) => (i.kind === 'band' ? [i.perm] : [])))];
  const legend = perms.map((perm, i) => ({ perm, text: PERM_NAMES[perm] ?? perm, y: y + i * 22 }));
  const height = y + legend.length * 22 + 4;
  return { width, height, bandX, bandW, textX, items, legend };
}
