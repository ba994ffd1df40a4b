// with-node.sh, the runner of `npm run new|check|test|bench|...`: it runs Node when Node is at
// least 22.12 and otherwise says how to get one. Tried with a stand-in `node` that answers
// --version as told and prints "ran" when it is run.
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './harness/temp.ts';

function withNode(version: string | null): { code: number; output: string } {
  const dir = tempDir('rz-with-node-');
  mkdirSync(join(dir, 'scripts')); // a checkout without .tools/node: the PATH's node is the one
  copyFileSync(join(import.meta.dirname, 'with-node.sh'), join(dir, 'scripts/with-node.sh'));
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  if (version !== null) {
    writeFileSync(join(bin, 'node'), `#!/bin/sh\nif [ "$1" = --version ]; then echo '${version}'; exit 0; fi\necho ran\n`);
    chmodSync(join(bin, 'node'), 0o755);
  }
  const r = spawnSync('sh', [join(dir, 'scripts/with-node.sh'), 'x.ts'], { encoding: 'utf8', env: { PATH: `${bin}:/usr/bin:/bin` } });
  return { code: r.status ?? 1, output: `${r.stdout}${r.stderr}` };
}

describe('with-node.sh', () => {
  it.each(['v22.12.0', 'v24.21.0', 'v23.0.1'])('runs the script under Node %s', (v) => {
    expect(withNode(v)).toEqual({ code: 0, output: 'ran\n' });
  });
  it.each(['v22.11.0', 'v20.19.0', 'v22', 'garbage', ''])('refuses Node %j, and says to run ./rz', (v) => {
    const r = withNode(v);
    expect(r.code).toBe(1);
    expect(r.output).toContain('is too old: run ./rz once, it installs Node 24 into .tools/node');
    expect(r.output).not.toContain('ran');
  });
  it('refuses when there is no node at all', () => {
    const r = withNode(null);
    expect(r.code).toBe(1);
    expect(r.output).toContain('run ./rz once');
  });
});
