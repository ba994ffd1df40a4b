import { defineConfig } from 'vitest/config';

// End-to-end: real builds, served on 127.0.0.1, driven in Debian's Chromium.
// Two files at a time: a build or a browser keeps about one of the machine's two cores busy.
// Builds side by side are safe: each variant has a cache key of its own, and a cache folder
// in use by one build is not written by another (src/node/build-cache.ts, claim).
export default defineConfig({
  test: {
    setupFiles: ['scripts/harness/test-setup.ts'],
    include: ['tests/e2e/**/*.test.ts'],
    globalSetup: ['tests/e2e/global-setup.ts'],
    fileParallelism: true,
    maxWorkers: 2,
    testTimeout: 120_000,
    // A failed test runs once more before it counts: one CI run saw a 2-second rejected build hang
    // for 180 s (cause not found; it passed on every run before and since). A real failure fails twice.
    retry: 1,
    hookTimeout: 240_000,
  },
});
