import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { foldAt, parseMeta, parseLineRanges } from './meta.ts';
import { formatSize, parseMaps, parseMapsLine, permClass } from './procmaps.ts';
import { analyzeWindbg } from './windbg-xref.ts';
import { bandHeight, layoutMaps, shorten } from './maps-layout.ts';

const fixture = (n: string) => readFileSync(new URL(`./fixtures/${n}`, import.meta.url), 'utf8').replace(/\n$/, '');

describe('fence meta', () => {
  it('reads title, highlight ranges, ins/del/focus, line numbers and wrap', () => {
    const m = parseMeta('title="KiCheckForSListAddress (x86)" {1,3-5} ins={7} del={8,9} focus={2-3} showLineNumbers wrap');
    expect(m.title).toBe('KiCheckForSListAddress (x86)');
    expect([...m.highlight]).toEqual([1, 3, 4, 5]);
    expect([...m.ins]).toEqual([7]);
    expect([...m.del]).toEqual([8, 9]);
    expect([...m.focus]).toEqual([2, 3]);
    expect(m.showLineNumbers).toBe(true);
    expect(m.wrap).toBe(true);
    expect(m.unknown).toEqual([]);
  });
  it('does not read ins={..} as a highlight, and reports words it does not know', () => {
    const m = parseMeta("ins={2} title='a \\'b\\'' colour=red frobnicate");
    expect([...m.highlight]).toEqual([]);
    expect(m.title).toBe("a 'b'");
    expect(m.unknown).toEqual(['colour=red', 'frobnicate']);
    expect(parseMeta(undefined)).toMatchObject({ showLineNumbers: false, wrap: false, unknown: [] });
  });
  it('folds listings over 40 lines at 20, unless `open`; `fold=N` moves the fold (and a bad N is reported)', () => {
    expect(foldAt(40, parseMeta(''))).toBeUndefined();
    expect(foldAt(41, parseMeta(''))).toBe(20);
    expect(foldAt(300, parseMeta('windbg open'))).toBeUndefined();
    expect(foldAt(300, parseMeta('open=false'))).toBe(20);
    expect(foldAt(12, parseMeta('fold=5'))).toBe(5);
    expect(foldAt(5, parseMeta('fold=5'))).toBeUndefined();
    expect(foldAt(300, parseMeta('fold=100 title="lm"'))).toBe(100);
    expect(parseMeta('fold=0 fold=x').unknown).toEqual(['fold=0', 'fold=x']);
    expect(foldAt(300, parseMeta('fold=0'))).toBe(20);
  });
  it('parses any range list into exactly the numbers it covers', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.integer({ min: 1, max: 200 }), fc.integer({ min: 0, max: 20 })), { maxLength: 8 }), (ranges) => {
      const spec = ranges.map(([a, n]) => (n ? `${a}-${a + n}` : `${a}`)).join(',');
      const want = new Set(ranges.flatMap(([a, n]) => Array.from({ length: n + 1 }, (_, i) => a + i)));
      expect(parseLineRanges(spec)).toEqual(want);
    }));
  });
});

describe('/proc/PID/maps parser', () => {
  it('parses every line of the Linux post, with 64-bit addresses exact', () => {
    const lines = parseMaps(fixture('linux-grep.procmaps.txt'));
    expect(lines.every((l) => l.kind === 'mapping')).toBe(true);
    const ms = lines.flatMap((l) => (l.kind === 'mapping' ? [l.mapping] : []));
    expect(ms.map((m) => m.path)).toEqual(['/bin/grep', '/bin/grep', '[heap]', '/lib/x86_64-linux-gnu/', '[vdso]', '/lib/x86_64-linux-gnu/', '', '[stack]', '[vsyscall]']);
    expect(ms.at(-1)!.start).toBe(0xffffffffff600000n);
    expect(ms[1]).toMatchObject({ perms: 'rw-p', read: true, write: true, exec: false, shared: false, offset: 0x2d000n, device: '08:11', inode: '27316285', line: 2 });
    expect(ms.map(permClass)).toEqual(['rx', 'rw', 'rw', 'rx', 'rx', 'rw', 'rw', 'rw', 'rx']);
  });
  it('calls malformed lines malformed, with a reason, and leaves prompts and blanks alone', () => {
    expect(parseMapsLine('0062d000-0062f000 rwzp 0002d000 08:11 27316285 /bin/grep', 4)).toMatchObject({ kind: 'malformed', line: 4, reason: expect.stringContaining('permissions') });
    expect(parseMapsLine('0062d000 rw-p 0002d000 08:11 27316285', 1)).toMatchObject({ kind: 'malformed', reason: expect.stringContaining('address range') });
    expect(parseMapsLine('00630000-0062f000 rw-p 00000000 00:00 0', 1)).toMatchObject({ kind: 'malformed', reason: expect.stringContaining('end address') });
    expect(parseMapsLine('$ cat /proc/self/maps', 1).kind).toBe('other');
    expect(parseMapsLine('   ', 1).kind).toBe('blank');
  });
  it('formats sizes in binary units', () => {
    expect([4096n, 0x23000n, 0x21000n, 1n << 47n, 1536n].map(formatSize)).toEqual(['4 KiB', '140 KiB', '132 KiB', '128 TiB', '1.5 KiB']);
  });
});

