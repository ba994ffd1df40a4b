import { defineConfig } from 'vitest/config';

// Unit tests: pure modules under src/ and scripts/, no browser, no build.
export default defineConfig({
  test: {
    setupFiles: ['scripts/harness/test-setup.ts'],
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    testTimeout: 30_000,
  },
});
