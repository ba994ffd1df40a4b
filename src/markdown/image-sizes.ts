// rehype: every image in a post gets `sizes`: the text column's width (--measure, 44rem, in
// global.css) on a wide screen, the screen's width on a phone. Astro keeps a `sizes` it finds
// and otherwise computes one from the image's own width, which would send a desktop reader a
// 1,600 px screenshot for a 704 px column.
import type { Root } from 'hast';
import { CONTINUE, SKIP, visit } from 'unist-util-visit';

export const POST_IMAGE_SIZES = '(min-width: 46rem) 44rem, 100vw';

export default function rehypeImageSizes() {
  return (tree: Root) => {
    visit(tree, 'element', (el) => {
      if (el.tagName === 'pre') return SKIP; // (a listing holds none: its token spans are most of a post's nodes)
      if (el.tagName === 'img' && el.properties['sizes'] === undefined) el.properties['sizes'] = POST_IMAGE_SIZES;
      return CONTINUE;
    });
  };
}
