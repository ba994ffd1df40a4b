// rehype: recovers listings from the shapes Blogger's editor stored them in, as one
// `<pre><code class="language-x">` each, with the lines and columns a reader saw:
// - `<pre>` (with `class="brush: cpp"` as a hint), kept as written;
// - monospace text with `<br />` line breaks and `&nbsp;` runs (a `<span style="font-family:
//   courier new…">`, `<font face>`, `<tt>`), read the way a browser showed it: runs of ordinary
//   white space collapse, `&nbsp;`s do not;
// - one `<div>` per line inside a monospace `<div>` (`<div><br /></div>` a blank line);
// - consecutive monospace lines or blocks with only line breaks between them, joined.
// Prose that Blogger kept in `<pre>` inside a proportional-font span becomes paragraphs. Every
// other paragraph built of `<br /><br />` runs becomes a `<p>`. The listings found are in
// `file.data.listings`.
import type { Element, ElementContent, Root, RootContent, Text } from 'hast';
import type { VFile } from 'vfile';
import { detectListingLanguage, languageHint, type ListingLanguage } from './listing-language.ts';
import { fontOf, isBlock, isWhitespace, NBSP } from './hast.ts';
import { classesOf } from '../../../src/markdown/hast.ts';

export interface FoundListing { lang: ListingLanguage; why: string; lines: number; first: string }

declare module 'vfile' {
  interface DataMap { listings: FoundListing[] }
}

type Parent = Root | Element;
type Font = 'mono' | 'proportional' | undefined;

const el = (tagName: string, children: ElementContent[] = [], properties: Element['properties'] = {}): Element =>
  ({ type: 'element', tagName, properties, children });
const text = (value: string): Text => ({ type: 'text', value });

/** Whether every visible character under `nodes` is in a monospace font (and there is one). */
function allMono(nodes: readonly RootContent[], inherited: Font): boolean {
  let seen = false;
  const walk = (n: RootContent, font: Font): boolean => {
    if (n.type === 'text') {
      if (isWhitespace(n.value)) return true;
      seen = true;
      return font === 'mono';
    }
    if (n.type !== 'element') return true;
    if (n.tagName === 'pre' || /^h[1-6]$/.test(n.tagName) || n.tagName === 'table' || n.tagName === 'ul' || n.tagName === 'ol' || n.tagName === 'img') return false;
    const f = fontOf(n) ?? font;
    return n.children.every((c) => walk(c, f));
  };
  return nodes.every((n) => walk(n, inherited)) && seen;
}

/**
 * The lines a browser shows for monospace (not `pre`) content: ordinary white space collapses
 * and is dropped at a line's ends, `&nbsp;` is a space that stays, `<br>` and blocks break lines.
 */
function shownLines(nodes: readonly RootContent[]): string[] {
  const lines: string[] = [];
  let line = '';
  const flush = () => { lines.push(line); line = ''; };
  const walk = (n: RootContent) => {
    if (n.type === 'text') { line += n.value.replace(/[ \t\n\r\f]+/g, ' '); return; }
    if (n.type !== 'element') return;
    if (n.tagName === 'br') { flush(); return; }
    const block = isBlock(n);
    if (block && line !== '') flush();
    n.children.forEach(walk);
    if (block && line !== '') flush();
  };
  nodes.forEach(walk);
  if (line !== '') flush();
  return lines.map((l) => l.replace(/ {2,}/g, ' ').replace(/^ | $/g, '').replaceAll(NBSP, ' ').replace(/\s+$/, ''));
}

/** The lines of a `<pre>` as written (its text, `<br>` as a line break). */
function preLines(pre: Element): string[] {
  let out = '';
  const walk = (n: ElementContent) => {
    if (n.type === 'text') out += n.value;
    else if (n.type === 'element') { if (n.tagName === 'br') out += '\n'; else n.children.forEach(walk); }
  };
  pre.children.forEach(walk);
  return out.replaceAll(NBSP, ' ').replace(/\r\n?/g, '\n').split('\n').map((l) => l.replace(/\s+$/, ''));
}

/** Blank lines at either end dropped. */
const trimBlank = (lines: string[]): string[] => {
  let a = 0; let b = lines.length;
  while (a < b && lines[a] === '') a++;
  while (b > a && lines[b - 1] === '') b--;
  return lines.slice(a, b);
};

