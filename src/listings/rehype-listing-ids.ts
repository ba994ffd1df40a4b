// rehype plugin, the page-level pass of the listings: Shiki highlights one block at a time,
// so a listing's ids (windbg lines, the maps diagram's title) are local to it. This prefixes
// each listing's ids, and the `#` links, aria-labelledby and data-xref-from naming them,
// with lst-1-, lst-2-, ... in document order, so they are unique on the page.
import type { Element, Root } from 'hast';
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
    // A plain walk: a listing holds a span per token, and unist-util-visit's bookkeeping per
    // node was 5% of rendering a post with two listings.
    const walk = (parent: Root | Element): void => {
      for (const child of parent.children) {
        if (child.type !== 'element') continue;
        if (child.tagName === 'figure' && hasClass(child, 'listing')) {
          const page = `lst-${++n}-`;
          eachElement(child, (el) => prefixIds(el, (id) => page + id)); // listings do not nest
        } else walk(child);
      }
    };
    walk(tree);
  };
}

function eachElement(el: Element, fn: (el: Element) => void): void {
  fn(el);
  for (const child of el.children) if (child.type === 'element') eachElement(child, fn);
}
