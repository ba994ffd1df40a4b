// SList header layouts: field positions and exact bit packing (spec section 1).
// Pure data and arithmetic on bigint words; no DOM.

export type LayoutName = 'x86' | 'x64-header8' | 'x64-header16' | 'teach';

export const LAYOUT_NAMES: readonly LayoutName[] = ['x86', 'x64-header8', 'x64-header16', 'teach'];

/** One field of a header word, for drawing a coloured bit bar. Bits are inclusive, lo <= hi. */
export interface FieldLayout {
  readonly name: 'Next' | 'NextEntry' | 'Depth' | 'Sequence' | 'HeaderType' | 'Init' | 'Reserved' | 'Region';
  /** Index of the word (dword for x86/teach, qword for x64) holding the field. */
  readonly word: number;
  readonly lo: number;
  readonly hi: number;
  readonly note: string;
}

export interface LayoutInfo {
  readonly name: LayoutName;
  readonly title: string;
  /** Bits per word: 32 (x86 and teach: two dwords) or 64 (x64: two qwords). */
  readonly wordBits: 32 | 64;
  readonly words: 2;
  /** How many bytes the CAS compares. */
  readonly casBytes: 8 | 16;
  readonly casInstruction: string;
  readonly seqBits: number;
  /** Fields the CAS compares (teach compares Next and Sequence only, see README). */
  readonly compared: readonly ('Next' | 'Depth' | 'Sequence')[];
  readonly fields: readonly FieldLayout[];
  /** Address of simulated entry i (entries are 16-byte aligned). */
  entryAddress(i: number): bigint;
}

/** A decoded header. next is the entry address, 0n for null. */
export interface HeaderValue {
  readonly next: bigint;
  readonly depth: number;
  readonly sequence: number;
  /** x64 only: HeaderType bit (0 = 8-byte header, 1 = 16-byte header). */
  readonly headerType?: number;
  /** x64 only: Init bit. */
  readonly init?: number;
  /** x64-header8 only: Region bits 63..61 of qword 1. */
  readonly region?: number;
}

const X86_BASE = 0x81a0_1000n; // system space (>= 0x80000000), 64-byte stride
const X64_BASE = 0xffff_f8a0_0010_1000n; // bits 63..43 all ones: inside Header8's 8 TB window
const STRIDE = 0x40n;
/** Header8 rebuilds address bits 63..43 as all ones (WRK kernel rule). */
export const HEADER8_HIGH_BITS = 0xffff_f800_0000_0000n;

const mask = (bits: number): bigint => (1n << BigInt(bits)) - 1n;

// The fields the layouts share, each described once; bits are derived where the layout fixes them.
const depth = (word: number): FieldLayout => ({ name: 'Depth', word, lo: 0, hi: 15, note: 'number of entries' });
const sequence = (word: number, lo: number, bits: number): FieldLayout =>
  ({ name: 'Sequence', word, lo, hi: lo + bits - 1, note: `${bits}-bit counter, +1 per push` });
// x64's NextEntry holds address bits hi+4 .. 4 of a 16-byte aligned entry, from bit lo to bit 63
const nextEntry = (word: number, lo: number): FieldLayout =>
  ({ name: 'NextEntry', word, lo, hi: 63, note: `address bits ${63 - lo + 4}..4 of the first entry` });
const headerType = (bytes: 8 | 16): FieldLayout =>
  ({ name: 'HeaderType', word: 1, lo: 0, hi: 0, note: `${bytes === 8 ? 0 : 1} = ${bytes}-byte header` });
const init: FieldLayout = { name: 'Init', word: 1, lo: 1, hi: 1, note: 'initialized' };
const reserved = (word: number, lo: number, hi: number, note = 'unused'): FieldLayout => ({ name: 'Reserved', word, lo, hi, note });

function x86Fields(seqBits: number, teach: boolean): FieldLayout[] {
  const f: FieldLayout[] = [{ name: 'Next', word: 0, lo: 0, hi: 31, note: 'address of the first entry (0 = empty)' }, depth(1)];
  if (seqBits > 0) f.push(sequence(1, 16, seqBits));
  if (16 + seqBits < 32) f.push(reserved(1, 16 + seqBits, 31, teach ? 'unused in the teaching layout' : 'unused'));
  return f;
}

const HEADER8_FIELDS: readonly FieldLayout[] = [
  depth(0), sequence(0, 16, 9), nextEntry(0, 25), headerType(8), init, reserved(1, 2, 60),
  { name: 'Region', word: 1, lo: 61, hi: 63, note: 'region bits (not used by the x64 rebuild)' },
];

const HEADER16_FIELDS: readonly FieldLayout[] = [depth(0), sequence(0, 16, 48), headerType(16), init, reserved(1, 2, 3), nextEntry(1, 4)];

