// Temporary folders for tests and benchmarks that leave nothing behind: removed after each test
// file (scripts/harness/test-setup.ts) and when a benchmark's process exits.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made: string[] = [];
process.on('exit', () => removeTempDirs()); // benchmarks; test files: removeTempDirs after each (test-setup.ts)

/** A new empty folder in the system's temporary directory, named `<prefix>XXXXXX`, removed at exit. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Removes every folder tempDir made so far (the test runner's setup calls it after each test file). */
export function removeTempDirs(): void {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
}
