// Builds the site once for the browser tests, once more with the fixture posts of
// tests/fixtures/posts (and this machine's /proc/self/maps as a post) beside the real ones, and
// once under a base path (support/base-site.ts); the test files serve these builds. The builds
// run side by side, each in a checkout copy.
import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildSiteAsync, contentWith, fixturePosts } from './support/build.ts';
import { baseSite } from './support/base-site.ts';
import { mapsPost, mapsPostFile } from './support/maps-post.ts';

export default async function setup(project: TestProject): Promise<void> {
  const content = contentWith({});
  cpSync(fixturePosts, content, { recursive: true });
  const maps = mapsPost();
  writeFileSync(join(content, mapsPostFile), maps.source);
  const [site, features, based] = await Promise.all([
    buildSiteAsync('site'),
    buildSiteAsync('features', { contentDir: content }),
    buildSiteAsync('base', { base: baseSite.base, contentDir: contentWith(baseSite.posts), env: { RZ_SITE_URL: baseSite.siteUrl } }),
  ]);
  if (!site.ok) throw new Error(`astro build failed:\n${site.output}`);
  if (!features.ok) throw new Error(`astro build of the fixture posts failed:\n${features.output}`);
  if (!based.ok) throw new Error(`astro build under ${baseSite.base} failed:\n${based.output}`);
  project.provide('siteDir', site.outDir);
  project.provide('featuresDir', features.outDir);
  project.provide('mapsLines', maps.lines);
  project.provide('baseDir', based.outDir);
  project.provide('baseOutput', based.output);
}

declare module 'vitest' {
  export interface ProvidedContext { siteDir: string; featuresDir: string; mapsLines: string[]; baseDir: string; baseOutput: string }
}
