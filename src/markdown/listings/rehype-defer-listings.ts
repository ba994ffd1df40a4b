// rehype plugin, after rehype-listing-ids: serializes each finished listing and holds it
// aside (deferred-html.ts explains why), when the renderer asked for it.
import type { Element, Root, RootContent } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { hasClass } from './hast.ts';
import { holdHtml, isDeferring } from './deferred-html.ts';

const isListing = (n: RootContent): n is Element => n.type === 'element' && n.tagName === 'figure' && hasClass(n, 'listing');

function defer(parent: Root | Element): void {
  parent.children = parent.children.map((c: RootContent) => {
    if (c.type !== 'element') return c;
    if (isListing(c)) return { type: 'comment', value: holdHtml(toHtml(c, { allowDangerousHtml: true })) };
    defer(c);
    return c;
  }) as typeof parent.children;
}

export function rehypeDeferListings() {
  return (tree: Root, file: Parameters<typeof isDeferring>[0]) => {
    if (isDeferring(file)) defer(tree);
  };
}
