// Shiki transformer: the picture of the address space under a `procmaps` listing, an SVG
// (role="img", <title>, <desc>) laid out by src/listings/maps-layout.ts, plus the same
// mappings as a table in a <details>, the text alternative; malformed lines are marked.
// Colours are classes (perm-rx, perm-rw, ...) in src/listings/listings.css for both themes.
import type { ShikiTransformer } from 'shiki';
import type { Element, ElementContent } from 'hast';
import { h, s } from 'hastscript';
import { toString } from 'hast-util-to-string';
import { canonicalLang } from './grammars/index.ts';
import { formatSize, hex, parseMaps, permClass, type Mapping } from './procmaps.ts';
import { layoutMaps, PERM_NAMES } from './maps-layout.ts';

export interface Diagram {
  element?: Element;
  /** 1-based lines of the listing that are not valid maps lines (left out of the picture). */
  malformed: number[];
}

function describe(mappings: Mapping[], gaps: number): string {
  const count = (pred: (m: Mapping) => boolean) => mappings.filter(pred).length;
  const parts = [
    `${mappings.length} mapping${mappings.length === 1 ? '' : 's'}, drawn from the highest address at the top to the lowest at the bottom`,
    'each band\'s height grows with the logarithm of its size',
    gaps ? `the ${gaps} unmapped hole${gaps === 1 ? ' is' : 's are'} drawn as short breaks labelled with their size, not to scale` : 'there are no holes between them',
    `${count((m) => m.exec)} executable, ${count((m) => m.write)} writable, ${count((m) => !m.read && !m.write && !m.exec)} without access`,
  ];
  return `${parts.join('; ')}.`;
}

export function mapsDiagram(lines: readonly string[]): Diagram {
  const parsed = parseMaps(lines.join('\n'));
  const malformed = parsed.filter((l) => l.kind === 'malformed').map((l) => l.line);
  const mappings = parsed.flatMap((l) => (l.kind === 'mapping' ? [l.mapping] : []));
  if (!mappings.length) return { malformed };
  const layout = layoutMaps(mappings);
  const lo = mappings.reduce((a, m) => (m.start < a ? m.start : a), mappings[0]!.start);
  const hi = mappings.reduce((a, m) => (m.end > a ? m.end : a), mappings[0]!.end);
  // ids local to the listing: rehype-listing-ids.ts makes them unique on the page
  const titleId = 'maps-title', descId = 'maps-desc';
  const gaps = layout.items.filter((i) => i.kind === 'gap').length;
  const svg: ElementContent[] = [
    s('title', { id: titleId }, [`Address space: ${mappings.length} mappings from 0x${hex(lo)} to 0x${hex(hi)}`]),
    s('desc', { id: descId }, [describe(mappings, gaps)]),
  ];
  const { bandX, bandW, textX } = layout;
  for (const item of layout.items) {
    if (item.kind === 'gap') {
      const mid = item.y + item.h / 2;
      // a zig-zag break across the band column
      const zig = Array.from({ length: 9 }, (_, i) => `${bandX + (i * bandW) / 8},${mid + (i % 2 ? 4 : -4)}`).join(' ');
      svg.push(s('g', { className: ['maps-gap'] }, [
        s('polyline', { points: zig }),
        s('text', { x: textX, y: mid + 4, className: ['maps-detail'] }, [`⋮ ${item.text}`]),
      ]));
      continue;
    }
    const m = item.mapping;
    const cls = ['maps-band', `perm-${item.perm}`];
    if (m.shared) cls.push('is-shared');
    const twoLines = item.h >= 34;
    svg.push(s('g', { className: cls }, [
      s('rect', { x: bandX, y: item.y + 1, width: bandW, height: item.h - 2, rx: 2 }),
      s('text', { x: bandX + bandW / 2, y: item.y + item.h / 2 + 4, className: ['maps-perms'] }, [m.perms]),
      s('text', { x: textX, y: item.y + (twoLines ? item.h / 2 - 3 : item.h / 2 + 4), className: ['maps-label'] }, [item.label]),
      ...(twoLines ? [s('text', { x: textX, y: item.y + item.h / 2 + 12, className: ['maps-detail'] }, [item.detail])] : []),
    ]));
  }
  for (const l of layout.legend) {
    svg.push(s('g', { className: ['maps-band', 'maps-legend', `perm-${l.perm}`] }, [
      s('rect', { x: bandX, y: l.y, width: 14, height: 14, rx: 2 }),
      s('text', { x: bandX + 22, y: l.y + 11, className: ['maps-detail'] }, [l.text]),
    ]));
  }
  const rows = [...mappings].sort((a, b) => (a.start < b.start ? 1 : -1)).map((m) =>
    h('tr', {}, [
      h('td', {}, [h('code', {}, [`${hex(m.start)}–${hex(m.end)}`])]),
      h('td', {}, [formatSize(m.end - m.start)]),
      h('td', {}, [h('code', {}, [m.perms]), ` ${PERM_NAMES[permClass(m)]?.split(': ')[1] ?? ''}`]),
      h('td', {}, [m.path || 'anonymous']),
    ]));
  const element = h('div', { className: ['maps-diagram'] }, [
    s('svg', { className: ['maps-svg'], viewBox: `0 0 ${layout.width} ${layout.height}`, role: 'img', ariaLabelledBy: `${titleId} ${descId}` }, svg),
    h('details', { className: ['maps-text'] }, [
      h('summary', {}, ['The address space as a table']),
      h('table', {}, [
        h('thead', {}, [h('tr', {}, ['Range', 'Size', 'Permissions', 'Path'].map((t) => h('th', { scope: 'col' }, [t])))]),
        h('tbody', {}, rows),
      ]),
    ]),
  ]);
  return { element, malformed };
}

export function transformerMapsDiagram(): ShikiTransformer {
  return {
    name: 'ring-zero:maps-diagram',
    root(root) {
      if (canonicalLang(String(this.options.lang ?? '')) !== 'procmaps') return;
      const lines = this.code.children.filter((c): c is Element => c.type === 'element');
      const d = mapsDiagram(lines.map((l) => toString(l)));
      for (const i of d.malformed) this.addClassToHast(lines[i - 1]!, 'malformed');
      if (d.element) root.children.push(d.element);
    },
  };
}
