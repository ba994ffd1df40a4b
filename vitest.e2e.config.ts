import { defineConfig } from 'vitest/config';

// End-to-end: real builds, served on 127.0.0.1, driven in Debian's Chromium.
// One file at a time: builds share Astro's cache folder, and the machine has 2 cores.
export default defineConfig({
  test: {
    setupFiles: ['scripts/harness/test-setup.ts'],
    include: ['tests/e2e/**/*.test.ts'],
    globalSetup: ['tests/e2e/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 240_000,
  },
});
