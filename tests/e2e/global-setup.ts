// Builds the site once for the browser tests, and once more with the fixture posts of
// tests/fixtures/posts (and this machine's /proc/self/maps as a post) beside the real ones; the
// test files serve these builds. The two builds run side by side, each in a checkout copy.
import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildSiteAsync, contentWith, fixturePosts } from './support/build.ts';
import { mapsPost, mapsPostFile } from './support/maps-post.ts';

export default async function setup(project: TestProject): Promise<void> {
  const content = contentWith({});
  cpSync(fixturePosts, content, { recursive: true });
  const maps = mapsPost();
  writeFileSync(join(content, mapsPostFile), maps.source);
  const [site, features] = await Promise.all([buildSiteAsync('site'), buildSiteAsync('features', { contentDir: content })]);
  if (!site.ok) throw new Error(`astro build failed:\n${site.output}`);
  if (!features.ok) throw new Error(`astro build of the fixture posts failed:\n${features.output}`);
  project.provide('siteDir', site.outDir);
  project.provide('featuresDir', features.outDir);
  project.provide('mapsLines', maps.lines);
}

declare module 'vitest' {
  export interface ProvidedContext { siteDir: string; featuresDir: string; mapsLines: string[] }
}
