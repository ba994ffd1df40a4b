import { describe, expect, it } from 'vitest';
import { fixture, scopeOf, tokenize } from '../test/tokenize.ts';

describe('windbg grammar on the SList post\'s uf listing', async () => {
  const lines = await tokenize('windbg', fixture('slist-uf.windbg.txt'));

  it('scopes the prompt and the command after it', () => {
    expect(lines[0]).toEqual([
      { text: 'kd>', scope: 'markup.prompt' },
      { text: ' ', scope: '' },
      { text: 'uf', scope: 'keyword.other.command' },
      { text: ' ', scope: '' },
      { text: 'KiCheckForSListAddress', scope: 'entity.name.function' },
    ]);
  });

  it('scopes block labels: module, symbol, offset, colon', () => {
    expect(lines[1]!.map((t) => [t.text, t.scope])).toEqual([
      ['nt', 'entity.name.namespace.module'], ['!', 'punctuation.separator.module'],
      ['KiCheckForSListAddress', 'entity.name.label'], [':', 'punctuation.definition.label'],
    ]);
    expect(scopeOf(lines[7]!, '+0xd')).toBe('constant.numeric.offset');
    expect(scopeOf(lines[7]!, 'KiCheckForSListAddress')).toBe('entity.name.label');
  });

  it('scopes an instruction: address, opcode bytes, mnemonic, registers, size ptr, h-suffixed hex', () => {
    const l = lines[2]!; // 82acbdf1 0fb7416c        movzx   eax,word ptr [ecx+6Ch]
    expect(scopeOf(l, '82acbdf1')).toBe('constant.numeric.address');
    expect(scopeOf(l, '0fb7416c')).toBe('constant.numeric.opcode');
    expect(scopeOf(l, 'movzx')).toBe('keyword.other.mnemonic');
    expect(scopeOf(l, 'eax')).toBe('variable.language.register');
    expect(scopeOf(l, 'word ptr')).toBe('storage.type.size');
    expect(scopeOf(l, '[')).toBe('punctuation.definition.memory.begin');
    expect(scopeOf(l, 'ecx')).toBe('variable.language.register');
    expect(scopeOf(l, '6Ch')).toBe('constant.numeric.hex');
    expect(scopeOf(lines[17]!, '1Bh')).toBe('constant.numeric.hex');
  });

  it('scopes offset nt!Symbol (address) and the branch target and Branch annotation', () => {
    const mov = lines[8]!; // mov eax,offset nt!ExpInterlockedPopEntrySListResume (82a8ddf4)
    expect(scopeOf(mov, 'offset')).toBe('storage.modifier.offset');
    expect(scopeOf(mov, 'ExpInterlockedPopEntrySListResume')).toBe('entity.name.function');
    expect(scopeOf(mov, '82a8ddf4')).toBe('constant.numeric.address.target');
    const jb = lines[10]!; // jb nt!KiCheckForSListAddress+0x38 (82acbe29)  Branch
    expect(jb.map((t) => t.text).join('')).toBe('82acbe05 7222            jb      nt!KiCheckForSListAddress+0x38 (82acbe29)  Branch');
    expect(scopeOf(jb, 'jb')).toBe('keyword.other.mnemonic');
    expect(scopeOf(jb, '+0x38')).toBe('constant.numeric.offset');
    expect(scopeOf(jb, '82acbe29')).toBe('constant.numeric.address.target');
    expect(jb.at(-1)).toEqual({ text: 'Branch', scope: 'comment.annotation.branch' });
    // memory operand holding a symbol: dword ptr [nt!KeUserPopEntrySListResume (82bb69ac)]
    expect(scopeOf(lines[21]!, 'KeUserPopEntrySListResume')).toBe('entity.name.function');
    expect(scopeOf(lines[21]!, ']')).toBe('punctuation.definition.memory.end');
  });

  it('gives every one of the 18 instruction lines an address and a mnemonic', () => {
    const instr = lines.filter((l) => l[0]?.scope === 'constant.numeric.address');
    expect(instr).toHaveLength(18);
    for (const l of instr) expect(l.some((t) => t.scope === 'keyword.other.mnemonic')).toBe(true);
    expect(lines.filter((l) => l.some((t) => t.scope === 'entity.name.label'))).toHaveLength(9);
  });

  it('knows the other prompts and 64-bit addresses', async () => {
    const [a, b, c, d] = await tokenize('kd', '0: kd> u nt!KiSwapContext L2\n0:000> dt _PEB\nfffff800`02a8ddf4 4883ec28        sub     rsp,28h\n$$ a comment');
    expect(a![0]).toEqual({ text: '0: kd>', scope: 'markup.prompt' });
    expect(scopeOf(a!, 'u')).toBe('keyword.other.command');
    expect(scopeOf(a!, 'KiSwapContext')).toBe('entity.name.function');
    expect(b![0]).toEqual({ text: '0:000>', scope: 'markup.prompt' });
    expect(scopeOf(b!, 'dt')).toBe('keyword.other.command');
    expect(c![0]).toEqual({ text: 'fffff800`02a8ddf4', scope: 'constant.numeric.address' });
    expect(scopeOf(c!, 'rsp')).toBe('variable.language.register');
    expect(scopeOf(c!, '28h')).toBe('constant.numeric.hex');
    expect(d![0]!.scope).toBe('comment.line');
  });
});

