// Listings: Shiki theme, this project's grammars and the code-block plugins.
// Owned by the listings work (issue 3); the pipeline only imports these three.
//
// - Grammars (./listings/grammars/): windbg (kd), procmaps (maps), gdb.
// - Colours: a class theme (./listings/theme.ts): tokens get `tok-*` classes whose
//   light/dark colours are in src/styles/code.css; no `style` attribute is emitted.
// - Chrome and notation: @shikijs/transformers for the `[!code ++]`, `[!code --]`,
//   `[!code focus]`, `[!code highlight]` comments; ./listings/transformer.ts for the
//   fence meta (title, {1,3-5}, ins/del/focus, showLineNumbers, wrap), the figure,
//   windbg cross-references and the procmaps diagram.
// - remark: unknown fence languages fail the build with file:line; malformed maps
//   lines warn with file:line. rehype: per-page unique ids.
import type { AstroUserConfig } from 'astro';
import { transformerNotationDiff, transformerNotationFocus, transformerNotationHighlight } from '@shikijs/transformers';
import { classTheme } from './listings/theme.ts';
import { grammars } from './listings/grammars/index.ts';
import { listingsTransformer } from './listings/transformer.ts';
import { remarkListings, type RemarkListingsOptions } from './listings/remark-listings.ts';
import { rehypeListingIds } from './listings/rehype-listing-ids.ts';
import { rehypeHighlight } from './listings/rehype-highlight.ts';

type Markdown = NonNullable<AstroUserConfig['markdown']>;
export type ShikiConfig = NonNullable<Markdown['shikiConfig']>;
type Plugin = readonly [(...args: never[]) => unknown, unknown?];

export function listingsShikiConfig(): ShikiConfig {
  return {
    theme: classTheme,
    langs: grammars,
    // null: Astro adds no `style="overflow-x: auto"` to <pre>; code.css does it, and the wrap toggle.
    wrap: null,
    transformers: [
      transformerNotationDiff({ matchAlgorithm: 'v3' }),
      transformerNotationFocus({ matchAlgorithm: 'v3' }),
      transformerNotationHighlight({ matchAlgorithm: 'v3' }),
      listingsTransformer(),
    ],
  };
}

export function listingsRemarkPlugins(options: RemarkListingsOptions = {}): Plugin[] {
  return [[remarkListings, options]];
}

/**
 * rehype: highlighting (this project's pass, see rehype-highlight.ts; Astro's own is off via
 * syntaxHighlight: false in the pipeline), then per-page unique listing ids.
 */
export function listingsRehypePlugins(): Plugin[] {
  const c = listingsShikiConfig();
  const aliases = Object.fromEntries(grammars.flatMap((g) => (g.aliases ?? []).map((a) => [a, g.name])));
  return [
    [rehypeHighlight, { theme: c.theme, langs: c.langs, langAlias: aliases, transformers: c.transformers }],
    [rehypeListingIds],
  ];
}
