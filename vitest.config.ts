import { defineConfig } from 'vitest/config';

// Unit tests: pure modules under src/ and scripts/, no browser, no build.
export default defineConfig({
  test: {
    setupFiles: ['scripts/harness/test-setup.ts'],
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    testTimeout: 30_000,
    // vitest's default is one worker on a 2-core machine; two took the suite from 142 s to 122 s.
    maxWorkers: 2,
    // A worker runs file after file instead of starting afresh for each: the modules most files
    // import (Shiki, unified, the engine) load once per worker. 133 -> 96 s here. Tests that
    // change shared state (console, Date.now, process.env) restore it in their own finally.
    isolate: false,
  },
});
