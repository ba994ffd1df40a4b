// Shiki transformer: a long listing folds (src/listings/meta.ts, foldAt). The lines past the
// fold, with the newlines between them, go into one <span class="listing-rest"> inside the same
// <code>, so copy, print and the search index still get every line; a <details> after the <pre>
// is the control, and listings.css hides the rest while it is closed. No script is needed; the
// branch-link script opens it when a link lands in the folded part.
import type { ShikiTransformer } from 'shiki';
import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import { foldAt, parseMeta } from './meta.ts';

export function transformerFold(): ShikiTransformer {
  return {
    name: 'ring-zero:fold',
    // root, not code: the maps diagram's root hook reads the lines as direct children first
    root(root) {
      const code = this.code;
      const lines = code.children.filter((c): c is Element => c.type === 'element');
      const shown = foldAt(lines.length, parseMeta(this.options.meta?.__raw));
      if (shown === undefined) return;
      const cut = code.children.indexOf(lines[shown - 1]!) + 1; // the newline after line `shown` goes with the rest
      const rest: ElementContent[] = code.children.slice(cut);
      code.children = [...code.children.slice(0, cut), h('span', { className: ['listing-rest'] }, rest)];
      const control = h('details', { className: ['listing-fold'] }, [
        h('summary', [
          h('span', { className: ['listing-fold-closed'] }, `Show all ${lines.length} lines`),
          h('span', { className: ['listing-fold-open'] }, `Fold to the first ${shown} lines`),
        ]),
      ]);
      const at = root.children.indexOf(this.pre);
      root.children.splice(at + 1, 0, control);
    },
  };
}
