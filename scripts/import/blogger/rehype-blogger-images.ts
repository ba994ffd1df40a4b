// rehype: each image as the post should hold it: the full-size file when Blogger showed a
// thumbnail (`…/s320/x.png`, `…=w320-h180`) inside a link to it (`…/s1600/x.png`), the link
// itself removed (the image is the post's own now), its alt text kept, its sizes dropped.
import type { Element, Root } from 'hast';
import { visit, SKIP } from 'unist-util-visit';

const imageFile = /\.(png|jpe?g|gif|webp|avif|svg|bmp)$/i;
const bloggerImageHost = /(^|\.)(bp\.blogspot\.com|googleusercontent\.com|blogger\.com)$/i;

/** Whether a link points at an image file (the full size of a thumbnail inside it). */
export function isImageUrl(href: string): boolean {
  try {
    const u = new URL(href);
    return imageFile.test(u.pathname) || (bloggerImageHost.test(u.hostname) && !/\.html?$/i.test(u.pathname));
  } catch { return false; }
}

const onlyImage = (a: Element): Element | undefined => {
  const kids = a.children.filter((c) => !(c.type === 'text' && c.value.trim() === ''));
  return kids.length === 1 && kids[0]!.type === 'element' && kids[0]!.tagName === 'img' ? kids[0] : undefined;
};

export function rehypeBloggerImages() {
  return (tree: Root) => {
    visit(tree, 'element', (node, index, parent) => {
      if (node.tagName === 'a' && parent && index !== undefined) {
        const img = onlyImage(node);
        const href = String(node.properties['href'] ?? '');
        if (img && isImageUrl(href)) {
          img.properties = { src: href, alt: img.properties['alt'] ?? '' };
          parent.children.splice(index, 1, img);
          return SKIP;
        }
      }
      if (node.tagName === 'img') node.properties = { src: node.properties['src'] ?? '', alt: node.properties['alt'] ?? '' };
      return undefined;
    });
  };
}