/** Describe a layout. seqBits is used by 'teach' only (0..16). */
export function layoutInfo(name: LayoutName, seqBits = 0): LayoutInfo {
  switch (name) {
    case 'x86':
      return {
        name, title: 'x86 (cmpxchg8b)', wordBits: 32, words: 2, casBytes: 8, casInstruction: 'lock cmpxchg8b',
        seqBits: 16, compared: ['Next', 'Depth', 'Sequence'], fields: x86Fields(16, false),
        entryAddress: (i) => X86_BASE + STRIDE * BigInt(i),
      };
    case 'x64-header8':
      return {
        name, title: 'x64 Header8 (before Windows 8)', wordBits: 64, words: 2, casBytes: 8, casInstruction: 'lock cmpxchg (qword 0)',
        seqBits: 9, compared: ['Next', 'Depth', 'Sequence'], fields: HEADER8_FIELDS,
        entryAddress: (i) => X64_BASE + STRIDE * BigInt(i),
      };
    case 'x64-header16':
      return {
        name, title: 'x64 Header16 (Windows 8+, cmpxchg16b)', wordBits: 64, words: 2, casBytes: 16, casInstruction: 'lock cmpxchg16b',
        seqBits: 48, compared: ['Next', 'Depth', 'Sequence'], fields: HEADER16_FIELDS,
        entryAddress: (i) => X64_BASE + STRIDE * BigInt(i),
      };
    case 'teach': {
      if (!Number.isInteger(seqBits) || seqBits < 0 || seqBits > 16) throw new RangeError(`teach layout: seqBits must be 0..16, got ${seqBits}`);
      return {
        name, title: seqBits === 0 ? 'teaching layout, no sequence (naive stack)' : `teaching layout, ${seqBits}-bit sequence`,
        wordBits: 32, words: 2, casBytes: 8, casInstruction: 'lock cmpxchg8b',
        seqBits, compared: seqBits === 0 ? ['Next'] : ['Next', 'Sequence'], fields: x86Fields(seqBits, true),
        entryAddress: (i) => X86_BASE + STRIDE * BigInt(i),
      };
    }
  }
}

function check(cond: boolean, msg: string): void {
  if (!cond) throw new RangeError(msg);
}

/** Pack a header into its words (two words; bigint, each below 2^wordBits). */
export function packHeader(layout: LayoutInfo, h: HeaderValue): [bigint, bigint] {
  const seq = BigInt(h.sequence);
  const depth = BigInt(h.depth);
  check(h.depth >= 0 && h.depth <= 0xffff, `depth ${h.depth} does not fit 16 bits`);
  check(h.sequence >= 0 && seq <= mask(layout.seqBits), `sequence ${h.sequence} does not fit ${layout.seqBits} bits`);
  switch (layout.name) {
    case 'x86':
    case 'teach':
      check(h.next >= 0n && h.next <= 0xffff_ffffn, 'x86 Next must be a 32-bit address');
      return [h.next, depth | (seq << 16n)];
    case 'x64-header8': {
      if (h.next !== 0n) {
        check((h.next & 0xfn) === 0n, 'entries must be 16-byte aligned');
        check((h.next & HEADER8_HIGH_BITS) === HEADER8_HIGH_BITS, 'Header8 entries must lie in the 8 TB window (bits 63..43 all ones)');
      }
      const nextEntry = (h.next >> 4n) & mask(39);
      const q0 = depth | (seq << 16n) | (nextEntry << 25n);
      const q1 = BigInt(h.headerType ?? 0) | (BigInt(h.init ?? 1) << 1n) | (BigInt(h.region ?? 0) << 61n);
      return [q0, q1];
    }
    case 'x64-header16': {
      check((h.next & 0xfn) === 0n && h.next >= 0n && h.next <= mask(64), 'entries must be 16-byte aligned 64-bit addresses');
      const q0 = depth | (seq << 16n);
      const q1 = BigInt(h.headerType ?? 1) | (BigInt(h.init ?? 1) << 1n) | h.next;
      return [q0, q1];
    }
  }
}

/** Decode header words. For Header8 a NextEntry of 0 decodes to null (0n). */
export function unpackHeader(layout: LayoutInfo, words: readonly [bigint, bigint]): HeaderValue {
  const [w0, w1] = words;
  switch (layout.name) {
    case 'x86':
    case 'teach':
      return { next: w0 & 0xffff_ffffn, depth: Number(w1 & 0xffffn), sequence: Number((w1 >> 16n) & mask(layout.seqBits)) };
    case 'x64-header8': {
      const nextEntry = (w0 >> 25n) & mask(39);
      return {
        next: nextEntry === 0n ? 0n : HEADER8_HIGH_BITS | (nextEntry << 4n),
        depth: Number(w0 & 0xffffn),
        sequence: Number((w0 >> 16n) & mask(9)),
        headerType: Number(w1 & 1n),
        init: Number((w1 >> 1n) & 1n),
        region: Number((w1 >> 61n) & 7n),
      };
    }
    case 'x64-header16':
      return {
        next: w1 & ~0xfn & mask(64),
        depth: Number(w0 & 0xffffn),
        sequence: Number((w0 >> 16n) & mask(48)),
        headerType: Number(w1 & 1n),
        init: Number((w1 >> 1n) & 1n),
      };
  }
}

/** A word as fixed-width hex, e.g. 0x0000000081a01000. */
export function hexWord(layout: LayoutInfo, w: bigint): string {
  return '0x' + w.toString(16).padStart(layout.wordBits / 4, '0');
}

/** Value of one field inside its word. */
export function fieldValue(f: FieldLayout, words: readonly bigint[]): bigint {
  const w = words[f.word] ?? 0n;
  return (w >> BigInt(f.lo)) & mask(f.hi - f.lo + 1);
}
