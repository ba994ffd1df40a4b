import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../scripts/harness/temp.ts';
import { filesIn, filesUnder, hashFiles } from './files.ts';

function tree(files: Record<string, string>): string {
  const root = tempDir('rz-files-');
  for (const [f, text] of Object.entries(files)) {
    mkdirSync(join(root, f, '..'), { recursive: true });
    writeFileSync(join(root, f), text);
  }
  return root;
}

describe('the file walker', () => {
  it('lists files sorted, skipping what it is told to', () => {
    const root = tree({ 'src/b.ts': 'b', 'src/a.test.ts': 't', 'src/z/c.ts': 'c', 'astro.config.mjs': 'x' });
    expect(filesUnder(root, ['src', 'astro.config.mjs', 'missing'], (f) => f.endsWith('.test.ts'))).toEqual(['astro.config.mjs', 'src/b.ts', 'src/z/c.ts']);
    expect(filesUnder(root, ['.'], (f) => f === 'src/z')).toEqual(['astro.config.mjs', 'src/a.test.ts', 'src/b.ts']);
    expect(filesIn(join(root, 'src/z'))).toEqual([join(root, 'src/z/c.ts')]);
  });

  it('hashes files by path and bytes, and the extra strings', () => {
    const root = tree({ 'a.txt': 'one', 'b.txt': 'two' });
    const h = hashFiles(root, ['a.txt', 'b.txt']);
    expect(h).toMatch(/^[0-9a-f]{16}$/);
    expect(hashFiles(root, ['a.txt', 'b.txt'])).toBe(h);
    expect(hashFiles(root, ['b.txt', 'a.txt'])).not.toBe(h);
    expect(hashFiles(root, ['a.txt', 'b.txt'], ['v24'])).not.toBe(h);
    writeFileSync(join(root, 'a.txt'), 'One');
    expect(hashFiles(root, ['a.txt', 'b.txt'])).not.toBe(h);
  });
});