function listing(lines: string[], file: VFile, hint?: ListingLanguage): Element {
  const body = trimBlank(lines).join('\n');
  const found = detectListingLanguage(body, hint);
  (file.data.listings ??= []).push({ lang: found.lang, why: found.why, lines: body.split('\n').length, first: body.split('\n')[0] ?? '' });
  return el('pre', [el('code', [text(body)], { className: [`language-${found.lang}`] })]);
}

/** Prose an author typed into `<pre>` under a proportional font: paragraphs, its line breaks kept. */
function prosePre(pre: Element): Element[] {
  const lines = preLines(pre);
  const paras: string[][] = [[]];
  for (const l of lines) { if (l.trim() === '') paras.push([]); else paras[paras.length - 1]!.push(l.replace(/\s+/g, ' ').trim()); }
  return paras.filter((p) => p.length).map((p) => el('p', p.flatMap((l, i) => (i ? [el('br'), text(l)] : [text(l)]))));
}

const isBr = (n: RootContent) => n.type === 'element' && n.tagName === 'br';
const isBlankText = (n: RootContent) => n.type === 'text' && /^[ \t\n\r\f]*$/.test(n.value);

type Item =
  | { kind: 'group'; nodes: RootContent[]; gapBefore: number }
  | { kind: 'block'; node: Element; gapBefore: number };

/** A container's children as paragraphs (runs of phrasing split at two or more `<br>`) and blocks. */
function items(children: readonly RootContent[]): Item[] {
  const out: Item[] = [];
  let group: RootContent[] = [];
  let gap = 0;
  const close = () => {
    if (group.some((n) => !isBlankText(n))) out.push({ kind: 'group', nodes: group, gapBefore: gap });
    if (group.length) gap = 0;
    group = [];
  };
  for (let i = 0; i < children.length; i++) {
    const n = children[i]!;
    if (n.type === 'element' && isBlock(n)) { close(); out.push({ kind: 'block', node: n, gapBefore: gap }); gap = 0; continue; }
    if (isBr(n)) {
      // a run of <br>s (white space between them included)
      let j = i; let brs = 0;
      while (j < children.length && (isBr(children[j]!) || isBlankText(children[j]!))) { if (isBr(children[j]!)) brs++; j++; }
      if (brs >= 2) { close(); gap += brs - 1; i = j - 1; continue; }
    }
    group.push(n);
  }
  close();
  // a trailing single <br> in a group shows nothing
  for (const it of out) if (it.kind === 'group') while (it.nodes.length && (isBr(it.nodes.at(-1)!) || isBlankText(it.nodes.at(-1)!))) it.nodes.pop();
  return out;
}

const isEmptyBlock = (e: Element) => e.tagName === 'div' && e.children.every((c) => isBr(c) || isBlankText(c));

function transformChildren(parent: Parent, file: VFile, font: Font): void {
  const out: RootContent[] = [];
  const list = items(parent.children);
  let run: { lines: string[]; gap: number } | undefined;
  const endRun = () => { if (run) { out.push(listing(run.lines, file)); run = undefined; } };
  for (const it of list) {
    const node = it.kind === 'block' ? it.node : undefined;
    const monoBlock = node && (node.tagName === 'div' || node.tagName === 'p') && allMono([node], font);
    const monoGroup = it.kind === 'group' && allMono(it.nodes, font);
    if (monoBlock || monoGroup) {
      const lines = shownLines(it.kind === 'group' ? it.nodes : [node!]);
      if (run) run.lines.push(...Array<string>(it.gapBefore).fill(''), ...lines);
      else run = { lines, gap: 0 };
      continue;
    }
    if (node && isEmptyBlock(node)) { if (run) run.lines.push(''); continue; }
    endRun();
    if (node) {
      if (node.tagName === 'pre') {
        // a browser gives <pre> its own monospace font: only a font set on it or inside it counts
        if (isProsePre(node, fontOf(node))) out.push(...prosePre(node));
        else out.push(listing(preLines(node), file, languageHint(String(classOf(node) ?? '')) ?? languageHint(String(classOf(firstCode(node)) ?? ''))));
      } else if (flow.has(node.tagName)) {
        transformChildren(node, file, fontOf(node) ?? font);
        out.push(node);
      } else {
        node.children = inlineListings(node.children, file, fontOf(node) ?? font) as ElementContent[];
        out.push(node);
      }
    } else if (it.kind === 'group') {
      const children = inlineListings(it.nodes, file, font);
      const parts = splitAtBlocks(children);
      if (parts.length === 1 && !isBlockNode(parts[0]![0]!) && parent.type === 'element' && parent.tagName === 'p' && list.length === 1) out.push(...children);
      // a listing found inside the paragraph splits it: the prose before, the listing, the prose after
      else for (const part of parts) out.push(...(isBlockNode(part[0]!) ? part : [el('p', part as ElementContent[])]));
    }
  }
  endRun();
  // a <p> split into paragraphs (or holding a listing) holds blocks now
  if (parent.type === 'element' && parent.tagName === 'p' && out.some((n) => n.type === 'element' && isBlock(n))) parent.tagName = 'div';
  parent.children = out as typeof parent.children;
}

