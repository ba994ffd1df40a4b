// Builds the site once for the browser tests, and once more with the fixture posts of
// tests/fixtures/posts beside the real ones; the test files serve these builds. The two
// builds run side by side: each keeps about one of the machine's two cores busy.
import { cpSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { buildSiteAsync, contentWith, fixturePosts } from './support/build.ts';

export default async function setup(project: TestProject): Promise<void> {
  const content = contentWith({});
  cpSync(fixturePosts, content, { recursive: true });
  const [site, features] = await Promise.all([buildSiteAsync('site'), buildSiteAsync('features', { contentDir: content })]);
  if (!site.ok) throw new Error(`astro build failed:\n${site.output}`);
  if (!features.ok) throw new Error(`astro build of the fixture posts failed:\n${features.output}`);
  project.provide('siteDir', site.outDir);
  project.provide('featuresDir', features.outDir);
}

declare module 'vitest' {
  export interface ProvidedContext { siteDir: string; featuresDir: string }
}
