// Sidenotes: before each top-level block that cites GFM footnotes, a copy of those notes
// (<aside class="sidenote">) that CSS shows in the margin on wide screens only. The copy is
// aria-hidden, without ids, tab stops or back-links, and kept out of search: screen readers,
// keyboards, narrow screens and feeds use the footnotes list at the end, which is unchanged.
// Feeds have no CSS, so the copies would read as the notes twice there: withoutSidenotes
// takes them out of a feed's HTML.
import type { Element, ElementContent, Root, RootContent } from 'hast';
import { visit } from 'unist-util-visit';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { hasClass } from './hast.ts';

const isElement = (n: unknown): n is Element => (n as Element | undefined)?.type === 'element';

/** A footnote's content for the margin: no back-links, no ids, links out of the tab order. */
function marginCopy(content: ElementContent[]): ElementContent[] {
  const copy = structuredClone(content);
  const clean = (nodes: ElementContent[]): ElementContent[] => nodes.flatMap((n): ElementContent[] => {
    if (!isElement(n)) return [n];
    if ('dataFootnoteBackref' in n.properties) return [];
    delete n.properties['id'];
    if (n.tagName === 'a') n.properties['tabIndex'] = -1;
    n.children = clean(n.children);
    return [n];
  });
  const out = clean(copy);
  // Whitespace left at the end of a paragraph where the back-links were.
  for (const n of out) {
    if (!isElement(n)) continue;
    for (let last = n.children.at(-1); last?.type === 'text'; last = n.children.at(-1)) {
      last.value = last.value.trimEnd();
      if (last.value) break;
      n.children.pop();
    }
  }
  return out.filter((n) => !(n.type === 'text' && !n.value.trim()));
}

export default function rehypeSidenotes() {
  return (tree: Root) => {
    const section = tree.children.find((n): n is Element => isElement(n) && n.tagName === 'section' && 'dataFootnotes' in n.properties);
    if (!section) return;
    const notes = new Map<string, ElementContent[]>();
    visit(section, 'element', (el) => {
      if (el.tagName === 'li' && typeof el.properties['id'] === 'string') notes.set(el.properties['id'], el.children);
    });
    const shown = new Set<string>();
    const children: RootContent[] = [];
    for (const block of tree.children) {
      if (block !== section && isElement(block) && !hasClass(block, 'sidenote')) {
        const items: ElementContent[] = [];
        visit(block, 'element', (el) => {
          if (el.tagName !== 'a' || !('dataFootnoteRef' in el.properties)) return;
          const id = decodeURIComponent(String(el.properties['href'] ?? '').replace(/^#/, ''));
          const content = notes.get(id);
          if (!content || shown.has(id)) return; // a note cited twice is shown beside its first citation
          shown.add(id);
          const mark: Element = { type: 'element', tagName: 'span', properties: { className: ['sidenote-number'] }, children: [{ type: 'text', value: `${el.children.map((c) => (c.type === 'text' ? c.value : '')).join('')} ` }] };
          const body = marginCopy(content);
          const first = body.find((n): n is Element => isElement(n));
          if (first?.tagName === 'p') first.children.unshift(mark); else body.unshift(mark);
          items.push(...body);
        });
        if (items.length) {
          children.push({ type: 'element', tagName: 'aside', properties: { className: ['sidenote'], ariaHidden: 'true', dataPagefindIgnore: '' }, children: items }, { type: 'text', value: '\n' });
        }
      }
      children.push(block);
    }
    tree.children = children;
  };
}

const isCopy = (n: Root['children'][number]) => n.type === 'element' && n.tagName === 'aside' && hasClass(n, 'sidenote');

/** Post HTML without its `aside.sidenote` copies; HTML without any is returned as it came. */
export function withoutSidenotes(html: string): string {
  if (!html.includes('<aside class="sidenote"')) return html;
  const tree = fromHtml(html, { fragment: true });
  const prune = (node: Root | Element) => {
    node.children = node.children.filter((c) => !isCopy(c)) as typeof node.children;
    for (const c of node.children) if (c.type === 'element') prune(c);
  };
  prune(tree);
  return toHtml(tree);
}
