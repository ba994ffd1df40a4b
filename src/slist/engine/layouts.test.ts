import { describe, expect, it } from 'vitest';
import { fieldValue, hexWord, layoutInfo, packHeader, unpackHeader } from './layouts.ts';

// Expected words computed by hand (python) from the spec's bit positions, not from this code.
describe('header layouts', () => {
  it('x86: Next in dword 0, Depth 15..0 and Sequence 31..16 in dword 1', () => {
    const L = layoutInfo('x86');
    const w = packHeader(L, { next: 0x81a01000n, depth: 3, sequence: 2 });
    expect(w).toEqual([0x81a01000n, 0x00020003n]);
    expect(hexWord(L, w[1])).toBe('0x00020003');
    expect(unpackHeader(L, w)).toEqual({ next: 0x81a01000n, depth: 3, sequence: 2 });
    expect(unpackHeader(L, packHeader(L, { next: 0n, depth: 0, sequence: 0xffff }))).toEqual({ next: 0n, depth: 0, sequence: 0xffff });
  });

  it('x64-header8: Depth 15..0, 9-bit Sequence 24..16, NextEntry 63..25 = address bits 42..4', () => {
    const L = layoutInfo('x64-header8');
    const a = 0xfffff8a000101000n;
    const w = packHeader(L, { next: a, depth: 3, sequence: 5 });
    expect(w).toEqual([0x1400020200050003n, 0x2n]);
    expect(hexWord(L, w[0])).toBe('0x1400020200050003');
    expect(packHeader(L, { next: a, depth: 0xffff, sequence: 511 })[0]).toBe(0x1400020201ffffffn);
    const u = unpackHeader(L, w);
    expect(u.next).toBe(a); // bits 63..43 rebuilt as all ones
    expect([u.depth, u.sequence, u.headerType, u.init]).toEqual([3, 5, 0, 1]);
    expect(() => packHeader(L, { next: a, depth: 0, sequence: 512 })).toThrow(/9 bits/);
    expect(() => packHeader(L, { next: 0x0000_1000_0000_1000n, depth: 0, sequence: 0 })).toThrow(/8 TB/);
    expect(() => packHeader(L, { next: a + 8n, depth: 0, sequence: 0 })).toThrow(/aligned/);
    expect(unpackHeader(L, [0x0000000000000000n, 0n]).next).toBe(0n);
  });

  it('x64-header16: 48-bit Sequence 63..16 in qword 0, NextEntry 63..4 and HeaderType 1 in qword 1', () => {
    const L = layoutInfo('x64-header16');
    const a = 0xfffff8a000101000n;
    const w = packHeader(L, { next: a, depth: 3, sequence: 0x123456789abc });
    expect(w).toEqual([0x123456789abc0003n, 0xfffff8a000101003n]);
    expect(unpackHeader(L, w)).toEqual({ next: a, depth: 3, sequence: 0x123456789abc, headerType: 1, init: 1 });
  });

  it('teaching layout: 0..16 sequence bits after Depth in dword 1', () => {
    for (let bits = 0; bits <= 16; bits++) {
      const L = layoutInfo('teach', bits);
      const seq = bits === 0 ? 0 : (1 << bits) - 1;
      const w = packHeader(L, { next: 0x81a01040n, depth: 7, sequence: seq });
      expect(w[1]).toBe(7n | (BigInt(seq) << 16n));
      expect(unpackHeader(L, w)).toEqual({ next: 0x81a01040n, depth: 7, sequence: seq });
      expect(L.fields.find((f) => f.name === 'Sequence')?.hi ?? 15).toBe(15 + bits);
    }
    expect(packHeader(layoutInfo('teach', 5), { next: 0n, depth: 7, sequence: 19 })[1]).toBe(0x130007n);
    expect(() => packHeader(layoutInfo('teach', 0), { next: 0n, depth: 0, sequence: 1 })).toThrow();
    expect(() => layoutInfo('teach', 17)).toThrow();
    expect(layoutInfo('teach', 0).compared).toEqual(['Next']);
  });

  it('field layouts tile each word exactly and fieldValue reads them back', () => {
    for (const L of [layoutInfo('x86'), layoutInfo('x64-header8'), layoutInfo('x64-header16'), layoutInfo('teach', 9)]) {
      for (let word = 0; word < 2; word++) {
        const fs = L.fields.filter((f) => f.word === word).sort((a, b) => a.lo - b.lo);
        let next = 0;
        for (const f of fs) { expect(f.lo).toBe(next); next = f.hi + 1; }
        expect(next).toBe(L.wordBits);
      }
      const w = packHeader(L, { next: L.entryAddress(3), depth: 2, sequence: 1 });
      expect(fieldValue(L.fields.find((f) => f.name === 'Depth')!, w)).toBe(2n);
      expect(fieldValue(L.fields.find((f) => f.name === 'Sequence')!, w)).toBe(1n);
    }
    expect(layoutInfo('x64-header8').entryAddress(3)).toBe(0xfffff8a0001010c0n);
  });
});
