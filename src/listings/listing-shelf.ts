// Finished listings set aside until the page's HTML is written. After the site's last rehype
// plugin, Astro's Markdown renderer still runs rehype-raw (a parse5 round trip of the whole
// tree), collects headings and images, and stringifies. A listing is final by then and holds a
// span per token: those passes over it were a fifth of rendering a post with two listings.
// So each listing is written to HTML here, a comment stands in its place, and the page's HTML
// gets the listing back. Markdown only: MDX compiles the tree to JSX, which has no comments.
import type { Element, Root, RootContent } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { hasClass } from '../markdown/hast.ts';

export interface ListingShelf {
  /** Keep a listing's HTML; returns the comment text that stands in for it. */
  put(html: string): string;
  /** The page's HTML with each listing back in place of its comment (and off the shelf). */
  fill(html: string): string;
}

/** `nonce` tells this shelf's comments from any an author writes. */
export function listingShelf(nonce: string): ListingShelf {
  const kept = new Map<string, string>();
  let n = 0;
  const marker = new RegExp(`<!--(rz-listing ${nonce} \\d+)-->`, 'g');
  return {
    put(html) {
      const key = `rz-listing ${nonce} ${++n}`;
      kept.set(key, html);
      return key;
    },
    fill(html) {
      return html.replace(marker, (whole, key: string) => {
        const listing = kept.get(key);
        if (listing === undefined) return whole;
        kept.delete(key);
        return listing;
      });
    },
  };
}

/** rehype plugin, the last of the site's: each `figure.listing` onto the shelf, a comment in its place. */
export function rehypeShelveListings(shelf: ListingShelf) {
  return (tree: Root): void => {
    const walk = (parent: Root | Element): void => {
      parent.children = parent.children.map((child): RootContent => {
        if (child.type !== 'element') return child;
        // the same options as Astro's rehype-stringify
        if (child.tagName === 'figure' && hasClass(child, 'listing')) return { type: 'comment', value: shelf.put(toHtml(child, { allowDangerousHtml: true })) };
        walk(child);
        return child;
      }) as typeof parent.children;
    };
    walk(tree);
  };
}