describe('windbg cross-references on the SList listing', () => {
  const lines = fixture('slist-uf.windbg.txt').split('\n');
  const a = analyzeWindbg(lines);
  it('finds the 9 block labels and the 18 instruction addresses', () => {
    expect(a.labels.map((l) => l.slug)).toEqual(['nt-KiCheckForSListAddress', ...['d', '16', '1e', '24', '2d', '33', '35', '38'].map((o) => `nt-KiCheckForSListAddress-0x${o}`)]);
    expect(a.addresses.size).toBe(18);
  });
  it('links each in-listing branch to the line of its target address', () => {
    const at = (addr: string) => lines.findIndex((l) => l.startsWith(addr));
    expect(a.branches.map((b) => [lines[b.line]!.slice(0, 8), b.address, b.target])).toEqual([
      ['82acbdfc', '82acbe0f', at('82acbe0f')],
      ['82acbe05', '82acbe29', at('82acbe29')],
      ['82acbe0d', '82acbe24', at('82acbe24')],
      ['82acbe13', '82acbe29', at('82acbe29')],
      ['82acbe1c', '82acbe29', at('82acbe29')],
      ['82acbe24', '82acbe29', at('82acbe29')],
    ]);
    const b = a.branches[1]!;
    expect(lines[b.line]!.slice(b.from, b.to)).toBe('nt!KiCheckForSListAddress+0x38 (82acbe29)');
    expect(a.incoming.get(at('82acbe29'))!.map((i) => lines[i]!.slice(0, 8))).toEqual(['82acbe05', '82acbe13', '82acbe1c', '82acbe24']);
  });
  it('does not link operands that are not branches, or targets outside the listing', () => {
    const x = analyzeWindbg(['82acbdfe b8f4dda882      mov     eax,offset nt!X (82acbe03)', '82acbe03 e8f4dda882      call    nt!Y (9999aaaa)', '82acbe08 ebf9            jmp     82acbe03']);
    expect(x.branches.map((b) => [b.line, b.target])).toEqual([[2, 1]]);
  });
});

describe('address-space layout', () => {
  const ms = parseMaps(fixture('linux-grep.procmaps.txt')).flatMap((l) => (l.kind === 'mapping' ? [l.mapping] : []));
  const layout = layoutMaps(ms);
  it('stacks bands from the highest address down, with breaks for the holes between them', () => {
    const bands = layout.items.filter((i) => i.kind === 'band');
    expect(bands.map((b) => b.label)).toEqual(['[vsyscall]', '[stack]', 'anonymous', '/lib/x86_64-linux-gnu/', '[vdso]', '/lib/x86_64-linux-gnu/', '[heap]', '/bin/grep', '/bin/grep']);
    // holes: vsyscall|stack, stack|anon, lib|vdso, vdso|lib... adjacent mappings get no break
    const gaps = layout.items.filter((i) => i.kind === 'gap');
    expect(gaps.map((g) => g.text)).toEqual(['16 EiB unmapped', '128 MiB unmapped', '2 MiB unmapped', '128 TiB unmapped', '2 MiB unmapped']);
    // nothing overlaps, and the picture is as tall as its content
    let y = 0;
    for (const i of layout.items) { expect(i.y).toBeGreaterThanOrEqual(y); y = i.y + i.h; }
    expect(layout.height).toBeGreaterThan(y);
  });
  it('grows band height with log2 of the size, between a readable minimum and a cap', () => {
    expect(bandHeight(4096n)).toBe(34);
    expect(bandHeight(8192n)).toBe(38);
    expect(bandHeight(1n << 40n)).toBe(96);
    fc.assert(fc.property(fc.bigInt({ min: 1n, max: 1n << 48n }), fc.bigInt({ min: 1n, max: 1n << 48n }), (a, b) => (a <= b ? bandHeight(a) <= bandHeight(b) : bandHeight(a) >= bandHeight(b))));
  });
  it('shortens long paths from the left and has a legend for the permissions present', () => {
    expect(shorten('/usr/lib/x86_64-linux-gnu/libc.so.6-with-a-very-long-name', 20)).toBe('…th-a-very-long-name');
    expect(layout.legend.map((l) => l.perm)).toEqual(['rx', 'rw']);
  });
});
