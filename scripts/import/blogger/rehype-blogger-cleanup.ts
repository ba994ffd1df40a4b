// rehype: what Blogger's editor leaves around the words, removed so the Markdown holds only
// the words and their structure: no-break spaces where spaces were meant, style-only spans
// (bold and italic styles become <strong> and <em>), the "read more" anchor, and headings
// renumbered so the post's top level is <h2> (the page's <h1> is the title). Embeds that
// Markdown cannot hold (scripts, iframes) are removed and listed in `file.data.dropped`.
import type { Element, ElementContent, Root } from 'hast';
import type { VFile } from 'vfile';
import { visit, SKIP } from 'unist-util-visit';
import { NBSP } from './hast.ts';

declare module 'vfile' {
  interface DataMap { dropped: string[] }
}

const embeds = new Set(['script', 'iframe', 'object', 'embed', 'noscript', 'style', 'form', 'input', 'button', 'select', 'textarea', 'video', 'audio']);

export function rehypeBloggerCleanup() {
  return (tree: Root, file: VFile) => {
    const dropped: string[] = (file.data.dropped ??= []);
    let top = 7;
    visit(tree, 'element', (node, index, p) => {
      const parent = p as Root | Element | undefined;
      if (!parent || index === undefined) return undefined;
      if (embeds.has(node.tagName)) {
        const src = node.properties['src'] ?? node.properties['data'];
        if (node.tagName !== 'style') dropped.push(`<${node.tagName}${src ? ` src="${String(src)}"` : ''}>`);
        parent.children.splice(index, 1);
        return [SKIP, index];
      }
      if (node.tagName === 'pre' || node.tagName === 'code') return SKIP;
      const rank = /^h([1-6])$/.exec(node.tagName);
      if (rank) top = Math.min(top, Number(rank[1]));
      if (node.tagName === 'a' && node.properties['href'] === undefined) return unwrap(parent, index, node);
      if (node.tagName === 'span' || node.tagName === 'font') {
        const style = String(node.properties['style'] ?? '');
        const bold = /font-weight\s*:\s*(bold|[6-9]00)/i.test(style);
        const italic = /font-style\s*:\s*italic/i.test(style);
        if (bold || italic) {
          let inner: ElementContent[] = node.children;
          if (italic) inner = [{ type: 'element', tagName: 'em', properties: {}, children: inner }];
          if (bold) inner = [{ type: 'element', tagName: 'strong', properties: {}, children: inner }];
          parent.children.splice(index, 1, ...inner);
          return index; // visit the <strong>/<em> and what is inside it
        }
        return unwrap(parent, index, node);
      }
      return undefined;
    });
    visit(tree, 'text', (node, _i, parent) => {
      if (parent && parent.type === 'element' && (parent.tagName === 'code' || parent.tagName === 'pre')) return;
      node.value = node.value.replaceAll(NBSP, ' ');
    });
    // the post's top heading level becomes 2, the others keep their distance from it
    if (top < 7 && top !== 2) {
      visit(tree, 'element', (node) => {
        const r = /^h([1-6])$/.exec(node.tagName);
        if (r) node.tagName = `h${Math.min(6, Number(r[1]) - top + 2)}`;
      });
    }
  };
}

function unwrap(parent: Root | Element, index: number, node: Element) {
  parent.children.splice(index, 1, ...node.children);
  return [SKIP, index] as [typeof SKIP, number];
}
