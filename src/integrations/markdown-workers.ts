// Astro integration: starts the Markdown render workers (src/markdown/parallel-unified.ts)
// as soon as a cold build of many posts begins, so they have loaded the pipeline by the time
// the content loader asks for renders, instead of ~2 s later. A warm build (Astro's content
// store is there) re-renders only the changed posts: workers then start only on demand.
import { existsSync } from 'node:fs';
import type { AstroIntegration } from 'astro';
import type { ParallelProcessor } from '../markdown/parallel-unified.ts';

export function markdownWorkers(processor: ParallelProcessor, postCount: () => number, threshold = 64): AstroIntegration {
  return {
    name: 'ring-zero:markdown-workers',
    hooks: {
      'astro:config:setup': ({ command, config }) => {
        const warm = existsSync(new URL('data-store.json', config.cacheDir));
        if (command === 'build' && !warm && postCount() >= threshold) processor.prewarm();
      },
      'astro:build:done': ({ logger }) => {
        logger.info(`Markdown: ${processor.renders} post${processor.renders === 1 ? '' : 's'} rendered (the others came from the content cache)`);
      },
    },
  };
}
