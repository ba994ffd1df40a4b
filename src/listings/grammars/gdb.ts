// TextMate grammar for gdb sessions: the (gdb) prompt and its command, stack
// frames (`0x... in func () from /path`, `#1  main () at f.c:5`), `disassemble`
// output (`=> 0x...<+n>:`), breakpoint and program messages, and the
// `info proc mappings` table.
import type { LanguageRegistration } from 'shiki';
import { procmaps } from './procmaps.ts';
import { groupsOf, matchRule } from './match-rule.ts';

const HEX = '0x[0-9a-fA-F]+';
const FUNC = '[A-Za-z_$.][\\w$.:<>~@]*';
const { cap, capWith } = groupsOf('gdb');
const values = (source: string) => capWith(source, '#values');

// The parts of a frame that a stack line and a breakpoint hit share:
// `0x00007ffff7ddb2d0 in `, `main (argc=1, argv=0x7ffe)`, ` at main.c:5`.
const addressIn = ['(?:', cap(HEX, 'constant.numeric.address'), cap('\\s+'), cap('in', 'keyword.other.in'), cap('\\s+'), ')?'];
const call = [cap(FUNC, 'entity.name.function'), cap('\\s*'), values('\\(.*?\\)')];
const atLine = [cap('\\s+'), cap('at', 'keyword.other.at'), cap('\\s+'), cap('[^\\s:]+', 'string.unquoted.path'), cap(':'), cap('\\d+', 'constant.numeric.line')];
// <main+4> in operands and values
const symbol = matchRule(cap('<', 'punctuation.definition.symbol.begin'), cap('[^>]+', 'entity.name.function'), cap('>', 'punctuation.definition.symbol.end'));

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
    prompt: matchRule('^', cap('\\(gdb\\)', 'markup.prompt'), '(?:', cap('\\s+'), cap('[a-z][\\w-]*', 'keyword.other.command'), ')?', values('.*'), '$'),
    // #0  0x00007ffff7ddb2d0 in _start () from /lib64/ld-linux-x86-64.so.2
    // #1  main (argc=1, argv=0x7ffe) at main.c:5
    frame: matchRule(
      '^(?:', cap('#\\d+', 'constant.numeric.frame'), cap('\\s+'), ')?', addressIn, call,
      '(?:', cap('\\s+'), cap('from', 'keyword.other.from'), cap('\\s+'), cap('\\S+', 'string.unquoted.path'), '|', atLine, ')?\\s*$',
    ),
    //    0x0000555555555129 <+0>:	push   %rbp
    // => 0x000055555555512d <main+4>:	mov    $0x0,%eax
    disassembly: matchRule(
      '^', cap('=>', 'keyword.operator.current'), '?', cap('\\s*'), cap(HEX, 'constant.numeric.address'),
      '(?:', cap('\\s*'), cap('<', 'punctuation.definition.offset.begin'), cap('[^>]*', 'constant.numeric.offset'), cap('>', 'punctuation.definition.offset.end'), ')?',
      cap(':'), cap('\\s+'), cap('[a-z][a-z0-9]*(?:\\s+(?:lock|rep\\w*)\\b)?', 'keyword.other.mnemonic'), capWith('.*', '#att-operands'), '$',
    ),
    'att-operands': {
      patterns: [
        { match: '#.*$', name: 'comment.line.number-sign.gdb' },
        { match: '%[a-z][a-z0-9]*', name: 'variable.language.register.gdb' },
        { match: `\\$${HEX}|\\$-?\\d+`, name: 'constant.numeric.immediate.gdb' },
        symbol,
        { match: `-?${HEX}|\\b\\d+\\b`, name: 'constant.numeric.hex.gdb' },
        { match: ',', name: 'punctuation.separator.operand.gdb' },
      ],
    },
    breakpoint: {
      patterns: [
        // Breakpoint 1 at 0x1139: file main.c, line 5.
        matchRule(
          '^', cap('(?:Temporary\\s+)?[Bb]reakpoint|Hardware watchpoint|Watchpoint|Catchpoint', 'keyword.other.breakpoint'), cap('\\s+'), cap('\\d+', 'constant.numeric.breakpoint'),
          cap('\\s+'), cap('at', 'keyword.other.at'), cap('\\s+'), cap(HEX, 'constant.numeric.address'), cap(':'),
          '(?:', cap('\\s+'), cap('file', 'keyword.other.file'), cap('\\s+'), cap('[^,]+', 'string.unquoted.path'), cap(','),
          cap('\\s+'), cap('line', 'keyword.other.line'), cap('\\s+'), cap('\\d+', 'constant.numeric.line'), cap('\\.'), ')?.*$',
        ),
        // Breakpoint 1, main () at main.c:5
        matchRule(
          '^', cap('(?:Temporary\\s+)?[Bb]reakpoint', 'keyword.other.breakpoint'), cap('\\s+'), cap('\\d+', 'constant.numeric.breakpoint'), cap(','), cap('\\s+'),
          addressIn, call, '(?:', atLine, ')?\\s*$',
        ),
      ],
    },
    message: {
      patterns: [
        matchRule('^', cap('Program received signal', 'keyword.other.signal'), cap('\\s+'), cap('SIG[A-Z0-9]+', 'constant.language.signal'), cap(',.*', 'string.unquoted.message'), '$'),
        matchRule('^', cap('Starting program:', 'keyword.other.message'), cap('\\s+'), cap('\\S+', 'string.unquoted.path'), cap('.*'), '$'),
        { match: '^(?:Continuing\\.|Dump of assembler code for function .*:|End of assembler dump\\.|Mapped address spaces:|Reading symbols from .*)$', name: 'markup.heading.message.gdb' },
        { match: '^(\\[Inferior \\d+ \\(process \\d+\\) exited (?:normally|with code \\d+)\\])$', name: 'markup.heading.message.gdb' },
        matchRule('^', cap('process', 'keyword.other.process'), cap('\\s+'), cap('\\d+', 'constant.numeric.pid'), '\\s*$'),
      ],
    },
    'mappings-header': {
      match: '^\\s*Start Addr\\s+End Addr\\s+Size\\s+Offset\\s+(?:Perms\\s+)?objfile\\s*$',
      name: 'markup.heading.table.gdb',
    },
    //       0x555555554000     0x555555555000     0x1000        0x0  r--p   /tmp/a.out
    'mappings-row': matchRule(
      '^', cap('\\s*'), cap(HEX, 'constant.numeric.address.start'), cap('\\s+'), cap(HEX, 'constant.numeric.address.end'),
      cap('\\s+'), cap(HEX, 'constant.numeric.size'), cap('\\s+'), cap(HEX, 'constant.numeric.offset'),
      '(?:', cap('\\s+'), capWith('[r-][w-][x-][ps]', '#permission'), ')?(?:', cap('\\s+'), capWith('.*?', '#path'), ')?\\s*$',
    ),
    // rax            0x1c                28
    register: matchRule(
      '^', cap('r[a-z0-9]+|e[a-z]{2}|[re]?ip|eflags|[cdefgs]s|fs_base|gs_base|k[0-7]', 'variable.language.register'),
      cap('\\s+'), cap(HEX, 'constant.numeric.hex'), cap('\\s+'), values('.*'), '$',
    ),
    // 5	  return 0;
    'source-line': matchRule('^', cap('\\d+', 'constant.numeric.line'), cap('\\t'), cap('.*'), '$'),
    values: {
      patterns: [
        { match: '"(?:[^"\\\\]|\\\\.)*"', name: 'string.quoted.double.gdb' },
        symbol,
        { match: `\\$\\d+|\\$[a-z][a-z0-9]*`, name: 'variable.other.convenience.gdb' },
        { match: `\\b${HEX}\\b`, name: 'constant.numeric.hex.gdb' },
        { match: '\\b\\d+\\b', name: 'constant.numeric.decimal.gdb' },
        { match: '\\b(?:[a-z_]\\w*)(?==)', name: 'variable.parameter.gdb' },
      ],
    },
  },
};
