// rehype plugin, after Shiki: gives each listing on a page its own id prefix
// (lst-1, lst-2, ... in document order), replacing the placeholder the Shiki
// transformer wrote into ids, hrefs, aria-labelledby and data-xref-from. Shiki
// highlights one block at a time and cannot know the page; this runs per page.
import type { Root } from 'hast';
import { walk, hasClass } from './hast.ts';
import { ID_PREFIX } from './transformer.ts';

export function rehypeListingIds() {
  return (tree: Root) => {
    let n = 0;
    for (const el of walk(tree)) {
      if (el.tagName !== 'figure' || !hasClass(el, 'listing')) continue;
      const prefix = `lst-${++n}`;
      for (const inner of walk(el)) {
        for (const [key, value] of Object.entries(inner.properties)) {
          if (typeof value === 'string' && value.includes(ID_PREFIX)) inner.properties[key] = value.replaceAll(ID_PREFIX, prefix);
        }
      }
    }
  };
}
