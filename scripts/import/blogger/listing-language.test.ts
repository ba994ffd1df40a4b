import { describe, expect, it } from 'vitest';
import { grammars } from '../../../src/listings/grammars/index.ts';
import { detectListingLanguage, languageHint } from './listing-language.ts';

describe('detectListingLanguage', () => {
  it('recognises WinDbg by its prompts and by disassembly lines and labels', () => {
    expect(detectListingLanguage('kd> uf KiCheckForSListAddress\nnt!KiCheckForSListAddress:').lang).toBe('windbg');
    expect(detectListingLanguage('0:000> lm').lang).toBe('windbg');
    expect(detectListingLanguage('nt!KiCheckForSListAddress+0x1e:\n82acbe0f 6683f81b        cmp     ax,1Bh\n82acbe13 7514            jne     nt!KiCheckForSListAddress+0x38 (82acbe29)').lang).toBe('windbg');
  });
  it('recognises /proc/PID/maps and gdb', () => {
    expect(detectListingLanguage('00400000-0042d000 r-xp 00000000 08:11 27316285             /bin/grep\n7ffff7ffa000-7ffff7ffc000 r-xp 00000000 00:00 0            [vdso]').lang).toBe('procmaps');
    expect(detectListingLanguage('0x00007ffff7ddb2d0 in _start () from /lib64/').lang).toBe('gdb');
    expect(detectListingLanguage('(gdb) info proc mappings').lang).toBe('gdb');
  });
  it('tells C, C++ and assembly apart, and falls back to text', () => {
    expect(detectListingLanguage('#include <ntddk.h>\nNTSTATUS DriverEntry(PDRIVER_OBJECT d, PUNICODE_STRING r)\n{\n    return STATUS_SUCCESS;\n}').lang).toBe('c');
    expect(detectListingLanguage('class Lock {\npublic:\n    void acquire();\n};').lang).toBe('cpp');
    expect(detectListingLanguage('push ebp\nmov ebp, esp\nlock cmpxchg8b qword ptr [esi]\nret').lang).toBe('asm');
    expect(detectListingLanguage('Some output\nthat is not code').lang).toBe('text');
  });
  it('takes Blogger\'s brush class as a hint, but the content naming a site grammar wins', () => {
    expect(languageHint('brush: cpp')).toBe('cpp');
    expect(languageHint('brush: plain; gutter: false')).toBe('text');
    expect(detectListingLanguage('some words', 'cpp').lang).toBe('cpp');
    expect(detectListingLanguage('kd> k', 'cpp').lang).toBe('windbg');
  });
  it('only names languages the site highlights (its grammars and Shiki\'s bundled ones)', async () => {
    const { bundledLanguages } = await import('shiki');
    const known = new Set([...grammars.map((g) => g.name), ...Object.keys(bundledLanguages), 'text']);
    for (const lang of ['windbg', 'procmaps', 'gdb', 'c', 'cpp', 'asm', 'text', languageHint('brush: bash'), languageHint('brush: csharp'), languageHint('brush: ps')]) expect(known.has(lang!)).toBe(true);
  });
});
