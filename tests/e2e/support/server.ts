// The static server of built sites: scripts/harness/server.ts (the benchmarks use it too).
export * from '../../../scripts/harness/server.ts';
