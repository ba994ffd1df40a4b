// The Markdown pipeline: remark/rehype plugins and Shiki settings, in one place
// so astro.config.ts, tests and the benchmarks build Markdown the same way.
import type { AstroUserConfig } from 'astro';
import { rehypeHeadingIds, type MarkdownProcessor, type UnifiedProcessorOptions } from '@astrojs/markdown-remark';
import rehypeAutolinkHeadings from 'rehype-autolink-headings';
import rehypeExternalLinks from 'rehype-external-links';
import { toString } from 'hast-util-to-string';
import { listingsRehypePlugins, listingsRemarkPlugins } from './listings.ts';
import { parallelUnified, type ParallelProcessor } from './parallel-unified.ts';

type Markdown = NonNullable<AstroUserConfig['markdown']>;

/** rehype plugins for prose: heading ids and anchors, safe external links. */
export function proseRehypePlugins() {
  return [
    // Astro adds heading ids after user plugins; anchors need them first.
    rehypeHeadingIds,
    [rehypeAutolinkHeadings, {
      behavior: 'append',
      test: ['h2', 'h3', 'h4'],
      properties: (el: Parameters<typeof toString>[0]) => ({ className: ['heading-anchor'], ariaLabel: `Link to section: ${toString(el)}` }),
      content: { type: 'text', value: '#' },
    }],
    [rehypeExternalLinks, { rel: ['noopener', 'noreferrer'], target: false }],
  ] as const;
}

/** The unified() options of the site's pipeline (also built by each render worker). */
export function unifiedOptions(): UnifiedProcessorOptions {
  return {
    // No SmartyPants: in a kernel blog `--flag`, 'quoted' CSP keywords and straight quotes in
    // identifiers must stay as written, and it was the slowest step of the pipeline (17% of render).
    smartypants: false,
    remarkPlugins: [...listingsRemarkPlugins()] as never,
    rehypePlugins: [...listingsRehypePlugins(), ...proseRehypePlugins()] as never,
  };
}

/** Options for createMarkdownProcessor: what the site uses, for tests and benchmarks. */
export function markdownProcessorOptions() {
  return { syntaxHighlight: false as const, ...unifiedOptions() };
}

/** The site's processor: unified() with the options above, .md rendered on worker threads in big builds. */
export function siteMarkdownProcessor(): ParallelProcessor {
  return parallelUnified(unifiedOptions(), { module: import.meta.url, exportName: 'unifiedOptions' });
}

export function markdownConfig(processor: MarkdownProcessor = siteMarkdownProcessor()): Markdown {
  return {
    // Highlighting is a rehype plugin of ours (src/markdown/listings/rehype-highlight.ts).
    syntaxHighlight: false,
    processor,
  };
}
