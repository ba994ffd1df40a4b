import { describe, expect, it } from 'vitest';
import { markRanges } from './marks.ts';

describe('markRanges', () => {
  it('finds terms case-insensitively inside identifiers, longest first', () => {
    const text = 'call nt!KiCheckForSListAddress+0x38 then [vsyscall]';
    const ranges = markRanges(text, ['nt!KiCheckForSListAddress', 'vsys']);
    expect(ranges.map(([s, e]) => text.slice(s, e))).toEqual(['nt!KiCheckForSListAddress', 'vsys']);
  });
  it('also finds the normalised parts of a term', () => {
    const text = 'at 0x00007ffff7ddb2d0 in _start';
    expect(markRanges(text, ['0x7ffff7ddb2d0']).map(([s, e]) => text.slice(s, e))).toEqual(['7ffff7ddb2d0']);
  });
  it('ignores one-letter terms', () => {
    expect(markRanges('a b c', ['a'])).toEqual([]);
  });
});
