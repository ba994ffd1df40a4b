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
  it('names a post by its file, or by its folder when it is the folder\'s index', () => {
    expect(slugFromPath('linux-process-the-beginning.md')).toBe('linux-process-the-beginning');
    expect(slugFromPath('2016/macos-network-filter.mdx')).toBe('macos-network-filter');
    expect(slugFromPath('macos-network-filter/index.md')).toBe('macos-network-filter');
    expect(slugFromPath('content/posts/with-images/index.mdx')).toBe('with-images');
  });
});

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


describe('seriesSlug', () => {
  it('is the tags\' rule', () => expect(seriesSlug('Linux process. The C++ way')).toBe(tagSlug('Linux process. The C++ way')));
});