describe('procmaps grammar on the Linux post\'s maps listing', async () => {
  const lines = await tokenize('procmaps', fixture('linux-grep.procmaps.txt'));

  it('scopes range, each permission flag, offset, device, inode and path', () => {
    expect(lines[0]!.filter((t) => t.text.trim()).map((t) => [t.text, t.scope])).toEqual([
      ['00400000', 'constant.numeric.address.start'], ['-', 'punctuation.separator.range'], ['0042d000', 'constant.numeric.address.end'],
      ['r', 'storage.modifier.permission.read'], ['-', 'storage.modifier.permission.none'],
      ['x', 'storage.modifier.permission.execute'], ['p', 'storage.modifier.permission.private'],
      ['00000000', 'constant.numeric.offset'], ['08:11', 'constant.other.device'], ['27316285', 'constant.numeric.inode'],
      ['/bin/grep', 'string.unquoted.path'],
    ]);
    expect(scopeOf(lines[1]!, 'w')).toBe('storage.modifier.permission.write');
  });

  it('scopes the pseudo paths and leaves an anonymous mapping without a path token', async () => {
    const pseudo = lines.flatMap((l) => l.filter((t) => t.scope === 'support.constant.pseudo-path').map((t) => t.text));
    expect(pseudo).toEqual(['[heap]', '[vdso]', '[stack]', '[vsyscall]']);
    expect(lines[6]!.some((t) => t.scope.startsWith('string'))).toBe(false);
    expect(scopeOf(lines[3]!, '/lib/x86_64-linux-gnu/')).toBe('string.unquoted.path');
    const [vvar, shared] = await tokenize('maps', '7ffc1000-7ffc3000 r--p 00000000 00:00 0  [vvar]\n7f00-7f10 rw-s 00000000 00:05 12 /memfd:buf (deleted)');
    expect(scopeOf(vvar!, '[vvar]')).toBe('support.constant.pseudo-path');
    expect(scopeOf(shared!, 's')).toBe('storage.modifier.permission.shared');
    expect(scopeOf(shared!, ' (deleted)')).toBe('invalid.deprecated.deleted');
  });

  it('leaves a malformed line as plain text', async () => {
    const [bad] = await tokenize('procmaps', '00400000-0042d000 r-xq 00000000 08:11 27316285 /bin/grep');
    expect(bad!.every((t) => t.scope === '')).toBe(true);
  });
});

describe('gdb grammar', async () => {
  it('scopes the Linux post\'s _start line', async () => {
    const [l] = await tokenize('gdb', fixture('linux-start.gdb.txt'));
    expect(l!.filter((t) => t.text.trim()).map((t) => [t.text, t.scope])).toEqual([
      ['0x00007ffff7ddb2d0', 'constant.numeric.address'], ['in', 'keyword.other.in'], ['_start', 'entity.name.function'],
      ['()', ''], ['from', 'keyword.other.from'], ['/lib64/', 'string.unquoted.path'],
    ]);
  });

  const lines = tokenize('gdb', fixture('session.gdb.txt'));
  const find = async (start: string) => (await lines).find((l) => l.map((t) => t.text).join('').startsWith(start))!;

  it('scopes the prompt and its command', async () => {
    const l = await find('(gdb) break');
    expect(l[0]).toEqual({ text: '(gdb)', scope: 'markup.prompt' });
    expect(scopeOf(l, 'break')).toBe('keyword.other.command');
    expect(scopeOf(await find('(gdb) info'), 'info')).toBe('keyword.other.command');
  });

  // the line that starts so: its tokens and their scopes
  const scoped: Record<string, Record<string, string>> = {
    // breakpoint messages
    'Breakpoint 1 at': {
      Breakpoint: 'keyword.other.breakpoint', 1: 'constant.numeric.breakpoint', '0x1139': 'constant.numeric.address',
      'main.c': 'string.unquoted.path', 5: 'constant.numeric.line',
    },
    'Breakpoint 1, main': { main: 'entity.name.function', at: 'keyword.other.at' },
    // disassembly, with and without the => marker
    '=> 0x000055555555512d': {
      '=>': 'keyword.operator.current', '0x000055555555512d': 'constant.numeric.address', '+4': 'constant.numeric.offset',
      lea: 'keyword.other.mnemonic', '%rip': 'variable.language.register', '# 0x555555556004': 'comment.line.number-sign',
    },
    '   0x0000555555555134': { 'puts@plt': 'entity.name.function' },
    '   0x0000555555555129': { '%rbp': 'variable.language.register' },
    // stack frames
    '#1': { '#1': 'constant.numeric.frame', argc: 'variable.parameter', '0x7fffffffe0b8': 'constant.numeric.hex' },
    '#0': { '/lib64/ld-linux-x86-64.so.2': 'string.unquoted.path' },
  };
  for (const [line, tokens] of Object.entries(scoped)) {
    for (const [token, scope] of Object.entries(tokens)) {
      it(`scopes ${token} in "${line.trim()}…" as ${scope}`, async () => expect(scopeOf(await find(line), token)).toBe(scope));
    }
  }
  it('starts the => line with its marker', async () => expect((await find('=> 0x000055555555512d'))[0]).toEqual({ text: '=>', scope: 'keyword.operator.current' }));

  it('scopes the info proc mappings table', async () => {
    expect((await find('          Start Addr'))[0]!.scope).toBe('markup.heading.table');
    const row = await find('      0x7ffff7fc5000');
    expect(row.filter((t) => t.text.trim()).map((t) => t.scope)).toEqual([
      'constant.numeric.address.start', 'constant.numeric.address.end', 'constant.numeric.size', 'constant.numeric.offset',
      'storage.modifier.permission.read', 'storage.modifier.permission.none', 'storage.modifier.permission.none', 'storage.modifier.permission.private',
      'support.constant.pseudo-path',
    ]);
    expect(scopeOf(await find('      0x555555554000'), '/tmp/hello')).toBe('string.unquoted.path');
  });

  it('scopes program messages', async () => {
    expect((await find('Continuing.'))[0]!.scope).toBe('markup.heading.message');
    expect(scopeOf(await find('Program received'), 'SIGSEGV')).toBe('constant.language.signal');
  });
});
