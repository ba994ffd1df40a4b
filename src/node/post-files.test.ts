import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblems } from '../lib/frontmatter-check.ts';
import { listPostFiles } from './post-files.ts';
import { tempDir } from '../../scripts/harness/temp.ts';

const post = '---\ntitle: x\ndate: 2016-12-28\n---\n\nBody.\n';

function folder(): { dir: string; outside: string } {
  const base = tempDir('rz-post-files-');
  const dir = join(base, 'posts');
  const outside = join(base, 'elsewhere');
  mkdirSync(join(dir, 'nested'), { recursive: true });
  mkdirSync(outside);
  writeFileSync(join(dir, 'a.md'), post);
  writeFileSync(join(dir, 'nested', 'b.mdx'), post);
  writeFileSync(join(dir, 'notes.txt'), 'not a post');
  writeFileSync(join(outside, 'shared.md'), post);
  return { dir, outside };
}

describe('listPostFiles', () => {
  it('lists .md and .mdx posts in nested folders, and posts linked from outside the folder', () => {
    const { dir, outside } = folder();
    symlinkSync(join(outside, 'shared.md'), join(dir, 'shared.md'));
    const r = listPostFiles(dir);
    expect(r.problems).toEqual([]);
    expect(r.files.map((f) => relative(dir, f))).toEqual(['a.md', 'nested/b.mdx', 'shared.md']);
  });

  it('names a dangling symlink, a looping one and one to another post, with the fix', () => {
    const { dir } = folder();
    symlinkSync(join(dir, 'gone.md'), join(dir, 'dangling.md'));
    symlinkSync(join(dir, 'loop-b.md'), join(dir, 'loop-a.md'));
    symlinkSync(join(dir, 'loop-a.md'), join(dir, 'loop-b.md'));
    symlinkSync('a.md', join(dir, 'copy.md'));
    symlinkSync('.', join(dir, 'nested', 'again'));
    const r = listPostFiles(dir, (p) => relative(dir, p));
    expect(r.files.map((f) => relative(dir, f))).toEqual(['a.md', 'nested/b.mdx']);
    const text = formatProblems(r.problems);
    expect(text).toContain('dangling.md:1: error in file: this symlink points at nothing (its target is gone).');
    expect(text).toContain('loop-a.md:1: error in file: this symlink loops');
    expect(text).toContain('loop-b.md:1: error in file: this symlink loops');
    expect(text).toContain('copy.md:1: error in file: this symlink points at a.md in the posts folder, which would publish that post twice.');
    expect(text).toContain('nested/again:1: error in file: this symlink points at nested in the posts folder, which would publish those posts twice.');
    expect(r.problems.every((p) => p.severity === 'error' && p.fix.length > 0)).toBe(true);
  });

  it('warns of a post over 1 MB with its size', () => {
    const { dir } = folder();
    writeFileSync(join(dir, 'huge.md'), post + 'x'.repeat(1_600_000));
    const r = listPostFiles(dir, (p) => relative(dir, p));
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ file: 'huge.md', severity: 'warning' });
    expect(r.problems[0]!.message).toBe('this post is 1.5 MB; its page and its feed entries will be as big');
  });
});

describe('listPostFiles, as the collection glob sees files', () => {
  it('skips dotfiles and upper-case extensions, and walks a folder linked twice once', () => {
    const { dir, outside } = folder();
    writeFileSync(join(dir, '.hidden.md'), post);
    writeFileSync(join(dir, 'SHOUT.MD'), post);
    mkdirSync(join(outside, 'more'));
    writeFileSync(join(outside, 'more', 'c.md'), post);
    symlinkSync(join(outside, 'more'), join(dir, 'more'));
    symlinkSync(outside, join(outside, 'more', 'up')); // leads back up, outside the posts folder
    const r = listPostFiles(dir);
    expect(r.problems).toEqual([]);
    expect(r.files.map((f) => relative(dir, f))).toEqual(['a.md', 'more/c.md', 'more/up/shared.md', 'nested/b.mdx']);
  });
});
