// rehype: each image as the post should hold it: the full-size file when Blogger showed a
// thumbnail (`…/s320/x.png`, `…=w320-h180`) inside a link to it (`…/s1600/x.png`), the link
// itself removed (the image is the post's own now), its alt text kept, its sizes dropped; an
// image in Blogger's caption table becomes the image and its caption as a paragraph.
import type { Element, ElementContent, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { visit, SKIP } from 'unist-util-visit';
import { hasClass } from '../../../src/markdown/hast.ts';

/** The file name endings of images (the downloads name their files by it too). */
export const imageFile = /\.(png|jpe?g|gif|webp|avif|svg|bmp)$/i;
const bloggerImageHost = /(^|\.)(bp\.blogspot\.com|googleusercontent\.com|blogger\.com)$/i;

/** Whether a link points at an image file (the full size of a thumbnail inside it). */
export function isImageUrl(href: string): boolean {
  try {
    const u = new URL(absolute(href));
    return imageFile.test(u.pathname) || (bloggerImageHost.test(u.hostname) && !/\.html?$/i.test(u.pathname));
  } catch { return false; }
}

const onlyImage = (a: Element): Element | undefined => {
  const kids = a.children.filter((c) => !(c.type === 'text' && c.value.trim() === ''));
  return kids.length === 1 && kids[0]!.type === 'element' && kids[0]!.tagName === 'img' ? kids[0] : undefined;
};

/** A protocol-relative address (`//1.bp.blogspot.com/…`, common in old posts) made https. */
const absolute = (url: string) => (url.startsWith('//') ? `https:${url}` : url);

const find = (e: Element, test: (x: Element) => boolean): Element | undefined => {
  for (const c of e.children) {
    if (c.type !== 'element') continue;
    if (test(c)) return c;
    const deeper = find(c, test);
    if (deeper) return deeper;
  }
  return undefined;
};

export function rehypeBloggerImages() {
  return (tree: Root) => {
    // Blogger's "add caption": a table holding the (linked) image and a caption cell
    visit(tree, 'element', (node, index, parent) => {
      if (node.tagName !== 'table' || !hasClass(node, 'tr-caption-container') || !parent || index === undefined) return undefined;
      const image = find(node, (x) => x.tagName === 'a' && !!find(x, (y) => y.tagName === 'img')) ?? find(node, (x) => x.tagName === 'img');
      const caption = find(node, (x) => hasClass(x, 'tr-caption'));
      const out: ElementContent[] = [];
      if (image) out.push({ type: 'element', tagName: 'p', properties: {}, children: [image] });
      if (caption && toString(caption).trim()) out.push({ type: 'element', tagName: 'p', properties: {}, children: caption.children });
      parent.children.splice(index, 1, ...out);
      return index;
    });
    visit(tree, 'element', (node, index, parent) => {
      if (node.tagName === 'a' && parent && index !== undefined) {
        const img = onlyImage(node);
        const href = absolute(String(node.properties['href'] ?? ''));
        if (img && isImageUrl(href)) {
          img.properties = { src: href, alt: img.properties['alt'] ?? '' };
          parent.children.splice(index, 1, img);
          return SKIP;
        }
      }
      if (node.tagName === 'img') node.properties = { src: absolute(String(node.properties['src'] ?? '')), alt: node.properties['alt'] ?? '' };
      return undefined;
    });
  };
}
