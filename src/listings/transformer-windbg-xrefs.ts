// Shiki transformer: cross-references in `windbg` disassembly (src/listings/windbg-xref.ts).
// Each branch operand links to its target line and each block label to itself, wrapped by
// Shiki's decorations; the lines get ids local to the listing, which rehype-listing-ids.ts
// makes unique on the page.
import type { DecorationItem, ShikiTransformer } from 'shiki';
import type { Element } from 'hast';
import { analyzeWindbg, type XrefAnalysis } from './windbg-xref.ts';
import { canonicalLang } from './grammars/index.ts';

declare module '@shikijs/types' {
  interface ShikiTransformerContextMeta {
    /** The listing's cross-references, found in preprocess and written to its lines in code. */
    windbgXrefs?: { analysis: XrefAnalysis; texts: string[] };
  }
}

const link = (from: number, to: number, line: number, properties: Record<string, string>): DecorationItem => ({
  start: { line, character: from }, end: { line, character: to }, tagName: 'a', properties,
  alwaysWrap: true, // always an <a> of its own, even around a single token or a whole line
});

export function transformerWindbgXrefs(): ShikiTransformer {
  return {
    name: 'ring-zero:windbg-xrefs',
    preprocess(code, options) {
      if (canonicalLang(String(options.lang ?? '')) !== 'windbg') return;
      // A `[!code ...]` line of its own is removed after highlighting, and Shiki refuses
      // decorations when the lines no longer match the source: no cross-references then.
      if (code.includes('[!code')) return;
      const texts = code.split(/\r?\n/);
      const analysis = analyzeWindbg(texts);
      this.meta.windbgXrefs = { analysis, texts };
      options.decorations = [
        ...(options.decorations ?? []),
        ...analysis.labels.map((l) => link(0, l.text.length, l.line, { class: 'xref-anchor', href: `#${l.slug}` })),
        ...analysis.branches.map((b) => link(b.from, b.to, b.line, { class: 'xref', href: `#${lineId(texts, b.target)}` })),
      ];
    },
    code(code) {
      const x = this.meta.windbgXrefs;
      if (!x) return;
      const lines = code.children.filter((c): c is Element => c.type === 'element');
      const { analysis: a, texts } = x;
      const idOf = (i: number) => lineId(texts, i);
      for (const label of a.labels) {
        const line = lines[label.line]!;
        line.properties['id'] = label.slug;
        this.addClassToHast(line, 'xref-block');
      }
      for (const b of a.branches) {
        const line = lines[b.line]!;
        line.properties['id'] = idOf(b.line);
        this.addClassToHast(line, 'xref-branch');
      }
      for (const [target, sources] of a.incoming) {
        const line = lines[target]!;
        line.properties['id'] = idOf(target);
        line.properties['tabIndex'] = -1;
        line.properties['dataXrefFrom'] = sources.map(idOf).join(' ');
        this.addClassToHast(line, 'xref-target');
      }
    },
  };
}

/** An instruction line's id: its address, lower case, without the backtick of 64-bit ones. */
function lineId(texts: readonly string[], i: number): string {
  return texts[i]!.split(/\s/)[0]!.replace('`', '').toLowerCase();
}
