// rehype plugin, after Shiki: gives each listing on a page its own id prefix
// (lst-1, lst-2, ... in document order), replacing the placeholder the Shiki
// transformer wrote into ids, hrefs, aria-labelledby and data-xref-from. Shiki
// highlights one block at a time and cannot know the page; this runs per page.
import type { Element, Root } from 'hast';
import { walk, hasClass } from './hast.ts';
import { ID_PREFIX } from './transformer.ts';

/** The listings under `node` in document order (a listing is not searched inside: none nest). */
function* listings(node: Root | Element): Generator<Element> {
  for (const c of node.children) {
    if (c.type !== 'element') continue;
    if (c.tagName === 'figure' && hasClass(c, 'listing')) yield c;
    else yield* listings(c);
  }
}

export function rehypeListingIds() {
  return (tree: Root) => {
    let n = 0;
    for (const figure of listings(tree)) {
      const prefix = `lst-${++n}`;
      for (const inner of walk(figure)) {
        const props = inner.properties;
        // for..in, not Object.entries: a listing has thousands of token spans, each with only a class.
        for (const key in props) {
          const value = props[key];
          if (typeof value === 'string' && value.includes(ID_PREFIX)) props[key] = value.replaceAll(ID_PREFIX, prefix);
        }
      }
    }
  };
}
