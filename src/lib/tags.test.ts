import { describe, expect, it } from 'vitest';
import { showTags, tagProblems, tagSpelling, tagSpellings } from './tags.ts';

describe('tagSpellings', () => {
  it('shows each tag by the spelling most posts use, whatever the order', () => {
    const shown = tagSpellings([['Linux'], ['linux', 'kernel dev'], ['linux'], ['kernel-dev'], ['kernel-dev']]);
    expect(shown.get('Linux')).toBe('linux');
    expect(shown.get('linux')).toBe('linux');
    expect(shown.get('kernel dev')).toBe('kernel-dev');
    expect(showTags(['Linux', 'linux', 'kernel dev'], shown)).toEqual(['linux', 'kernel-dev']);
  });
  it('breaks a tie by code-point order, so the result is stable', () => {
    expect(tagSpellings([['linux'], ['Linux']]).get('linux')).toBe('Linux');
    expect(tagSpellings([['Linux'], ['linux']]).get('linux')).toBe('Linux');
  });
});

describe('tagProblems', () => {
  it('accepts spellings of one tag across posts', () => {
    expect(tagSpelling('Kernel Dev')).toBe(tagSpelling('kernel-dev'));
    expect(tagProblems([
      { file: 'a.md', line: 4, tag: 'Linux' }, { file: 'b.md', line: 4, tag: 'linux' }, { file: 'c.md', line: 5, tag: 'kernel dev' }, { file: 'd.md', line: 4, tag: 'Kernel-Dev' },
    ])).toEqual([]);
  });
  it('names both posts and lines when different tags would share a URL', () => {
    const [p, ...rest] = tagProblems([{ file: 'a.md', line: 4, tag: 'csharp' }, { file: 'b.md', line: 6, tag: 'C#' }]);
    expect(rest).toEqual([]);
    expect(p).toMatchObject({ file: 'b.md', line: 6, field: 'tags', severity: 'error' });
    expect(p!.message).toBe('the tag "C#" and the tag "csharp" (a.md:4) would share the URL /tags/csharp/');
    expect(p!.fix).toMatch(/write it the same way in both posts/);
  });
  it('rejects a tag that cannot make a URL', () => {
    const [p] = tagProblems([{ file: 'a.md', line: 3, tag: '???' }]);
    expect(p).toMatchObject({ file: 'a.md', line: 3, field: 'tags' });
    expect(p!.message).toMatch(/no letter or digit/);
  });
});
