// The Astro options the site and the benchmark's plain baseline (scripts/bench/plain.config.mjs)
// share, so the baseline differs from the site only by this project's extras.
import type { AstroUserConfig } from 'astro';
import { cspDirectives, scriptResources } from './lib/security-headers.ts';
import { cspHash, themeInitScript } from './lib/theme-init.ts';
import { site } from './site.config.ts';

export function sharedOptions(base: string) {
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
  } satisfies AstroUserConfig;
}
