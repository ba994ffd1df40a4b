// Astro integration: the Pagefind index. `astro build` indexes the built pages once they are
// all written (build-index.ts); `astro dev` serves an index built in memory (dev-index.ts),
// marked stale when a post changes. Why Pagefind's Node API: README, "Search".
import type { AstroIntegration } from 'astro';
import { isAbsolute, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { joinBase, postPath, withTrailingSlash } from '../lib/routes.ts';
import { slugFromPath } from '../lib/slugs.ts';
import { indexBuiltSite, preloadIndex, type PreloadedIndex } from './build-index.ts';
import { DevIndex } from './dev-index.ts';
import { closePagefind, type IndexOptions } from './pagefind-index.ts';

/** `contentDir`: the posts folder the dev index watches; `variants`: see IndexOptions. */
export function pagefindSearch(opts: { contentDir: string } & IndexOptions): AstroIntegration {
  let base = '/';
  let root = process.cwd();
  let cacheDir: string | undefined;
  let preloaded: PreloadedIndex | undefined;
  return {
    name: 'ring-zero:pagefind',
    hooks: {
      'astro:config:done': ({ config }) => {
        base = withTrailingSlash(config.base);
        root = fileURLToPath(config.root);
        cacheDir = fileURLToPath(config.cacheDir);
      },
      'astro:server:setup': ({ server, logger }) => {
        const dev = new DevIndex(base, logger);
        const contentDir = resolve(root, opts.contentDir);
        server.watcher.add(contentDir);
        server.watcher.on('all', (_event: string, file: string) => {
          const post = relative(contentDir, resolve(file));
          const inContent = !post.startsWith('..') && !isAbsolute(post);
          // a post's file: that post alone is rendered again (a picture beside it changes no word)
          if (inContent && /\.mdx?$/.test(post)) dev.changed(joinBase(base, postPath(slugFromPath(post))));
          else if (!inContent && /\.(md|mdx|astro)$/.test(file)) dev.changed();
        });
        server.middlewares.use(dev.handle);
      },
      // the last build's pages go to Pagefind while Astro builds; after the last page, only what changed
      'astro:build:start': () => { preloaded = preloadIndex({ ...opts, cacheDir }); },
      'astro:build:done': async ({ dir, logger }) => {
        const t = performance.now();
        try {
          const r = await indexBuiltSite(fileURLToPath(dir), base, { ...opts, cacheDir }, preloaded);
          const kept = r.readded === undefined ? '' : ` (${r.pages - r.readded} of them indexed while the pages were built)`;
          logger.info(`search index: ${r.pages} posts, ${r.extraWords} identifier variants; finished in ${Math.round(performance.now() - t)} ms after the last page was written${kept}`);
        } finally {
          await closePagefind();
        }
      },
    },
  };
}
