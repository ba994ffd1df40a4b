import { describe, expect, it } from 'vitest';
import { highlightRanges } from './highlight.ts';

describe('highlightRanges', () => {
  it('finds terms case-insensitively inside identifiers, longest first', () => {
    const text = 'call nt!KiCheckForSListAddress+0x38 then [vsyscall]';
    const ranges = highlightRanges(text, ['nt!KiCheckForSListAddress', 'vsys']);
    expect(ranges.map(([s, e]) => text.slice(s, e))).toEqual(['nt!KiCheckForSListAddress', 'vsys']);
  });
  it('also finds the normalised parts of a term', () => {
    const text = 'at 0x00007ffff7ddb2d0 in _start';
    expect(highlightRanges(text, ['0x7ffff7ddb2d0']).map(([s, e]) => text.slice(s, e))).toEqual(['7ffff7ddb2d0']);
  });
  it('ignores one-letter terms', () => {
    expect(highlightRanges('a b c', ['a'])).toEqual([]);
  });
});
