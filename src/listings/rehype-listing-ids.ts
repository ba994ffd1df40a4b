// rehype plugin, the page-level pass of the listings: Shiki highlights one block at a time,
// so a listing's ids (windbg lines, the maps diagram's title) are local to it. This prefixes
// each listing's ids, and the `#` links, aria-labelledby and data-xref-from naming them,
// with lst-1-, lst-2-, ... in document order, so they are unique on the page.
import type { Element, Root } from 'hast';
import { SKIP, visit } from 'unist-util-visit';
import { hasClass } from '../markdown/hast.ts';

type Prefix = (id: string) => string;

function prefixIds(el: Element, prefix: Prefix): void {
  const p = el.properties;
  if (typeof p['id'] === 'string') p['id'] = prefix(p['id']);
  if (typeof p['href'] === 'string' && p['href'].startsWith('#')) p['href'] = `#${prefix(p['href'].slice(1))}`;
  const labelledBy = p['ariaLabelledBy']; // a list (hastscript splits it)
  if (Array.isArray(labelledBy)) p['ariaLabelledBy'] = labelledBy.map((id) => prefix(String(id)));
  const from = p['dataXrefFrom']; // a string of ids (windbg-xrefs.ts)
  if (typeof from === 'string') p['dataXrefFrom'] = from.split(' ').map(prefix).join(' ');
}

export function rehypeListingIds() {
  return (tree: Root) => {
    let n = 0;
    visit(tree, 'element', (figure) => {
      if (figure.tagName !== 'figure' || !hasClass(figure, 'listing')) return;
      const page = `lst-${++n}-`;
      visit(figure, 'element', (el) => prefixIds(el, (id) => page + id));
      return SKIP; // listings do not nest
    });
  };
}
