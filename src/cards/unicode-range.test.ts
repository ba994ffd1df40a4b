import { describe, expect, it } from 'vitest';
import { parseUnicodeRange, subsetsFor } from './unicode-range.ts';

describe('unicode ranges of split fonts', () => {
  it('reads single points, ranges and wildcards', () => {
    expect(parseUnicodeRange('U+0000-00FF, U+0131,U+25EE8,U+4??')).toEqual([[0, 0xff], [0x131, 0x131], [0x25ee8, 0x25ee8], [0x400, 0x4ff]]);
    expect(() => parseUnicodeRange('latin')).toThrow(/not a unicode-range part: latin/);
  });
  it('picks the subsets a text needs, in font order, and names what none holds', () => {
    const subsets = [['latin', parseUnicodeRange('U+0000-00FF')], ['latin-ext', parseUnicodeRange('U+0100-024F')], ['jp-1', parseUnicodeRange('U+65E5,U+672C,U+8A9E')]] as const;
    expect(subsetsFor('C++ # !', subsets)).toEqual({ names: ['latin'], missing: [] });
    expect(subsetsFor('日本語 and Łódź', subsets)).toEqual({ names: ['latin', 'latin-ext', 'jp-1'], missing: [] });
    expect(subsetsFor('ok 🚀', subsets)).toEqual({ names: ['latin'], missing: ['🚀'] });
  });
});
