// Callouts: remark-github-blockquote-alert turns `> [!NOTE]` … `> [!CAUTION]` into
// div.markdown-alert with a title paragraph ("NOTE" and an aria-hidden icon); this makes each a
// role="note" with its label in words ("Note"), so screen readers and feeds (no CSS) say what it is.
import type { Element, Root } from 'hast';
import { CONTINUE, SKIP, visit } from 'unist-util-visit';
import { classesOf as classes } from './hast.ts';

const labels: Record<string, string> = { note: 'Note', tip: 'Tip', important: 'Important', warning: 'Warning', caution: 'Caution' };

export default function rehypeCallouts() {
  return (tree: Root) => {
    visit(tree, 'element', (el) => {
      if (el.tagName === 'pre') return SKIP; // (a listing holds none: its token spans are most of a post's nodes)
      const kind = classes(el).find((c) => c.startsWith('markdown-alert-'))?.slice('markdown-alert-'.length);
      if (!kind || !classes(el).includes('markdown-alert') || !labels[kind]) return CONTINUE;
      el.properties['role'] = 'note';
      const title = el.children.find((c): c is Element => c.type === 'element' && classes(c).includes('markdown-alert-title'));
      for (const c of title?.children ?? []) if (c.type === 'text') c.value = c.value.replace(kind.toUpperCase(), labels[kind]);
      return CONTINUE;
    });
  };
}
