// @ts-check
// The baseline `npm run bench -- site` compares against: astro.config.mjs without this project's
// extras (Markdown plugins and grammars, checks, sitemap, redirects, search, header files), on the
// same pages and posts. MDX and Preact stay: the SList post needs them.
import { join } from 'node:path';
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import preact from '@astrojs/preact';
import { cacheRoot } from '../../src/node/build-cache.ts';
import { readSettings } from '../../src/node/settings.ts';
import { sharedOptions } from '../../src/astro-options.ts';

const root = join(import.meta.dirname, '../..');
const settings = readSettings();

export default defineConfig({
  ...sharedOptions(settings.base, { root, contentDir: settings.contentDir }),
  root,
  // its own folder: the site's cache key does not cover this config (the benchmark builds it cold)
  cacheDir: join(cacheRoot(root), 'astro-plain'),
  integrations: [mdx(), preact()],
});
