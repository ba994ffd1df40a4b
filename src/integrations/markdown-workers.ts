// Astro integration: starts the Markdown render workers (src/markdown/parallel-unified.ts)
// as soon as a build of many posts begins, so they have loaded the pipeline by the time the
// content loader asks for renders, instead of ~2 s later.
import type { AstroIntegration } from 'astro';
import type { ParallelProcessor } from '../markdown/parallel-unified.ts';

export function markdownWorkers(processor: ParallelProcessor, postCount: () => number, threshold = 64): AstroIntegration {
  return {
    name: 'ring-zero:markdown-workers',
    hooks: {
      'astro:config:setup': ({ command }) => {
        if (command === 'build' && postCount() >= threshold) processor.prewarm();
      },
    },
  };
}
