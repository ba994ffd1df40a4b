// TextMate grammar for /proc/PID/maps (and the mapping lines of /proc/PID/smaps):
// address range, the four permission flags (each its own token), offset,
// device, inode, path and the kernel's pseudo paths ([heap], [stack], ...).
import type { LanguageRegistration } from 'shiki';
import { groupsOf, matchRule } from './match-rule.ts';

const HEXNUM = '[0-9a-fA-F]+';
const { cap, capWith } = groupsOf('procmaps');

export const procmaps: LanguageRegistration = {
  name: 'procmaps',
  displayName: '/proc/PID/maps',
  scopeName: 'source.procmaps',
  aliases: ['maps'],
  patterns: [
    { include: '#shell-prompt' },
    { include: '#mapping' },
    { include: '#smaps-field' },
  ],
  repository: {
    // `$ cat /proc/self/maps` above the table
    'shell-prompt': matchRule('^', cap('[$#]', 'markup.prompt'), cap('\\s+'), cap('.*', 'keyword.other.command'), '$'),
    // 00400000-0042d000 r-xp 00000000 08:11 27316285             /bin/grep
    mapping: matchRule(
      '^', cap(HEXNUM, 'constant.numeric.address.start'), cap('-', 'punctuation.separator.range'), cap(HEXNUM, 'constant.numeric.address.end'),
      cap('\\s+'), capWith('[r-][w-][x-][ps]', '#permission'), cap('\\s+'), cap(HEXNUM, 'constant.numeric.offset'),
      cap('\\s+'), cap(`${HEXNUM}:${HEXNUM}`, 'constant.other.device'), cap('\\s+'), cap('\\d+', 'constant.numeric.inode'),
      '(?:', cap('\\s+'), capWith('.*?', '#path'), ')?', cap('\\s*'), '$',
    ),
    permission: {
      patterns: [
        { match: 'r', name: 'storage.modifier.permission.read.procmaps' },
        { match: 'w', name: 'storage.modifier.permission.write.procmaps' },
        { match: 'x', name: 'storage.modifier.permission.execute.procmaps' },
        { match: 'p', name: 'storage.modifier.permission.private.procmaps' },
        { match: 's', name: 'storage.modifier.permission.shared.procmaps' },
        { match: '-', name: 'storage.modifier.permission.none.procmaps' },
      ],
    },
    path: {
      patterns: [
        {
          // [heap] [stack] [vdso] [vvar] [vsyscall] [uprobes] [stack:1234] [anon:name]
          match: '\\[(?:heap|stack(?::\\d+)?|vdso|vvar|vvar_vclock|vsyscall|uprobes|anon:[^\\]]*)\\](?=\\s*$)',
          name: 'support.constant.pseudo-path.procmaps',
        },
        matchRule(cap('\\S.*?', 'string.unquoted.path'), cap('\\s+\\(deleted\\)', 'invalid.deprecated.deleted'), '$'),
        { match: '\\S.*', name: 'string.unquoted.path.procmaps' },
      ],
    },
    // Size:                132 kB
    'smaps-field': matchRule(
      '^', cap('[A-Z][A-Za-z_]*', 'variable.other.field'), cap(':', 'punctuation.separator'), cap('\\s+'), cap('\\d+', 'constant.numeric'),
      '(?:', cap('\\s+'), cap('kB', 'keyword.other.unit'), ')?\\s*$',
    ),
  },
};
