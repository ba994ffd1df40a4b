// TextMate grammar for /proc/PID/maps (and the mapping lines of /proc/PID/smaps):
// address range, the four permission flags (each its own token), offset,
// device, inode, path and the kernel's pseudo paths ([heap], [stack], ...).
import type { LanguageRegistration } from 'shiki';

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
    'shell-prompt': {
      // `$ cat /proc/self/maps` above the table
      match: '^([$#])(\\s+)(.*)$',
      captures: { 1: { name: 'markup.prompt.procmaps' }, 3: { name: 'keyword.other.command.procmaps' } },
    },
    mapping: {
      // 00400000-0042d000 r-xp 00000000 08:11 27316285             /bin/grep
      match: '^([0-9a-fA-F]+)(-)([0-9a-fA-F]+)(\\s+)([r-][w-][x-][ps])(\\s+)([0-9a-fA-F]+)(\\s+)([0-9a-fA-F]+:[0-9a-fA-F]+)(\\s+)(\\d+)(?:(\\s+)(.*?))?(\\s*)$',
      captures: {
        1: { name: 'constant.numeric.address.start.procmaps' },
        2: { name: 'punctuation.separator.range.procmaps' },
        3: { name: 'constant.numeric.address.end.procmaps' },
        5: { patterns: [{ include: '#permission' }] },
        7: { name: 'constant.numeric.offset.procmaps' },
        9: { name: 'constant.other.device.procmaps' },
        11: { name: 'constant.numeric.inode.procmaps' },
        13: { patterns: [{ include: '#path' }] },
      },
    },
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
        { match: '(\\S.*?)(\\s+\\(deleted\\))$', captures: { 1: { name: 'string.unquoted.path.procmaps' }, 2: { name: 'invalid.deprecated.deleted.procmaps' } } },
        { match: '\\S.*', name: 'string.unquoted.path.procmaps' },
      ],
    },
    'smaps-field': {
      // Size:                132 kB
      match: '^([A-Z][A-Za-z_]*)(:)(\\s+)(\\d+)(?:(\\s+)(kB))?\\s*$',
      captures: {
        1: { name: 'variable.other.field.procmaps' },
        2: { name: 'punctuation.separator.procmaps' },
        4: { name: 'constant.numeric.procmaps' },
        6: { name: 'keyword.other.unit.procmaps' },
      },
    },
  },
};
