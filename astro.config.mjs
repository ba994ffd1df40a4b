// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { markdownConfig, siteMarkdownProcessor } from './src/markdown/pipeline.ts';
import { aliasPages } from './src/integrations/aliases.ts';
import { buildCache } from './src/integrations/build-cache.ts';
import { checkPosts } from './src/integrations/check-posts.ts';
import { markdownRenders } from './src/integrations/markdown-renders.ts';
import { preactIslands } from './src/integrations/preact-islands.ts';
import { publishManifestFile } from './src/integrations/publish-manifest.ts';
import { pagefindSearch } from './src/search/integration.ts';
import { securityHeaderFiles } from './src/integrations/security-headers.ts';
import { socialCards } from './src/cards/integration.ts';
import { site } from './src/site.config.ts';
import { astroCacheDir, codeKey } from './src/node/build-cache.ts';
import { readSettings } from './src/node/settings.ts';
import { sharedOptions } from './src/astro-options.ts';

// RZ_BASE builds the site for a sub-path (a GitHub Pages project site). The benchmark's plain
// baseline is scripts/bench/plain.config.mjs.
const settings = readSettings();
const { base } = settings;
// Astro's cache (content store, incremental pages) lives in this checkout, under a key of all
// the code and settings the output depends on: a change to any of them starts from a cold cache.
// One build at a time per checkout holds it (a second waits); the dev server does not use it.
const command = process.argv[2] ?? '';
const cacheDir = astroCacheDir(import.meta.dirname, codeKey(import.meta.dirname), { command });

// the dev server renders Markdown in worker threads (src/markdown/render-workers.ts)
const markdownProcessor = siteMarkdownProcessor({ workers: command === 'dev' });
const cards = socialCards(settings, site);
const manifest = publishManifestFile(settings);

export default defineConfig({
  ...sharedOptions(base, { root: import.meta.dirname, contentDir: settings.contentDir }),
  cacheDir,
  integrations: [buildCache(cacheDir), checkPosts(settings, { onPosts: (posts) => { cards.predraw(posts); manifest.posts(posts); } }), cards, markdownRenders(markdownProcessor), mdx(), preactIslands(), sitemap(), aliasPages(settings), pagefindSearch({ contentDir: settings.contentDir }), securityHeaderFiles(), manifest],
  markdown: markdownConfig(markdownProcessor),
  // A post's images get a srcset of widths up to their own (phones fetch a small one) and a
  // width and height (no layout shift); no global image styles: the site's CSS sizes them.
  image: { layout: 'constrained', responsiveStyles: false },
});
