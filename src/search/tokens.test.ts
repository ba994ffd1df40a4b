import { describe, expect, it } from 'vitest';
import { camelPieces, extraIndexWords, MAX_REPEAT, normaliseQuery, queryTerms, tokenVariants } from './tokens.ts';

describe('camelPieces', () => {
  it('splits camel case, keeping acronym runs apart from the next word', () => {
    expect(camelPieces('ExInterlockedPopEntrySList')).toEqual(['Ex', 'Interlocked', 'Pop', 'Entry', 'S', 'List']);
    expect(camelPieces('KiCheckForSListAddress')).toEqual(['Ki', 'Check', 'For', 'S', 'List', 'Address']);
    expect(camelPieces('HTTPServer')).toEqual(['HTTP', 'Server']);
    expect(camelPieces('grep')).toEqual(['grep']);
  });
});

describe('tokenVariants', () => {
  it('gives every suffix from a camel boundary, so prefix search finds any run', () => {
    const v = tokenVariants('nt!KiCheckForSListAddress+0x38');
    for (const run of ['CheckForSListAddress', 'ForSListAddress', 'SListAddress', 'ListAddress', 'Address']) expect(v).toContain(run);
  });
  it('splits snake case and joins it', () => {
    expect(tokenVariants('SLIST_HEADER')).toEqual(expect.arrayContaining(['SLIST', 'HEADER', 'SLISTHEADER']));
    expect(tokenVariants('/lib/x86_64-linux-gnu/')).toEqual(expect.arrayContaining(['x86', '64']));
  });
  it('gives addresses without 0x and without leading zeros', () => {
    expect(tokenVariants('0x00007ffff7ddb2d0')).toEqual(['00007ffff7ddb2d0', '7ffff7ddb2d0']);
    expect(tokenVariants('7ffff7dda000-7ffff7dfd000')).toEqual(['7ffff7dda000', '7ffff7dfd000']);
  });
  it('gives nothing for plain words', () => {
    expect(tokenVariants('scheduler.')).toEqual([]);
    expect(tokenVariants('[vdso]')).toEqual([]);
  });
});

describe('extraIndexWords', () => {
  it('leaves out words that occur as they are and repeats a variant with its identifier, up to a cap', () => {
    const text = `${'ExInterlockedPopEntrySList '.repeat(9)} PopEntrySList`;
    const words = extraIndexWords(text);
    expect(words).not.toContain('PopEntrySList');
    expect(words.filter((w) => w === 'EntrySList')).toHaveLength(MAX_REPEAT);
  });
  it('is empty for prose', () => {
    expect(extraIndexWords('The question was simple and the answer is below.')).toEqual([]);
  });
});

describe('normaliseQuery', () => {
  // a query mapped onto the words of the index
  const cases: Array<[query: string, words: string]> = [
    ['0x00007ffff7ddb2d0', '7ffff7ddb2d0'],
    ['nt!KiCheckForSListAddress+0x38', 'nt KiCheckForSListAddress 38'],
    [' "[vdso]" ', 'vdso'],
    ['SLIST_HEADER', 'SLIST HEADER'],
    ['', ''],
  ];
  for (const [query, words] of cases) it(`${JSON.stringify(query)} -> ${JSON.stringify(words)}`, () => expect(normaliseQuery(query)).toBe(words));
});

describe('queryTerms', () => {
  it('keeps identifiers whole and drops quotes and trailing punctuation', () => {
    expect(queryTerms('"nt!KiCheckForSListAddress", [vdso] a')).toEqual(['nt!KiCheckForSListAddress', '[vdso]']);
  });
});
