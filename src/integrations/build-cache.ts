// Astro integration: tells the build cache (src/node/build-cache.ts) that the build finished, so
// the page copies it left in `dir` are kept for the next build.
import type { AstroIntegration } from 'astro';
import { buildFinished } from '../node/build-cache.ts';

export function buildCache(dir: string): AstroIntegration {
  return { name: 'ring-zero:build-cache', hooks: { 'astro:build:done': () => buildFinished(dir) } };
}
