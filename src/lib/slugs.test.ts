import { describe, expect, it } from 'vitest';
import { postSlug, seriesSlug, slugFromPath, slugOfPost, slugPattern, tagSlug } from './slugs.ts';

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
  const slugs: Record<string, string> = {
    'linux-process-the-beginning.md': 'linux-process-the-beginning',
    '2016/macos-network-filter.mdx': 'macos-network-filter',
    'macos-network-filter/index.md': 'macos-network-filter',
    'content/posts/with-images/index.mdx': 'with-images',
  };
  for (const [path, slug] of Object.entries(slugs)) it(`${path} -> ${slug}`, () => expect(slugFromPath(path)).toBe(slug));
});

describe('slugOfPost', () => {
  it('takes the slug: field when there is one, else the file\'s', () => {
    expect(slugOfPost('boot-chain', 'content/posts/2016/old-name.md')).toBe('boot-chain');
    expect(slugOfPost(undefined, 'content/posts/macos-network-filter/index.md')).toBe('macos-network-filter');
  });
});

describe('tagSlug', () => {
  // why, then each tag and its slug
  const cases: Array<[why: string, slugs: Record<string, string>]> = [
    ['case folded', { Linux: 'linux' }],
    ['spaces become one hyphen', { 'kernel dev': 'kernel-dev' }],
    ['punctuation too, none at the ends', { ' Kernel_Dev ': 'kernel-dev' }],
    ['a dot is punctuation', { 'node.js': 'node-js' }],
    ['accents dropped from Latin letters', { Café: 'cafe' }],
    ['a name of its own', { 'C++': 'cpp', 'C#': 'csharp', 'F#': 'fsharp', '.NET': 'dotnet' }],
    ['not C++ or C#', { C: 'c' }],
    ['letters of other scripts stay', { 日本語: '日本語' }],
    ['Cyrillic folded too', { 'Ядро Linux': 'ядро-linux' }],
    ['й stays й', { Йод: 'йод' }],
    ['combining vowel signs stay', { हिन्दी: 'हिन्दी' }],
    ['no letter or digit: nothing', { '!!!': '', ' - ': '' }],
  ];
  for (const [why, slugs] of cases) {
    for (const [tag, slug] of Object.entries(slugs)) {
      it(`${JSON.stringify(tag)} -> ${JSON.stringify(slug)} (${why})`, () => expect(tagSlug(tag)).toBe(slug));
    }
  }
  it('gives C, C++ and C# three pages, and мой and мои two (й is a letter of its own)', () => {
    expect(new Set(['C', 'C++', 'C#'].map(tagSlug)).size).toBe(3);
    expect(tagSlug('мой')).not.toBe(tagSlug('мои'));
  });
});

describe('seriesSlug', () => {
  it('is the tags\' rule', () => expect(seriesSlug('Linux process. The C++ way')).toBe(tagSlug('Linux process. The C++ way')));
});
