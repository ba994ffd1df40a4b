import { describe, expect, it } from 'vitest';
import { showTags, tagProblems, tagSlug, tagSpelling, tagSpellings } from './tags.ts';

describe('tagSlug', () => {
  it('folds case, spaces and punctuation into one URL segment', () => {
    expect(tagSlug('Linux')).toBe('linux');
    expect(tagSlug('kernel dev')).toBe('kernel-dev');
    expect(tagSlug(' Kernel_Dev ')).toBe('kernel-dev');
    expect(tagSlug('node.js')).toBe('node-js');
    expect(tagSlug('Café')).toBe('cafe');
  });
  it('gives C++, C# and .NET names of their own', () => {
    expect(tagSlug('C++')).toBe('cpp');
    expect(tagSlug('C#')).toBe('csharp');
    expect(tagSlug('F#')).toBe('fsharp');
    expect(tagSlug('.NET')).toBe('dotnet');
    expect(tagSlug('C')).toBe('c');
    expect(new Set(['C', 'C++', 'C#'].map(tagSlug)).size).toBe(3);
  });
  it('keeps the letters of other scripts', () => {
    expect(tagSlug('日本語')).toBe('日本語');
    expect(tagSlug('Ядро Linux')).toBe('ядро-linux');
    expect(tagSlug('мой')).not.toBe(tagSlug('мои')); // й is a letter of its own, not и with an accent
    expect(tagSlug('Йод')).toBe('йод');
    expect(tagSlug('हिन्दी')).toBe('हिन्दी'); // combining vowel signs stay
  });
  it('leaves nothing of a tag without letters or digits', () => {
    expect(tagSlug('!!!')).toBe('');
    expect(tagSlug(' - ')).toBe('');
  });
});

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
