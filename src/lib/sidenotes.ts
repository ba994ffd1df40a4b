// Feeds have no CSS: the margin copies of footnotes (src/markdown/sidenotes.ts) would read as
// the notes twice there, so a feed's HTML leaves them out and keeps the footnotes list at the end.
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';

const isCopy = (n: Root['children'][number]) => n.type === 'element' && n.tagName === 'aside' && ([] as unknown[]).concat(n.properties['className']).includes('sidenote');

/** Post HTML without its `aside.sidenote` copies; HTML without any is returned as it came. */
export function withoutSidenotes(html: string): string {
  if (!html.includes('<aside class="sidenote"')) return html;
  const tree = fromHtml(html, { fragment: true });
  const prune = (node: Root | Element) => {
    node.children = node.children.filter((c) => !isCopy(c)) as typeof node.children;
    for (const c of node.children) if (c.type === 'element') prune(c);
  };
  prune(tree);
  return toHtml(tree);
}
