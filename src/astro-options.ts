// The Astro options the site and the benchmark's plain baseline (scripts/bench/plain.config.mjs)
// share, so the baseline differs from the site only by this project's extras.
import { resolve, sep } from 'node:path';
import type { AstroUserConfig, ViteUserConfig } from 'astro';
import { cspDirectives, scriptResources } from './lib/security-headers.ts';
import { cspHash, themeInitScript } from './lib/theme-init.ts';
import { site } from './site.config.ts';

/** Build outputs, caches and tools in a checkout: tens of thousands of files after tests and benchmarks. */
const UNWATCHED = ['dist', '.cache', '.tools', '.test-build', '.bench'];

/**
 * What `astro dev` leaves out of its file watcher: those folders of the checkout at `root`, but
 * for one the posts are read from (`contentDir`; the benchmark's posts are under .bench/).
 */
export function unwatched(root: string, contentDir: string): string[] {
  const posts = resolve(root, contentDir) + sep;
  return UNWATCHED.map((d) => resolve(root, d) + sep).filter((dir) => !posts.startsWith(dir)).map((dir) => `${dir}**`);
}

/** Vite's build.rolldownOptions.onLog, as Astro's config types it. */
type OnBuildLog = NonNullable<NonNullable<NonNullable<ViteUserConfig['build']>['rolldownOptions']>['onLog']>;

/**
 * Rolldown's logs, but for its warning about the directive Astro writes into each MDX page's
 * assets module (withastro/astro#18087, harmless): on every build, an author would take it for
 * a problem of theirs.
 */
export const onBuildLog: OnBuildLog = (level, log, handler) => {
  if (level === 'warn' && log.code === 'MODULE_LEVEL_DIRECTIVE' && log.message.includes('"use astro:head-inject"')) return;
  handler(level, log);
};

export function sharedOptions(base: string, watch: { root: string; contentDir: string }) {
  return {
    site: site.url,
    base,
    trailingSlash: 'always',
    // CSS ships as files (style-src 'self'), never as inline <style>, so one CSP header fits every page.
    // concurrency: page generation waits on file writes and CSP hashing more than it computes;
    // 8 pages at a time took 1,000 posts' pages from ~4.5 s to ~3 s.
    build: { format: 'directory', inlineStylesheets: 'never', concurrency: 8 },
    // A strict CSP: no 'unsafe-inline' for scripts or styles; the one inline script is hashed.
    security: {
      csp: {
        directives: [...cspDirectives],
        scriptDirective: { resources: scriptResources, hashes: [cspHash(themeInitScript)] },
        styleDirective: { resources: ["'self'"] },
      },
    },
    prerenderConflictBehavior: 'error',
    devToolbar: { enabled: false },
    // Pages whose cacheKey (getStaticPaths) and module graph are unchanged are copied from the cache.
    experimental: { incrementalBuild: true },
    // Vite's watcher walked 90,000 files of .bench/ and .test-build/ before the content sync began (8 s)
    vite: { server: { watch: { ignored: unwatched(watch.root, watch.contentDir) } }, build: { rolldownOptions: { onLog: onBuildLog } } },
  } satisfies AstroUserConfig;
}
