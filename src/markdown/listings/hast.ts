// Small hast helpers for the listing plugins (no dependency beyond hast types).
import type { Element, ElementContent, Properties, Root, RootContent } from 'hast';

export type Child = ElementContent | string;

export type Props = Record<string, string | number | boolean | string[] | undefined>;

export function h(tagName: string, properties: Props = {}, children: Child[] = []): Element {
  return {
    type: 'element', tagName, properties: properties as Properties,
    children: children.map((c) => (typeof c === 'string' ? { type: 'text', value: c } : c)),
  };
}

export function isElement(node: RootContent | Root | ElementContent | undefined, tagName?: string): node is Element {
  return node?.type === 'element' && (tagName === undefined || node.tagName === tagName);
}

export function classList(el: Element): string[] {
  const c = el.properties['className'] ?? el.properties['class'];
  delete el.properties['class'];
  const list = Array.isArray(c) ? c.map(String) : typeof c === 'string' ? c.split(/\s+/).filter(Boolean) : [];
  el.properties['className'] = list;
  return list;
}

export function addClass(el: Element, ...names: string[]): void {
  const list = classList(el);
  for (const n of names) if (!list.includes(n)) list.push(n);
}

export function hasClass(el: Element, name: string): boolean {
  return classList(el).includes(name);
}

export function textOf(node: ElementContent | Root): string {
  if (node.type === 'text') return node.value;
  if (node.type === 'element' || node.type === 'root') return (node.children as ElementContent[]).map(textOf).join('');
  return '';
}

export function* walk(node: Element | Root): Generator<Element> {
  for (const c of node.children) {
    if (c.type === 'element') {
      yield c;
      yield* walk(c);
    }
  }
}

/**
 * Wraps the part [from, to) of a line's text in `wrapper`, splitting token spans
 * at the edges when the range does not fall on token boundaries.
 */
export function wrapRange(line: Element, from: number, to: number, wrapper: Element): void {
  const out: ElementContent[] = [];
  const inside: ElementContent[] = [];
  let pos = 0;
  let placed = false;
  const place = () => { if (!placed) { wrapper.children = inside; out.push(wrapper); placed = true; } };
  for (const child of line.children) {
    const text = textOf(child);
    const start = pos, end = pos + text.length;
    pos = end;
    if (end <= from || start >= to) {
      if (start >= to) place();
      out.push(child);
      continue;
    }
    // overlaps: split into up to three pieces
    const cut = (a: number, b: number): ElementContent => {
      const value = text.slice(a - start, b - start);
      return child.type === 'element' ? { ...child, properties: { ...child.properties }, children: [{ type: 'text', value }] } : { type: 'text', value };
    };
    if (start < from) out.push(cut(start, from));
    inside.push(start >= from && end <= to ? child : cut(Math.max(start, from), Math.min(end, to)));
    if (end > to) { place(); out.push(cut(to, end)); }
  }
  place();
  line.children = out;
}
