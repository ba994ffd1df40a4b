// rehype plugin: highlights fenced code with Shiki in place of Astro's built-in pass, with
// Shiki's JavaScript regex engine (why: README, dependencies) and one highlighter per process.
import type { Root } from 'hast';
import { bundledLanguages, createHighlighter, type HighlighterGeneric, type LanguageRegistration, type ShikiTransformer, type ThemeRegistration } from 'shiki';
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

/**
 * The bundled grammars a page's listings name, loaded before it is highlighted, each once per
 * highlighter. Left to @shikijs/rehype's lazy loading, pages rendered side by side on a busy
 * machine could highlight the first listing of a new language without its comment tokens, and so
 * without its `[!code …]` notations (lazy-grammars.test.ts).
 */
const loading = new WeakMap<object, Map<string, Promise<void>>>();
async function loadLanguagesOf(tree: Root, highlighter: HighlighterGeneric<string, string>, aliases: Record<string, string>): Promise<void> {
  const wanted = new Set<string>();
  const visit = (node: { type: string; tagName?: string; properties?: Record<string, unknown>; children?: unknown[] }) => {
    if (node.type === 'element' && node.tagName === 'code') {
      const cls = node.properties?.['className'];
      for (const c of Array.isArray(cls) ? cls : []) if (typeof c === 'string' && c.startsWith('language-')) wanted.add(c.slice(9));
    }
    for (const child of node.children ?? []) visit(child as never);
  };
  visit(tree as never);
  let loads = loading.get(highlighter);
  if (!loads) loading.set(highlighter, (loads = new Map()));
  const loaded = new Set(highlighter.getLoadedLanguages());
  const pending: Promise<void>[] = [];
  for (const name of wanted) {
    const lang = aliases[name] ?? name;
    if (loaded.has(lang) || !(lang in bundledLanguages)) continue;
    let p = loads.get(lang);
    if (!p) loads.set(lang, (p = highlighter.loadLanguage(lang as never).catch(() => { /* highlighted as text, as before */ })));
    pending.push(p);
  }
  await Promise.all(pending);
}

export function rehypeHighlight(options: RehypeHighlightOptions) {
  return async (tree: Root): Promise<void> => {
    const highlighter = await highlighterFor(options);
    await loadLanguagesOf(tree, highlighter, options.langAlias);
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
