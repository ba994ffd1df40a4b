// Listings: the Shiki config (class theme, this project's grammars, one transformer per job)
// and the remark / rehype plugins the pipeline takes from here. Map: ARCHITECTURE.md.
import type { AstroUserConfig } from 'astro';
import { transformerNotationDiff, transformerNotationFocus, transformerNotationHighlight } from '@shikijs/transformers';
import { classTheme, transformerTokenClasses } from './theme.ts';
import { grammars } from './grammars/index.ts';
import { transformerFenceMeta } from './transformer-fence-meta.ts';
import { transformerWindbgXrefs } from './transformer-windbg-xrefs.ts';
import { transformerMapsDiagram } from './transformer-maps-diagram.ts';
import { transformerFold } from './transformer-fold.ts';
import { transformerChrome } from './transformer-chrome.ts';
import { remarkListings, type RemarkListingsOptions } from './remark-listings.ts';
import { rehypeListingIds } from './rehype-listing-ids.ts';
import { rehypeHighlight } from './rehype-highlight.ts';

type Markdown = NonNullable<AstroUserConfig['markdown']>;
export type ShikiConfig = NonNullable<Markdown['shikiConfig']>;
type Plugin = readonly [(...args: never[]) => unknown, unknown?];

export function listingsShikiConfig(): ShikiConfig {
  return {
    theme: classTheme,
    langs: grammars,
    // null: Astro adds no `style="overflow-x: auto"` to <pre>; listings.css does it, and the wrap toggle.
    wrap: null,
    // In this order: a hook of one runs before the same hook of the next (fence-meta's line
    // classes before the xrefs', the maps diagram and the fold in the root before chrome wraps it).
    transformers: [
      transformerNotationDiff({ matchAlgorithm: 'v3' }), // `[!code ++]`, `[!code --]`
      transformerNotationFocus({ matchAlgorithm: 'v3' }), // `[!code focus]`
      transformerNotationHighlight({ matchAlgorithm: 'v3' }), // `[!code highlight]`
      transformerTokenClasses(), // tok-* classes, no style
      transformerFenceMeta(), // {1,3-5}, ins=, del=, focus=, showLineNumbers
      transformerWindbgXrefs(), // branch -> target line links, label anchors
      transformerMapsDiagram(), // the address space under a procmaps listing
      transformerFold(), // long listings: the lines past the fold behind a <details>
      transformerChrome(), // <figure> with caption and buttons
    ],
  };
}

export function listingsRemarkPlugins(options: RemarkListingsOptions = {}): Plugin[] {
  return [[remarkListings, options]];
}

/**
 * rehype: highlighting (rehype-highlight.ts; Astro's own is off via syntaxHighlight: false
 * in the pipeline), then the page-level pass that makes the listings' ids unique.
 */
export function listingsRehypePlugins(): Plugin[] {
  const c = listingsShikiConfig();
  const aliases = Object.fromEntries(grammars.flatMap((g) => (g.aliases ?? []).map((a) => [a, g.name])));
  return [
    [rehypeHighlight, { theme: c.theme, langs: c.langs, langAlias: aliases, transformers: c.transformers }],
    [rehypeListingIds],
  ];
}
