// Shiki transformer: the line marks a fence's meta asks for ({1,3-5} highlight, ins= / del=
// diff, focus=, showLineNumbers; src/listings/meta.ts), with the same classes as the
// `[!code ...]` notation transformers, which run before it.
import type { ShikiTransformer } from 'shiki';
import type { Element } from 'hast';
import { parseMeta } from './meta.ts';
import { hasClass } from '../markdown/hast.ts';

export function transformerFenceMeta(): ShikiTransformer {
  return {
    name: 'ring-zero:fence-meta',
    code(code) {
      const meta = parseMeta(this.options.meta?.__raw);
      // the lines left after the notation transformers removed `[!code ...]`-only lines
      code.children.filter((c): c is Element => c.type === 'element').forEach((line, i) => {
        const n = i + 1;
        if (meta.highlight.has(n)) this.addClassToHast(line, 'highlighted');
        if (meta.ins.has(n)) this.addClassToHast(line, ['diff', 'add']);
        if (meta.del.has(n)) this.addClassToHast(line, ['diff', 'remove']);
        if (meta.focus.has(n)) this.addClassToHast(line, 'focused');
      });
    },
    // after the token-classes pre hook, so the classes read `shiki listing-pre has-...`
    pre(pre) {
      const marked = (c: string) => this.code.children.some((l) => l.type === 'element' && hasClass(l, c));
      if (marked('highlighted')) this.addClassToHast(pre, 'has-highlighted');
      if (marked('diff')) this.addClassToHast(pre, 'has-diff');
      if (marked('focused')) this.addClassToHast(pre, 'has-focused');
      if (parseMeta(this.options.meta?.__raw).showLineNumbers) this.addClassToHast(pre, 'has-line-numbers');
    },
  };
}
