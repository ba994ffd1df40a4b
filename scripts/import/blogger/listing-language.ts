// The language of a recovered listing, from its content: this site's grammars first (WinDbg,
// /proc/PID/maps, gdb), then C and assembly, else plain text. Blogger's SyntaxHighlighter class
// (`brush: cpp`) is a hint used only when the content names none of the site's own grammars.

export type ListingLanguage = 'windbg' | 'procmaps' | 'gdb' | 'c' | 'cpp' | 'asm' | 'text' | string;

export interface Detected { lang: ListingLanguage; why: string }

const windbgPrompt = /^\s*(?:\d+: )?(?:kd|lkd)> |^\s*\d+:\d+(?::x86)?> /;
// `82acbdf1 0fb7416c movzx eax,...` or `fffff800`01234567 48895c2408 mov ...`
const windbgDisasm = /^[0-9a-f]{8}(?:`[0-9a-f]{8})? [0-9a-f]{2,}\s+[a-z]{2,}/i;
const windbgLabel = /^[\w.]+![\w@?$.]+(?:\+0x[0-9a-f]+)?:$/i;
const mapsLine = /^[0-9a-f]+-[0-9a-f]+ [r-][w-][x-][ps] [0-9a-f]+ [0-9a-f]+:[0-9a-f]+ \d+/i;
const gdbPrompt = /^\(gdb\) /;
const gdbFrame = /^(?:#\d+\s+)?0x[0-9a-f]+ in [\w.@:<>~]+ \(.*\)(?: (?:from|at) .*)?$/i;
const gdbOther = /^(?:Breakpoint \d+, |Program received signal |=> 0x[0-9a-f]+|Starting program: )/;
const cLine = /^\s*(?:#\s*(?:include|define|if|ifdef|ifndef|endif|pragma)\b|typedef\b|struct\s+\w+\s*\{|(?:static\s+|extern\s+|inline\s+)*(?:void|int|char|long|unsigned|NTSTATUS|VOID|BOOLEAN|ULONG|PVOID|errno_t|kern_return_t)\b[\w\s*]*\(|return\b.*;\s*$|if\s*\(.*\)|for\s*\(|while\s*\(|\}\s*(?:else\b.*)?$|.*;\s*(?:\/\/.*|\/\*.*)?$)/;
const cppLine = /\b(?:class\s+\w+|template\s*<|namespace\s+\w+|std::|public:|private:|nullptr)\b/;
const asmLine = /^\s*(?:[\w.$@]+:\s*)?(?:mov[a-z]*|lea|push|pop|call|ret[nf]?|jmp|j[a-z]{1,3}|cmp|test|xor|and|or|add|sub|inc|dec|shl|shr|sar|imul|mul|div|idiv|nop|int|iret[dq]?|sysenter|syscall|lock|xchg|cmpxchg(?:8b|16b)?|pushf[dq]?|popf[dq]?|cli|sti|leave|enter)\b(?:\s+[^;]*)?(?:\s*;.*)?$/i;

const brushes: Record<string, ListingLanguage> = {
  cpp: 'cpp', 'c++': 'cpp', c: 'c', asm: 'asm', nasm: 'asm', x86asm: 'asm', plain: 'text', text: 'text', bash: 'bash', shell: 'bash', sh: 'bash',
  python: 'python', py: 'python', js: 'javascript', jscript: 'javascript', javascript: 'javascript', java: 'java', csharp: 'csharp', 'c#': 'csharp',
  xml: 'xml', html: 'html', sql: 'sql', perl: 'perl', ruby: 'ruby', diff: 'diff', ps: 'powershell', powershell: 'powershell',
};

/** The language a `class="brush: cpp"` (SyntaxHighlighter) or `class="language-c"` names, if any. */
export function languageHint(className: string): ListingLanguage | undefined {
  const m = /(?:^|[\s;])brush:\s*([\w#+-]+)/i.exec(className) ?? /(?:^|\s)(?:language|lang)-([\w#+-]+)/i.exec(className);
  return m ? brushes[m[1]!.toLowerCase()] : undefined;
}

/** The listing's language and, in words, why. `hint`: the class Blogger kept, if any. */
export function detectListingLanguage(text: string, hint?: ListingLanguage): Detected {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const count = (re: RegExp) => lines.filter((l) => re.test(l)).length;
  if (!lines.length) return { lang: hint ?? 'text', why: 'empty' };
  const prompts = count(windbgPrompt);
  const disasm = count(windbgDisasm) + count(windbgLabel);
  if (prompts > 0 || disasm >= Math.max(2, lines.length / 2)) return { lang: 'windbg', why: prompts ? 'a kd> prompt' : 'WinDbg disassembly lines' };
  if (count(mapsLine) >= Math.max(1, lines.length / 2)) return { lang: 'procmaps', why: '/proc/PID/maps lines' };
  const gdb = count(gdbPrompt) + count(gdbFrame) + count(gdbOther);
  if (gdb > 0 && (count(gdbPrompt) > 0 || gdb >= lines.length / 2)) return { lang: 'gdb', why: count(gdbPrompt) ? 'a (gdb) prompt' : 'gdb frame lines' };
  if (hint) return { lang: hint, why: 'the brush Blogger kept' };
  const asm = count(asmLine);
  if (asm >= Math.max(2, lines.length * 0.6)) return { lang: 'asm', why: 'assembly instructions' };
  const c = count(cLine);
  if (c >= Math.max(2, lines.length * 0.4)) return count(cppLine) ? { lang: 'cpp', why: 'C++ constructs' } : { lang: 'c', why: 'C statements' };
  return { lang: 'text', why: 'no language recognised' };
}
