import { defineConfig } from 'vitest/config';

// End-to-end: real builds, served on 127.0.0.1, driven in Debian's Chromium.
// Two files at a time (each build and dev server runs in a checkout copy of its own,
// support/build.ts): one file alone kept 1.2 of the 2 cores busy (a build's single-threaded
// phases, a browser waiting for a page), and the suite took 500 s; two at a time, 434 s.
export default defineConfig({
  test: {
    setupFiles: ['scripts/harness/test-setup.ts'],
    include: ['tests/e2e/**/*.test.ts'],
    globalSetup: ['tests/e2e/global-setup.ts'],
    fileParallelism: true,
    maxWorkers: 2,
    // Within a file, tests marked concurrent (builds that read nothing of each other's, browser
    // pages) run two at a time: one build or renderer rarely keeps both cores busy.
    maxConcurrency: 2,
    testTimeout: 120_000,
    // A failed test runs once more before it counts: one CI run saw a 2-second rejected build hang
    // for 180 s (cause not found; it passed on every run before and since). A real failure fails twice.
    retry: 1,
    hookTimeout: 240_000,
  },
});
