// TextMate grammar for gdb sessions: the (gdb) prompt and its command, stack
// frames (`0x... in func () from /path`, `#1  main () at f.c:5`), `disassemble`
// output (`=> 0x...<+n>:`), breakpoint and program messages, and the
// `info proc mappings` table.
import type { LanguageRegistration } from 'shiki';
import { procmaps } from './procmaps.ts';

const HEX = '0x[0-9a-fA-F]+';
const FUNC = '[A-Za-z_$.][\\w$.:<>~@]*';

export const gdb: LanguageRegistration = {
  name: 'gdb',
  displayName: 'gdb',
  scopeName: 'source.gdb',
  aliases: [],
  patterns: [
    { include: '#prompt' },
    { include: '#breakpoint' },
    { include: '#message' },
    { include: '#frame' },
    { include: '#disassembly' },
    { include: '#mappings-header' },
    { include: '#mappings-row' },
    { include: '#register' },
    { include: '#source-line' },
    { include: '#values' },
  ],
  repository: {
    // The permission flags and paths of `info proc mappings` read as in /proc/PID/maps.
    permission: procmaps.repository!['permission']!,
    path: procmaps.repository!['path']!,
    prompt: {
      match: '^(\\(gdb\\))(?:(\\s+)([a-z][\\w-]*))?(.*)$',
      captures: {
        1: { name: 'markup.prompt.gdb' },
        3: { name: 'keyword.other.command.gdb' },
        4: { patterns: [{ include: '#values' }] },
      },
    },
    frame: {
      // #0  0x00007ffff7ddb2d0 in _start () from /lib64/ld-linux-x86-64.so.2
      // #1  main (argc=1, argv=0x7ffe) at main.c:5
      match: `^(?:(#\\d+)(\\s+))?(?:(${HEX})(\\s+)(in)(\\s+))?(${FUNC})(\\s*)(\\(.*?\\))(?:(\\s+)(from)(\\s+)(\\S+)|(\\s+)(at)(\\s+)([^\\s:]+)(:)(\\d+))?\\s*$`,
      captures: {
        1: { name: 'constant.numeric.frame.gdb' },
        3: { name: 'constant.numeric.address.gdb' },
        5: { name: 'keyword.other.in.gdb' },
        7: { name: 'entity.name.function.gdb' },
        9: { patterns: [{ include: '#values' }] },
        11: { name: 'keyword.other.from.gdb' },
        13: { name: 'string.unquoted.path.gdb' },
        15: { name: 'keyword.other.at.gdb' },
        17: { name: 'string.unquoted.path.gdb' },
        19: { name: 'constant.numeric.line.gdb' },
      },
    },
    disassembly: {
      //    0x0000555555555129 <+0>:	push   %rbp
      // => 0x000055555555512d <main+4>:	mov    $0x0,%eax
      match: `^(=>)?(\\s*)(${HEX})(?:(\\s*)(<)([^>]*)(>))?(:)(\\s+)([a-z][a-z0-9]*(?:\\s+(?:lock|rep\\w*)\\b)?)(.*)$`,
      captures: {
        1: { name: 'keyword.operator.current.gdb' },
        3: { name: 'constant.numeric.address.gdb' },
        5: { name: 'punctuation.definition.offset.begin.gdb' },
        6: { name: 'constant.numeric.offset.gdb' },
        7: { name: 'punctuation.definition.offset.end.gdb' },
        10: { name: 'keyword.other.mnemonic.gdb' },
        11: { patterns: [{ include: '#att-operands' }] },
      },
    },
    'att-operands': {
      patterns: [
        { match: '#.*$', name: 'comment.line.number-sign.gdb' },
        { match: '%[a-z][a-z0-9]*', name: 'variable.language.register.gdb' },
        { match: `\\$${HEX}|\\$-?\\d+`, name: 'constant.numeric.immediate.gdb' },
        { match: `(<)([^>]+)(>)`, captures: { 1: { name: 'punctuation.definition.symbol.begin.gdb' }, 2: { name: 'entity.name.function.gdb' }, 3: { name: 'punctuation.definition.symbol.end.gdb' } } },
        { match: `-?${HEX}|\\b\\d+\\b`, name: 'constant.numeric.hex.gdb' },
        { match: ',', name: 'punctuation.separator.operand.gdb' },
      ],
    },
    breakpoint: {
      patterns: [
        {
          // Breakpoint 1 at 0x1139: file main.c, line 5.
          match: `^((?:Temporary\\s+)?[Bb]reakpoint|Hardware watchpoint|Watchpoint|Catchpoint)(\\s+)(\\d+)(\\s+)(at)(\\s+)(${HEX})(:)(?:(\\s+)(file)(\\s+)([^,]+)(,)(\\s+)(line)(\\s+)(\\d+)(\\.))?.*$`,
          captures: {
            1: { name: 'keyword.other.breakpoint.gdb' },
            3: { name: 'constant.numeric.breakpoint.gdb' },
            5: { name: 'keyword.other.at.gdb' },
            7: { name: 'constant.numeric.address.gdb' },
            10: { name: 'keyword.other.file.gdb' },
            12: { name: 'string.unquoted.path.gdb' },
            15: { name: 'keyword.other.line.gdb' },
            17: { name: 'constant.numeric.line.gdb' },
          },
        },
        {
          // Breakpoint 1, main () at main.c:5
          match: `^((?:Temporary\\s+)?[Bb]reakpoint)(\\s+)(\\d+)(,)(\\s+)(?:(${HEX})(\\s+)(in)(\\s+))?(${FUNC})(\\s*)(\\(.*?\\))(?:(\\s+)(at)(\\s+)([^\\s:]+)(:)(\\d+))?\\s*$`,
          captures: {
            1: { name: 'keyword.other.breakpoint.gdb' },
            3: { name: 'constant.numeric.breakpoint.gdb' },
            6: { name: 'constant.numeric.address.gdb' },
            8: { name: 'keyword.other.in.gdb' },
            10: { name: 'entity.name.function.gdb' },
            12: { patterns: [{ include: '#values' }] },
            14: { name: 'keyword.other.at.gdb' },
            16: { name: 'string.unquoted.path.gdb' },
            18: { name: 'constant.numeric.line.gdb' },
          },
        },
      ],
    },
    message: {
      patterns: [
        { match: '^(Program received signal)(\\s+)(SIG[A-Z0-9]+)(,.*)$', captures: { 1: { name: 'keyword.other.signal.gdb' }, 3: { name: 'constant.language.signal.gdb' }, 4: { name: 'string.unquoted.message.gdb' } } },
        { match: '^(Starting program:)(\\s+)(\\S+)(.*)$', captures: { 1: { name: 'keyword.other.message.gdb' }, 3: { name: 'string.unquoted.path.gdb' } } },
        { match: '^(?:Continuing\\.|Dump of assembler code for function .*:|End of assembler dump\\.|Mapped address spaces:|Reading symbols from .*)$', name: 'markup.heading.message.gdb' },
        { match: '^(\\[Inferior \\d+ \\(process \\d+\\) exited (?:normally|with code \\d+)\\])$', name: 'markup.heading.message.gdb' },
        { match: '^(process)(\\s+)(\\d+)\\s*$', captures: { 1: { name: 'keyword.other.process.gdb' }, 3: { name: 'constant.numeric.pid.gdb' } } },
      ],
    },
    'mappings-header': {
      match: '^\\s*Start Addr\\s+End Addr\\s+Size\\s+Offset\\s+(?:Perms\\s+)?objfile\\s*$',
      name: 'markup.heading.table.gdb',
    },
    'mappings-row': {
      //       0x555555554000     0x555555555000     0x1000        0x0  r--p   /tmp/a.out
      match: `^(\\s*)(${HEX})(\\s+)(${HEX})(\\s+)(${HEX})(\\s+)(${HEX})(?:(\\s+)([r-][w-][x-][ps]))?(?:(\\s+)(.*?))?\\s*$`,
      captures: {
        2: { name: 'constant.numeric.address.start.gdb' },
        4: { name: 'constant.numeric.address.end.gdb' },
        6: { name: 'constant.numeric.size.gdb' },
        8: { name: 'constant.numeric.offset.gdb' },
        10: { patterns: [{ include: '#permission' }] },
        12: { patterns: [{ include: '#path' }] },
      },
    },
    register: {
      // rax            0x1c                28
      match: `^(r[a-z0-9]+|e[a-z]{2}|[re]?ip|eflags|[cdefgs]s|fs_base|gs_base|k[0-7])(\\s+)(${HEX})(\\s+)(.*)$`,
      captures: {
        1: { name: 'variable.language.register.gdb' },
        3: { name: 'constant.numeric.hex.gdb' },
        5: { patterns: [{ include: '#values' }] },
      },
    },
    'source-line': {
      // 5	  return 0;
      match: '^(\\d+)(\\t)(.*)$',
      captures: { 1: { name: 'constant.numeric.line.gdb' } },
    },
    values: {
      patterns: [
        { match: '"(?:[^"\\\\]|\\\\.)*"', name: 'string.quoted.double.gdb' },
        { match: `(<)([^>]+)(>)`, captures: { 1: { name: 'punctuation.definition.symbol.begin.gdb' }, 2: { name: 'entity.name.function.gdb' }, 3: { name: 'punctuation.definition.symbol.end.gdb' } } },
        { match: `\\$\\d+|\\$[a-z][a-z0-9]*`, name: 'variable.other.convenience.gdb' },
        { match: `\\b${HEX}\\b`, name: 'constant.numeric.hex.gdb' },
        { match: '\\b\\d+\\b', name: 'constant.numeric.decimal.gdb' },
        { match: '\\b(?:[a-z_]\\w*)(?==)', name: 'variable.parameter.gdb' },
      ],
    },
  },
};
