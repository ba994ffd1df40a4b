// Debian's Chromium for the tests: scripts/harness/browser.ts (the benchmarks use it too).
export * from '../../../scripts/harness/browser.ts';
