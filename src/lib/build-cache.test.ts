import { existsSync, mkdirSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { astroCacheDir, claim, codeKey, filesUnder, release } from './build-cache.ts';

function project(): string {
  const root = mkdtempSync(join(tmpdir(), 'rz-key-'));
  for (const [f, text] of Object.entries({
    'src/markdown/listings/maps-diagram.ts': 'export const bands = 1;',
    'src/markdown/pipeline.test.ts': 'test',
    'content/posts/a.md': '# a',
    'astro.config.ts': 'export default {}',
    'package-lock.json': '{}',
  })) {
    mkdirSync(join(root, f, '..'), { recursive: true });
    writeFileSync(join(root, f), text);
  }
  return root;
}

describe('codeKey', () => {
  it('changes with any build code, config, lockfile or setting, and not with posts or tests', () => {
    const root = project();
    const key = codeKey(root, {});
    expect(codeKey(root, {})).toBe(key);
    writeFileSync(join(root, 'content/posts/a.md'), '# changed');
    writeFileSync(join(root, 'src/markdown/pipeline.test.ts'), 'changed');
    expect(codeKey(root, {})).toBe(key);
    expect(codeKey(root, { RZ_BASE: '/blog/' })).not.toBe(key);
    for (const f of ['src/markdown/listings/maps-diagram.ts', 'astro.config.ts', 'package-lock.json']) {
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

  it('lists files sorted, skipping what it is told to', () => {
    expect(filesUnder(project(), ['src', 'astro.config.ts', 'missing'], (f) => f.endsWith('.test.ts')))
      .toEqual(['astro.config.ts', 'src/markdown/listings/maps-diagram.ts']);
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
      expect(() => astroCacheDir(root, 'k', { exclusive: true, waitMs: 300 })).toThrow(/another build in this checkout still holds/);
    } finally {
      holder.kill('SIGKILL');
      await new Promise((r) => holder.once('exit', r));
    }
    expect(astroCacheDir(root, 'k', { exclusive: true })).toBe(dir); // the holder died: its claim is taken over
    expect(readFileSync(join(dir, '.writer'), 'utf8')).toBe(String(process.pid));
    release(dir);
    expect(existsSync(join(dir, '.writer'))).toBe(false);
  });

  it('is inside the checkout, one folder per key, keeping the most recent other key', () => {
    const root = project();
    const dirs = ['k1', 'k2', 'k3'].map((k, i) => {
      const d = astroCacheDir(root, k);
      mkdirSync(d, { recursive: true });
      utimesSync(d, new Date(1e12 + i * 1000), new Date(1e12 + i * 1000));
      return d;
    });
    expect(dirs[0]).toBe(join(root, '.cache/astro-k1'));
    astroCacheDir(root, 'k4');
    expect(dirs.map(existsSync)).toEqual([false, false, true]);
  });
});
