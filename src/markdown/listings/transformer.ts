// The Shiki transformer behind every listing. After Shiki (and the
// @shikijs/transformers notation transformers) it:
//  1. turns the class theme's placeholder colours into `tok-*` classes and drops
//     every `style` attribute (CSP without 'unsafe-inline');
//  2. marks lines from the fence meta: {1,3-5} highlight, ins= / del= diff, focus=,
//     showLineNumbers, wrap (src/lib/listings/meta.ts);
//  3. cross-references `windbg` disassembly (branch -> target line links, label anchors);
//  4. draws the address space under a `procmaps` listing (SVG + a table as text);
//  5. wraps it all in <figure class="listing"> with a caption (title, language)
//     and the copy / wrap buttons that src/scripts/code-blocks.ts wires up.
// Ids are written with the placeholder prefix ID_PREFIX; rehype-listing-ids.ts
// replaces it with a per-page counter (lst-1, lst-2, ...) so ids stay unique.
import type { ShikiTransformer } from 'shiki';
import { bundledLanguagesInfo } from 'shiki';
import type { Element, ElementContent, Root } from 'hast';
import { CLASS_OF_COLOR, FONT_CLASS } from './theme.ts';
import { grammarAliases, grammars } from './grammars/index.ts';
import { addClass, classList, h, hasClass, isElement, textOf, walk, wrapRange } from './hast.ts';
import { parseMeta, type ListingMeta } from '../../lib/listings/meta.ts';
import { analyzeWindbg } from '../../lib/listings/windbg-xref.ts';
import { mapsDiagram } from './maps-diagram.ts';

export const ID_PREFIX = '__LST__';

export function canonicalLang(lang: string): string {
  return grammarAliases[lang] ?? lang;
}

export function languageLabel(lang: string): string {
  const own = grammars.find((g) => g.name === lang);
  if (own) return own.displayName ?? own.name;
  if (['plaintext', 'text', 'txt', 'plain', ''].includes(lang)) return 'Text';
  const info = bundledLanguagesInfo.find((l) => l.id === lang || l.aliases?.includes(lang));
  return info?.name ?? lang;
}

/** The classes for one `style` value (a theme has few distinct ones: parsed once each). */
const classesOfStyle = new Map<string, string[]>();

function styleClasses(style: string): string[] {
  let classes = classesOfStyle.get(style);
  if (classes) return classes;
  classes = [];
  for (const decl of style.split(';')) {
    const [prop, ...rest] = decl.split(':');
    const name = prop?.trim().toLowerCase();
    const value = rest.join(':').trim().toLowerCase();
    if (!name || !value) continue;
    if (name === 'color') { const c = CLASS_OF_COLOR.get(value); if (c) classes.push(c); }
    else if (name === 'font-style' && value === 'italic') classes.push(FONT_CLASS['italic']!);
    else if (name === 'font-weight' && (value === 'bold' || Number(value) >= 600)) classes.push(FONT_CLASS['bold']!);
    else if (name === 'text-decoration') for (const v of value.split(/\s+/)) { const c = FONT_CLASS[v]; if (c) classes.push(c); }
    else if (name === 'user-select' && value === 'none') classes.push('tok-noselect');
  }
  classesOfStyle.set(style, classes);
  return classes;
}

/** Replaces `style` with classes everywhere under `root`. */
export function styleToClass(root: Root | Element): void {
  for (const el of walk(root)) {
    const style = el.properties['style'];
    if (style === undefined) continue;
    delete el.properties['style'];
    if (el.tagName === 'pre') continue; // the theme's placeholder background and foreground
    const classes = styleClasses(String(style));
    if (classes.length) addClass(el, ...classes);
  }
}

