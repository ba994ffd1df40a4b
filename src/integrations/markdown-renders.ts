// Astro integration: says at the end of a build how many posts were rendered, so an author (and
// the cache tests) can see that a warm build renders only what changed.
import type { AstroIntegration } from 'astro';
import type { SiteProcessor } from '../markdown/pipeline.ts';

export function markdownRenders(processor: SiteProcessor): AstroIntegration {
  return {
    name: 'ring-zero:markdown',
    hooks: {
      'astro:build:done': ({ logger }) => {
        const n = processor.renders;
        logger.info(`Markdown: ${n} post${n === 1 ? '' : 's'} rendered (the others came from the content cache)`);
      },
    },
  };
}
