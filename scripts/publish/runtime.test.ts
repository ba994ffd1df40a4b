import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cacheFolder as siteCacheFolder } from '../../src/node/build-cache.ts';
import { tempDir } from '../harness/temp.ts';
import { projectRoot, runtimeFiles } from './lib.ts';
import { cacheFolder, cacheKey } from './runtime.ts';

describe('the publish runtime on the server', () => {
  it('is copied whole: every file a runtime file imports is a runtime file, and it needs no package', () => {
    for (const file of runtimeFiles) {
      const source = readFileSync(join(projectRoot, file), 'utf8');
      for (const [, spec] of source.matchAll(/^import .* from '([^']+)';$/gm)) {
        if (spec!.startsWith('node:')) continue;
        expect(spec, `${file} imports ${spec}`).toMatch(/^\.\.?\//);
        expect(runtimeFiles, `${file} imports ${spec}`).toContain(normalize(join(dirname(file), spec!)));
      }
    }
  });

  it('finds the build cache where the site keeps it', () => {
    expect(cacheFolder).toBe(siteCacheFolder);
  });

  it('keys the package cache by lockfile, package.json and Node, as servers set up before it did', () => {
    const dir = tempDir('rz-runtime-');
    writeFileSync(join(dir, 'package-lock.json'), '{"lockfileVersion":3}\n');
    writeFileSync(join(dir, 'package.json'), '{"name":"x"}\n');
    const bash = spawnSync('sh', ['-c', '{ cat package-lock.json package.json; echo v24.0.0; } | sha256sum | cut -c1-16'], { cwd: dir, encoding: 'utf8' });
    expect(bash.stdout.trim()).toMatch(/^[0-9a-f]{16}$/);
    expect(cacheKey(join(dir, 'package-lock.json'), 'v24.0.0')).toBe(bash.stdout.trim());
    expect(cacheKey(join(dir, 'package-lock.json'), 'v22.12.0')).not.toBe(bash.stdout.trim());
  });
});