const isBlockNode = (n: RootContent) => n.type === 'element' && isBlock(n);

/** Phrasing split around the blocks in it (each block alone), line breaks at a run's edges dropped. */
function splitAtBlocks(nodes: RootContent[]): RootContent[][] {
  const parts: RootContent[][] = [];
  let run: RootContent[] = [];
  const close = () => {
    while (run.length && (isBr(run[0]!) || isBlankText(run[0]!))) run.shift();
    while (run.length && (isBr(run.at(-1)!) || isBlankText(run.at(-1)!))) run.pop();
    if (run.length) parts.push(run);
    run = [];
  };
  for (const n of nodes) { if (isBlockNode(n)) { close(); parts.push([n]); } else run.push(n); }
  close();
  return parts;
}

/**
 * An inline element that holds blocks (Blogger wraps a whole post in `<span style="font-family:
 * Arial">` when the author picks a font) is a block itself, as the browser lays it out.
 */
function blockInlines(node: Root | Element): void {
  for (const c of node.children) {
    if (c.type !== 'element') continue;
    blockInlines(c);
    if ((c.tagName === 'span' || c.tagName === 'font') && c.children.some((k) => k.type === 'element' && isBlock(k))) {
      if (c.tagName === 'font' && c.properties['face'] !== undefined) c.properties = { style: `font-family: ${String(c.properties['face'])}` };
      c.tagName = 'div';
    }
  }
}

/** Containers whose runs of phrasing are paragraphs (a list item's or a cell's are not). */
const flow = new Set(['div', 'p', 'blockquote', 'section', 'article', 'center', 'main', 'body']);

const classOf = (e: Element | undefined) => (e ? classesOf(e).join(' ') : undefined);
const firstCode = (pre: Element) => pre.children.find((c): c is Element => c.type === 'element' && c.tagName === 'code');

/** A `<pre>` whose visible text is all under a proportional font. */
function isProsePre(pre: Element, font: Font): boolean {
  let prop = false; let other = false;
  const walk = (n: ElementContent, f: Font) => {
    if (n.type === 'text') { if (!isWhitespace(n.value)) { if (f === 'proportional') prop = true; else other = true; } return; }
    if (n.type === 'element') { const g = fontOf(n) ?? f; n.children.forEach((c) => walk(c, g)); }
  };
  pre.children.forEach((c) => walk(c, font === 'proportional' ? 'proportional' : undefined));
  return prop && !other;
}

/** Inside prose: a monospace span holding line breaks is a listing of its own; any other is inline code. */
function inlineListings(nodes: RootContent[], file: VFile, font: Font): RootContent[] {
  return nodes.map((n) => {
    if (n.type !== 'element') return n;
    const f = fontOf(n) ?? font;
    if (f === 'mono' && font !== 'mono') {
      const lines = shownLines([n]);
      if (lines.length > 1) return listing(lines, file);
      return el('code', [text(lines[0] ?? '')]);
    }
    n.children = inlineListings(n.children, file, f) as ElementContent[];
    return n;
  });
}

export function rehypeBloggerListings() {
  return (tree: Root, file: VFile) => {
    file.data.listings ??= [];
    blockInlines(tree);
    transformChildren(tree, file, undefined);
  };
}
