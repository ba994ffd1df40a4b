// rehype plugin: highlights fenced code with Shiki in place of Astro's built-in pass, with
// Shiki's JavaScript regex engine (why: README, dependencies) and one highlighter per process.
import type { Root } from 'hast';
import { createHighlighter, type HighlighterGeneric, type LanguageRegistration, type ShikiTransformer, type ThemeRegistration } from 'shiki';
import { createJavaScriptRegexEngine } from 'shiki/engine/javascript';
import rehypeShikiFromHighlighter from '@shikijs/rehype/core';

export interface RehypeHighlightOptions {
  theme: ThemeRegistration;
  langs: LanguageRegistration[];
  langAlias: Record<string, string>;
  transformers: ShikiTransformer[];
}

const highlighters = new Map<string, Promise<HighlighterGeneric<string, string>>>();

function highlighterFor(o: RehypeHighlightOptions) {
  const key = `${o.theme.name}:${o.langs.map((l) => l.name).join(',')}`;
  let h = highlighters.get(key);
  if (!h) {
    h = createHighlighter({
      themes: [o.theme],
      langs: o.langs,
      langAlias: o.langAlias,
      // forgiving: a bundled grammar with a regex the JS engine cannot run skips that rule instead of failing the build
      engine: createJavaScriptRegexEngine({ forgiving: true }),
    }) as Promise<HighlighterGeneric<string, string>>;
    highlighters.set(key, h);
  }
  return h;
}

export function rehypeHighlight(options: RehypeHighlightOptions) {
  return async (tree: Root): Promise<void> => {
    const highlighter = await highlighterFor(options);
    const transform = rehypeShikiFromHighlighter(highlighter, {
      theme: options.theme.name ?? 'class-theme',
      transformers: options.transformers,
      lazy: true, // load Shiki's bundled grammars (c, asm, …) the first time a post uses them
      fallbackLanguage: 'text',
      defaultLanguage: 'text',
      // No time limit on a line (Shiki's default is 500 ms, after which the rest of the line is
      // left as plain text): on a busy machine the first line of a language, which compiles the
      // grammar's patterns, went over it and lost its tokens and `[!code …]` notation. The output
      // must not depend on the machine's load.
      tokenizeTimeLimit: 0,
    });
    // The transformer is (tree, file, next) for unified; it needs only the tree.
    await (transform as unknown as (t: Root) => Promise<void> | undefined)(tree);
    unwrapRoots(tree);
  };
}

/**
 * @shikijs/rehype puts each highlighted block in as a `root` fragment; splice its children in
 * place. A highlighted block (a root's content, or a <pre>) is not searched inside.
 */
function unwrapRoots(node: { children?: unknown[] }): void {
  if (!node.children) return;
  node.children = node.children.flatMap((child) => {
    const c = child as { type: string; tagName?: string; children?: unknown[] };
    if (c.type === 'root') return c.children ?? [];
    if (c.type === 'element' && c.tagName !== 'pre') unwrapRoots(c);
    return [child];
  });
}
