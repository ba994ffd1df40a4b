// Builds the site once for the browser tests; every test file serves this build.
import type { TestProject } from 'vitest/node';
import { buildSite } from './support/build.ts';

export default function setup(project: TestProject): void {
  const r = buildSite('site');
  if (!r.ok) throw new Error(`astro build failed:\n${r.output}`);
  project.provide('siteDir', r.outDir);
}

declare module 'vitest' {
  export interface ProvidedContext { siteDir: string }
}
