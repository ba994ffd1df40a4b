// TextMate grammar for WinDbg / KD sessions: prompts and commands, `u`/`uf`
// disassembly (block labels, addresses, opcode bytes, mnemonics, operands,
// the trailing `Branch` annotation), `dt` fields and stack lines.
import type { LanguageRegistration } from 'shiki';
import { groupsOf, matchRule } from './match-rule.ts';

// 32-bit `82acbdf1` or 64-bit `fffff800`02a8ddf4` addresses.
const ADDR = '[0-9a-fA-F]{8}(?:`[0-9a-fA-F]{8})?';
// module!Symbol, Symbol names may hold ::, <>, ~ (C++), $ and @ (stdcall decoration).
const MODULE = '[A-Za-z_$][\\w$.]*';
const SYMBOL = '[A-Za-z_$@?][\\w$@?.<>~:]*?';
const MNEMONIC = '(?:(?:lock|rep|repe|repne|repz|repnz)\\s+)?[a-z][a-z0-9]*';
const { cap, capWith } = groupsOf('windbg');
// `nt!` and `+0x1e` around a symbol, in block labels and operands
const moduleBang = [cap(MODULE, 'entity.name.namespace.module'), cap('!', 'punctuation.separator.module')];
const offset = [cap('\\+0x[0-9a-fA-F]+', 'constant.numeric.offset'), '?'];

export const windbg: LanguageRegistration = {
  name: 'windbg',
  displayName: 'WinDbg',
  scopeName: 'source.windbg',
  aliases: ['kd'],
  patterns: [
    { include: '#comment' },
    { include: '#prompt' },
    { include: '#block-label' },
    { include: '#instruction' },
    { include: '#dt-field' },
    { include: '#operands' },
  ],
  repository: {
    // `$$ text` and `* text` are WinDbg's comment commands.
    comment: matchRule('^\\s*(?:\\d+:\\s*)?(?:\\d+:\\d+(?::[\\w]+)?>|l?kd>)?\\s*', cap('(?:\\$\\$|\\*)\\s.*|\\$\\$', 'comment.line'), '$'),
    // kd>, lkd>, 0: kd>, 1: kd>, 0:000>, 0:000:x86>
    prompt: matchRule(
      '^\\s*', cap('(?:\\d+:\\s*)?l?kd>|\\d+:\\d+(?::[\\w]+)?>', 'markup.prompt'), '\\s*',
      cap('[.!~?]?[A-Za-z_][\\w.]*|\\?\\?|\\?', 'keyword.other.command'), '?', capWith('.*', '#command-args'), '$',
    ),
    'command-args': {
      patterns: [
        { include: '#operands' },
        // a bare symbol argument: `uf KiCheckForSListAddress`, `dt _KTHREAD`
        { match: '(?<=^|\\s)[A-Za-z_][\\w@$?]*(?=\\s|$)', name: 'entity.name.function.windbg' },
        { match: '(?<=^|\\s)[-/][A-Za-z]+', name: 'variable.parameter.option.windbg' },
      ],
    },
    // nt!KiCheckForSListAddress:   nt!KiCheckForSListAddress+0xd:
    'block-label': matchRule('^', moduleBang, cap(SYMBOL, 'entity.name.label'), offset, cap(':', 'punctuation.definition.label'), '\\s*$'),
    // 82acbdf1 0fb7416c        movzx   eax,word ptr [ecx+6Ch]
    instruction: matchRule(
      '^', cap(ADDR, 'constant.numeric.address'), cap('\\s+'), cap('[0-9a-fA-F]+', 'constant.numeric.opcode'), cap('\\s+'),
      cap(MNEMONIC, 'keyword.other.mnemonic'), '\\b', capWith('.*', '#branch-annotation', '#operands'), '$',
    ),
    'branch-annotation': matchRule('(?<=\\s)', cap('Branch', 'comment.annotation.branch'), '\\s*$'),
    //    +0x000 Next             : Ptr32 _SINGLE_LIST_ENTRY
    'dt-field': matchRule(
      '^', cap('\\s+'), cap('\\+0x[0-9a-fA-F]+', 'constant.numeric.offset'), cap('\\s+'), cap('[\\w]+', 'variable.other.field'),
      cap('\\s*'), cap(':', 'punctuation.separator'), capWith('.*', '#operands'), '$',
    ),
    operands: {
      patterns: [
        { match: '\\b(?:byte|word|dword|qword|fword|tbyte|xmmword|ymmword|zmmword)\\s+ptr\\b', name: 'storage.type.size.windbg' },
        { match: '\\boffset\\b', name: 'storage.modifier.offset.windbg' },
        // offset nt!Symbol (82a8ddf4), jne nt!Symbol+0x1e (82acbe0f)
        matchRule(moduleBang, cap(SYMBOL, 'entity.name.function'), offset, '(?=[\\s,\\])]|$)'),
        matchRule(cap('\\(', 'punctuation.definition.address.begin'), cap(ADDR, 'constant.numeric.address.target'), cap('\\)', 'punctuation.definition.address.end')),
        {
          match: '\\b(?:[re]?[abcd]x|[abcd][lh]|[re]?[sd]i|[re]?[sb]p|[sd]il|[sb]pl|r(?:[89]|1[0-5])[dwb]?|[cdefgs]s|[re]?ip|[xyz]mm(?:[12]?[0-9]|3[01])|cr[0-8]|dr[0-7]|st(?:\\([0-7]\\))?|mm[0-7]|[re]?flags)\\b',
          name: 'variable.language.register.windbg',
        },
        { match: '\\[', name: 'punctuation.definition.memory.begin.windbg' },
        { match: '\\]', name: 'punctuation.definition.memory.end.windbg' },
        { match: '\\b[0-9][0-9a-fA-F]*h\\b', name: 'constant.numeric.hex.windbg' },
        { match: '\\b0x[0-9a-fA-F]+(?:`[0-9a-fA-F]+)?\\b', name: 'constant.numeric.hex.windbg' },
        { match: `\\b${ADDR}\\b`, name: 'constant.numeric.address.windbg' },
        { match: '\\b[0-9][0-9a-fA-F]*\\b', name: 'constant.numeric.windbg' },
        { match: '"[^"]*"', name: 'string.quoted.double.windbg' },
        { match: '[+\\-*]', name: 'keyword.operator.arithmetic.windbg' },
        { match: ',', name: 'punctuation.separator.operand.windbg' },
        { match: ':', name: 'punctuation.separator.segment.windbg' },
      ],
    },
  },
};
