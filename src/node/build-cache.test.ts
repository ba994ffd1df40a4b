import { existsSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { astroCacheDir, buildFinished, cacheRoot, claim, codeKey, release } from './build-cache.ts';
import { tempDir } from '../../scripts/harness/temp.ts';

function project(): string {
  const root = tempDir('rz-key-');
  for (const [f, text] of Object.entries({
    'src/listings/transformer-maps-diagram.ts': 'export const bands = 1;',
    'src/markdown/pipeline.test.ts': 'test',
    'content/posts/a.md': '# a',
    'astro.config.mjs': 'export default {}',
    'package-lock.json': '{}',
  })) {
    mkdirSync(join(root, f, '..'), { recursive: true });
    writeFileSync(join(root, f), text);
  }
  return root;
}

describe('codeKey', () => {
  it('changes with any build code, config, lockfile or setting, and not with posts, tests or stylesheets', () => {
    const root = project();
    const key = codeKey(root, {});
    expect(codeKey(root, {})).toBe(key);
    writeFileSync(join(root, 'content/posts/a.md'), '# changed');
    writeFileSync(join(root, 'src/markdown/pipeline.test.ts'), 'changed');
    writeFileSync(join(root, 'src/styles-new.css'), '.a { color: red }'); // (Astro's incremental build sees styles itself)
    expect(codeKey(root, {})).toBe(key);
    expect(codeKey(root, { RZ_BASE: '/blog/' })).not.toBe(key);
    for (const f of ['src/listings/transformer-maps-diagram.ts', 'astro.config.mjs', 'package-lock.json']) {
      const r = project();
      const before = codeKey(r, {});
      writeFileSync(join(r, f), `${f} changed`);
      expect(codeKey(r, {}), f).not.toBe(before);
    }
    const r = project();
    const before = codeKey(r, {});
    writeFileSync(join(r, 'src/new-component.astro'), '<p/>');
    expect(codeKey(r, {})).not.toBe(before);
  });
});

describe('astroCacheDir', () => {
  it('makes a second build wait while another running build holds the cache, and takes over a dead holder\'s claim', async () => {
    const root = project();
    const dir = join(root, '.cache/astro-k');
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      expect(claim(dir, holder.pid!)).toBe(true);
      expect(claim(dir)).toBe(false);
      expect(claim(dir, holder.pid!)).toBe(true); // the holder again: still its own
      expect(() => astroCacheDir(root, 'k', { command: 'build', waitMs: 300 })).toThrow(/another build in this checkout still holds/);
    } finally {
      holder.kill('SIGKILL');
      await new Promise((r) => holder.once('exit', r));
    }
    expect(astroCacheDir(root, 'k', { command: 'check' })).toBe(dir); // the holder died: its claim is taken over
    expect(readFileSync(join(dir, '.writer'), 'utf8')).toBe(String(process.pid));
    release(dir);
    expect(existsSync(join(dir, '.writer'))).toBe(false);
  });

  it('is inside the checkout, one folder per key, keeping the most recent other key', () => {
    const root = project();
    const dirs = ['k1', 'k2', 'k3'].map((k, i) => {
      const d = astroCacheDir(root, k, { keep: 2 });
      mkdirSync(d, { recursive: true });
      utimesSync(d, new Date(1e12 + i * 1000), new Date(1e12 + i * 1000));
      return d;
    });
    expect(dirs[0]).toBe(join(root, '.cache/astro-k1'));
    astroCacheDir(root, 'k4', { keep: 2 });
    expect(dirs.map(existsSync)).toEqual([false, false, true]);
  });

  it('drops the page copies of a build that did not finish, and keeps the content store', () => {
    const root = project();
    const dir = astroCacheDir(root, 'k', { command: 'build' });
    for (const f of ['data-store.json', 'incremental-build.json', 'dist/index.html']) {
      mkdirSync(join(dir, f, '..'), { recursive: true });
      writeFileSync(join(dir, f), 'x');
    }
    release(dir); // killed before astro:build:done
    astroCacheDir(root, 'k', { command: 'build' });
    expect(['data-store.json', 'incremental-build.json', 'dist'].map((f) => existsSync(join(dir, f)))).toEqual([true, false, false]);
    writeFileSync(join(dir, 'incremental-build.json'), 'x');
    buildFinished(dir);
    release(dir);
    astroCacheDir(root, 'k', { command: 'build' });
    expect(existsSync(join(dir, 'incremental-build.json'))).toBe(true);
    release(dir);
  });

  it('moves with RZ_CACHE_DIR', () => {
    expect(cacheRoot('/srv/site', { RZ_CACHE_DIR: '/tmp/c' })).toBe('/tmp/c');
    expect(cacheRoot('/srv/site', {})).toBe('/srv/site/.cache');
  });
});
