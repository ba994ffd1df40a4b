// TextMate grammar for WinDbg / KD sessions: prompts and commands, `u`/`uf`
// disassembly (block labels, addresses, opcode bytes, mnemonics, operands,
// the trailing `Branch` annotation), `dt` fields and stack lines.
import type { LanguageRegistration } from 'shiki';

// 32-bit `82acbdf1` or 64-bit `fffff800`02a8ddf4` addresses.
const ADDR = '[0-9a-fA-F]{8}(?:`[0-9a-fA-F]{8})?';
// module!Symbol, Symbol names may hold ::, <>, ~ (C++), $ and @ (stdcall decoration).
const MODULE = '[A-Za-z_$][\\w$.]*';
const SYMBOL = '[A-Za-z_$@?][\\w$@?.<>~:]*?';
const MNEMONIC = '(?:(?:lock|rep|repe|repne|repz|repnz)\\s+)?[a-z][a-z0-9]*';

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
    comment: {
      // `$$ text` and `* text` are WinDbg's comment commands.
      match: '^\\s*(?:\\d+:\\s*)?(?:\\d+:\\d+(?::[\\w]+)?>|l?kd>)?\\s*((?:\\$\\$|\\*)\\s.*|\\$\\$)$',
      captures: { 1: { name: 'comment.line.windbg' } },
    },
    prompt: {
      // kd>, lkd>, 0: kd>, 1: kd>, 0:000>, 0:000:x86>
      match: '^\\s*((?:\\d+:\\s*)?l?kd>|\\d+:\\d+(?::[\\w]+)?>)\\s*([.!~?]?[A-Za-z_][\\w.]*|\\?\\?|\\?)?(.*)$',
      captures: {
        1: { name: 'markup.prompt.windbg' },
        2: { name: 'keyword.other.command.windbg' },
        3: { patterns: [{ include: '#command-args' }] },
      },
    },
    'command-args': {
      patterns: [
        { include: '#operands' },
        // a bare symbol argument: `uf KiCheckForSListAddress`, `dt _KTHREAD`
        { match: '(?<=^|\\s)[A-Za-z_][\\w@$?]*(?=\\s|$)', name: 'entity.name.function.windbg' },
        { match: '(?<=^|\\s)[-/][A-Za-z]+', name: 'variable.parameter.option.windbg' },
      ],
    },
    'block-label': {
      // nt!KiCheckForSListAddress:   nt!KiCheckForSListAddress+0xd:
      match: `^(${MODULE})(!)(${SYMBOL})(\\+0x[0-9a-fA-F]+)?(:)\\s*$`,
      captures: {
        1: { name: 'entity.name.namespace.module.windbg' },
        2: { name: 'punctuation.separator.module.windbg' },
        3: { name: 'entity.name.label.windbg' },
        4: { name: 'constant.numeric.offset.windbg' },
        5: { name: 'punctuation.definition.label.windbg' },
      },
    },
    instruction: {
      // 82acbdf1 0fb7416c        movzx   eax,word ptr [ecx+6Ch]
      match: `^(${ADDR})(\\s+)([0-9a-fA-F]+)(\\s+)(${MNEMONIC})\\b(.*)$`,
      captures: {
        1: { name: 'constant.numeric.address.windbg' },
        3: { name: 'constant.numeric.opcode.windbg' },
        5: { name: 'keyword.other.mnemonic.windbg' },
        6: { patterns: [{ include: '#branch-annotation' }, { include: '#operands' }] },
      },
    },
    'branch-annotation': {
      match: '(?<=\\s)(Branch)\\s*$',
      captures: { 1: { name: 'comment.annotation.branch.windbg' } },
    },
    'dt-field': {
      //    +0x000 Next             : Ptr32 _SINGLE_LIST_ENTRY
      match: '^(\\s+)(\\+0x[0-9a-fA-F]+)(\\s+)([\\w]+)(\\s*)(:)(.*)$',
      captures: {
        2: { name: 'constant.numeric.offset.windbg' },
        4: { name: 'variable.other.field.windbg' },
        6: { name: 'punctuation.separator.windbg' },
        7: { patterns: [{ include: '#operands' }] },
      },
    },
    operands: {
      patterns: [
        { match: '\\b(?:byte|word|dword|qword|fword|tbyte|xmmword|ymmword|zmmword)\\s+ptr\\b', name: 'storage.type.size.windbg' },
        { match: '\\boffset\\b', name: 'storage.modifier.offset.windbg' },
        {
          // offset nt!Symbol (82a8ddf4), jne nt!Symbol+0x1e (82acbe0f)
          match: `(${MODULE})(!)(${SYMBOL})(\\+0x[0-9a-fA-F]+)?(?=[\\s,\\])]|$)`,
          captures: {
            1: { name: 'entity.name.namespace.module.windbg' },
            2: { name: 'punctuation.separator.module.windbg' },
            3: { name: 'entity.name.function.windbg' },
            4: { name: 'constant.numeric.offset.windbg' },
          },
        },
        {
          match: `(\\()(${ADDR})(\\))`,
          captures: {
            1: { name: 'punctuation.definition.address.begin.windbg' },
            2: { name: 'constant.numeric.address.target.windbg' },
            3: { name: 'punctuation.definition.address.end.windbg' },
          },
        },
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