function markLines(pre: Element, lines: Element[], meta: ListingMeta): void {
  lines.forEach((line, i) => {
    const n = i + 1;
    if (meta.highlight.has(n)) addClass(line, 'highlighted');
    if (meta.ins.has(n)) addClass(line, 'diff', 'add');
    if (meta.del.has(n)) addClass(line, 'diff', 'remove');
    if (meta.focus.has(n)) addClass(line, 'focused');
  });
  if (lines.some((l) => hasClass(l, 'highlighted'))) addClass(pre, 'has-highlighted');
  if (lines.some((l) => hasClass(l, 'diff'))) addClass(pre, 'has-diff');
  if (lines.some((l) => hasClass(l, 'focused'))) addClass(pre, 'has-focused');
  if (meta.showLineNumbers) addClass(pre, 'has-line-numbers');
}

/** windbg: branch operands become links to the target line; block labels get anchors. */
export function crossReference(lines: Element[], texts: string[]): number {
  const a = analyzeWindbg(texts);
  const idOfLine = (i: number) => `${ID_PREFIX}-${texts[i]!.split(/\s/)[0]!.replace('`', '').toLowerCase()}`;
  for (const label of a.labels) {
    const line = lines[label.line]!;
    const id = `${ID_PREFIX}-${label.slug}`;
    line.properties['id'] = id;
    addClass(line, 'xref-block');
    wrapRange(line, 0, label.text.length, h('a', { className: ['xref-anchor'], href: `#${id}` }));
  }
  for (const b of a.branches) {
    const line = lines[b.line]!;
    line.properties['id'] = idOfLine(b.line);
    addClass(line, 'xref-branch');
    wrapRange(line, b.from, b.to, h('a', { className: ['xref'], href: `#${idOfLine(b.target)}` }));
  }
  for (const [target, sources] of a.incoming) {
    const line = lines[target]!;
    line.properties['id'] = idOfLine(target);
    line.properties['tabIndex'] = -1;
    line.properties['dataXrefFrom'] = sources.map(idOfLine).join(' ');
    addClass(line, 'xref-target');
  }
  return a.branches.length;
}

function chrome(pre: Element, lang: string, meta: ListingMeta, after: ElementContent[]): Element {
  const caption: ElementContent[] = [];
  if (meta.title) caption.push(h('span', { className: ['listing-title'] }, [meta.title]));
  caption.push(h('span', { className: ['listing-lang'] }, [languageLabel(lang)]));
  const figureClass = ['listing'];
  if (meta.wrap) figureClass.push('is-wrapped');
  return h('figure', { className: figureClass, dataLang: lang }, [
    h('figcaption', { className: ['listing-head'] }, caption),
    h('div', { className: ['listing-tools'] }, [
      h('button', { type: 'button', className: ['listing-btn'], dataListingWrap: '', ariaPressed: meta.wrap ? 'true' : 'false', hidden: true }, ['Wrap lines']),
      h('button', { type: 'button', className: ['listing-btn'], dataListingCopy: '', hidden: true }, ['Copy']),
      h('span', { className: ['listing-status'], role: 'status' }),
    ]),
    pre,
    ...after,
  ]);
}

export function listingsTransformer(): ShikiTransformer {
  return {
    name: 'ring-zero:listings',
    root(root) {
      const pre = root.children.find((c) => isElement(c, 'pre'));
      if (!isElement(pre)) return;
      const code = pre.children.find((c) => isElement(c, 'code'));
      if (!isElement(code)) return;
      const lang = canonicalLang(String(this.options.lang ?? 'plaintext'));
      const meta = parseMeta(this.options.meta?.__raw);
      styleToClass(root);
      // Astro's class "astro-code <theme name>": keep astro-code, drop the theme name.
      pre.properties['className'] = [...classList(pre).filter((c) => c !== 'ring-zero'), 'listing-pre'];
      pre.properties['dataLanguage'] = lang;
      const lines = code.children.filter((c): c is Element => isElement(c, 'span') && hasClass(c, 'line'));
      const texts = lines.map(textOf);
      markLines(pre, lines, meta);
      let after: ElementContent[] = [];
      if (lang === 'windbg') crossReference(lines, texts);
      if (lang === 'procmaps') {
        const d = mapsDiagram(texts, ID_PREFIX);
        for (const i of d.malformed) addClass(lines[i - 1]!, 'malformed');
        if (d.element) after = [d.element];
      }
      return { type: 'root', children: [chrome(pre, lang, meta, after)] };
    },
  };
}
