// Builds the site once for the browser tests, and once more with the fixture posts of
// tests/fixtures/posts beside the real ones; the test files serve these builds.
import { cpSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { buildSite, contentWith, fixturePosts } from './support/build.ts';

export default function setup(project: TestProject): void {
  const site = buildSite('site');
  if (!site.ok) throw new Error(`astro build failed:\n${site.output}`);
  project.provide('siteDir', site.outDir);
  const content = contentWith({});
  cpSync(fixturePosts, content, { recursive: true });
  const features = buildSite('features', { contentDir: content });
  if (!features.ok) throw new Error(`astro build of the fixture posts failed:\n${features.output}`);
  project.provide('featuresDir', features.outDir);
}

declare module 'vitest' {
  export interface ProvidedContext { siteDir: string; featuresDir: string }
}
