// The Markdown pipeline: remark/rehype plugins and Shiki settings, in one place
// so astro.config.mjs, tests and the benchmarks build Markdown the same way.
import type { AstroUserConfig } from 'astro';
import { rehypeHeadingIds, unified, type AstroMarkdownOptions, type MarkdownProcessor, type MarkdownRenderer, type UnifiedProcessorOptions } from '@astrojs/markdown-remark';
import rehypeAutolinkHeadings from 'rehype-autolink-headings';
import rehypeExternalLinks from 'rehype-external-links';
import { toString } from 'hast-util-to-string';
import { randomUUID } from 'node:crypto';
import { listingsRehypePlugins, listingsRemarkPlugins } from '../listings/index.ts';
import { listingShelf, rehypeShelveListings } from '../listings/listing-shelf.ts';
import remarkGithubAlerts from 'remark-github-blockquote-alert';
import rehypeCallouts from './callouts.ts';
import rehypeSidenotes from './sidenotes.ts';
import rehypeImageSizes from './image-sizes.ts';
import { renderInWorkers } from './render-workers.ts';

type Markdown = NonNullable<AstroUserConfig['markdown']>;

/**
 * rehype plugins for prose, before the listings are highlighted (they need not walk a span per
 * token): heading ids and anchors, safe external links, callouts.
 */
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
    // `> [!NOTE]` callouts (remark-github-blockquote-alert) labelled.
    rehypeCallouts,
  ] as const;
}

/**
 * rehype plugins after the listings: footnotes copied to the margin (a listing in a footnote is
 * copied highlighted, and the copy loses its ids and links), image sizes (the copies' too).
 */
export function afterListingsRehypePlugins() {
  return [rehypeSidenotes, rehypeImageSizes] as const;
}

/** The unified() options of the site's pipeline. */
export function unifiedOptions(): UnifiedProcessorOptions {
  return {
    // No SmartyPants: in a kernel blog `--flag`, 'quoted' CSP keywords and straight quotes in
    // identifiers must stay as written, and it was the slowest step of the pipeline (17% of render).
    smartypants: false,
    remarkPlugins: [...listingsRemarkPlugins(), remarkGithubAlerts] as never,
    rehypePlugins: [...proseRehypePlugins(), ...listingsRehypePlugins(), ...afterListingsRehypePlugins()] as never,
  };
}

/** Options for createMarkdownProcessor: what the site uses, for tests and benchmarks. */
export function markdownProcessorOptions() {
  return { syntaxHighlight: false as const, ...unifiedOptions() };
}

export interface SiteProcessor extends MarkdownProcessor {
  /** Markdown renders asked for so far: a warm build asks only for the posts that changed. */
  readonly renders: number;
}

/**
 * The site's Markdown renderer in this thread: unified() with the options above, with finished
 * listings set aside from Astro's trailing passes (listing-shelf.ts). render-worker.ts runs it.
 */
export async function siteMarkdownRenderer(shared: AstroMarkdownOptions): Promise<MarkdownRenderer> {
  const shelf = listingShelf(randomUUID());
  const options = unifiedOptions();
  const renderer = await unified({ ...options, rehypePlugins: [...options.rehypePlugins ?? [], [rehypeShelveListings, shelf]] as never }).createRenderer(shared);
  return {
    render: async (content, opts) => {
      const rendered = await renderer.render(content, opts);
      return { ...rendered, code: shelf.fill(rendered.code) };
    },
  };
}

/**
 * The site's processor, counting its renders. `workers` (the dev server): Markdown is rendered in
 * worker threads beside Astro's (render-workers.ts), or in this thread once a worker fails.
 * A build renders in this thread: its second core draws the cards, and a render worker made a
 * cold 1,000-post build slower (43.8 s against 40.2 s) and its peak memory 16% higher. MDX is
 * always rendered in this thread.
 */
export function siteMarkdownProcessor({ workers = false } = {}): SiteProcessor {
  const base = unified(unifiedOptions());
  let renders = 0;
  return {
    name: base.name,
    options: base.options,
    get renders() { return renders; },
    async createRenderer(shared): Promise<MarkdownRenderer> {
      const renderer = (workers ? renderInWorkers(shared, () => siteMarkdownRenderer(shared)) : undefined) ?? await siteMarkdownRenderer(shared);
      return { render: (content, opts) => { renders++; return renderer.render(content, opts); } };
    },
    ...(base.createMdxRenderer ? { createMdxRenderer: base.createMdxRenderer.bind(base) } : {}),
  };
}

export function markdownConfig(processor: MarkdownProcessor = siteMarkdownProcessor()): Markdown {
  return {
    // Highlighting is a rehype plugin of ours (src/listings/rehype-highlight.ts).
    syntaxHighlight: false,
    processor,
  };
}
