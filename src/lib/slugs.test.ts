import { describe, expect, it } from 'vitest';
import { postSlug, seriesSlug, slugFromPath, slugPattern, tagSlug } from './slugs.ts';

describe('postSlug', () => {
  it('makes a title lower-case ASCII words joined by hyphens', () => {
    expect(postSlug('Linux process. The beginning.')).toBe('linux-process-the-beginning');
    expect(postSlug('Café ABA: 9-bit')).toBe('cafe-aba-9-bit');
    expect(slugPattern.test(postSlug('ExInterlockedPopEntrySList processing by scheduler.'))).toBe(true);
  });
  it('leaves nothing of a title without ASCII letters or digits (the caller picks another name)', () => expect(postSlug('Ядро')).toBe(''));
});

describe('slugFromPath', () => {
  // a post is named by its file, or by its folder when it is the folder's index
  const cases: Array<[path: string, slug: string]> = [
    ['linux-process-the-beginning.md', 'linux-process-the-beginning'],
    ['2016/macos-network-filter.mdx', 'macos-network-filter'],
    ['macos-network-filter/index.md', 'macos-network-filter'],
    ['content/posts/with-images/index.mdx', 'with-images'],
  ];
  for (const [path, slug] of cases) it(`${path} -> ${slug}`, () => expect(slugFromPath(path)).toBe(slug));
});

describe('tagSlug', () => {
  const cases: Array<[tag: string, slug: string, why: string]> = [
    ['Linux', 'linux', 'case folded'],
    ['kernel dev', 'kernel-dev', 'spaces become one hyphen'],
    [' Kernel_Dev ', 'kernel-dev', 'punctuation too, none at the ends'],
    ['node.js', 'node-js', 'a dot is punctuation'],
    ['Café', 'cafe', 'accents dropped from Latin letters'],
    ['C++', 'cpp', 'a name of its own'],
    ['C#', 'csharp', 'a name of its own'],
    ['F#', 'fsharp', 'a name of its own'],
    ['.NET', 'dotnet', 'a name of its own'],
    ['C', 'c', 'not C++ or C#'],
    ['日本語', '日本語', 'letters of other scripts stay'],
    ['Ядро Linux', 'ядро-linux', 'Cyrillic folded too'],
    ['Йод', 'йод', 'й stays й'],
    ['हिन्दी', 'हिन्दी', 'combining vowel signs stay'],
    ['!!!', '', 'no letter or digit: nothing'],
    [' - ', '', 'no letter or digit: nothing'],
  ];
  for (const [tag, slug, why] of cases) it(`${JSON.stringify(tag)} -> ${JSON.stringify(slug)} (${why})`, () => expect(tagSlug(tag)).toBe(slug));
  it('gives C, C++ and C# three pages, and мой and мои two (й is a letter of its own)', () => {
    expect(new Set(['C', 'C++', 'C#'].map(tagSlug)).size).toBe(3);
    expect(tagSlug('мой')).not.toBe(tagSlug('мои'));
  });
});

describe('seriesSlug', () => {
  it('is the tags\' rule', () => expect(seriesSlug('Linux process. The C++ way')).toBe(tagSlug('Linux process. The C++ way')));
});
