// A publish server and its authors: scripts/harness/publish-server.ts (the benchmarks use it too).
export * from '../../../scripts/harness/publish-server.ts';
