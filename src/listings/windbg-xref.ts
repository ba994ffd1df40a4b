// Cross-references in WinDbg `u`/`uf` output: which lines are block labels, which
// instruction sits at which address, and which branches target an address that
// is in the same listing. Pure: works on the listing's lines of text.

export interface Branch {
  /** 0-based line of the branching instruction. */
  line: number;
  /** 0-based line of the instruction at the target address. */
  target: number;
  address: string;
  /** Character range in the line of `nt!Symbol+0x38 (82acbe29)` (or just `82acbe29`). */
  from: number;
  to: number;
}

export interface Label { line: number; text: string; slug: string }

export interface XrefAnalysis {
  labels: Label[];
  /** address (lower case, no backtick) -> 0-based line of the first instruction there. */
  addresses: Map<string, number>;
  branches: Branch[];
  /** 0-based target line -> 0-based lines that branch to it. */
  incoming: Map<number, number[]>;
}

const ADDR = '[0-9a-fA-F]{8}(?:`[0-9a-fA-F]{8})?';
const INSTRUCTION = new RegExp(`^(${ADDR})\\s+[0-9a-fA-F]+\\s+((?:(?:lock|rep\\w*)\\s+)?[a-z][a-z0-9]*)\\b(.*)$`);
const LABEL = /^([A-Za-z_$][\w$.]*![^\s]+?):\s*$/;
// Mnemonics that transfer control to their operand: jumps, calls, loops, xbegin.
const BRANCH = /^(?:j[a-z]{1,4}|call|loop[a-z]*|xbegin)$/;
// `nt!Sym+0x38 (82acbe29)` at the end of the operands (before an optional `Branch`), or a bare address.
const TARGET = new RegExp(`((?:[A-Za-z_$][\\w$.]*!\\S+\\s+)?\\((${ADDR})\\)|\\b(${ADDR})\\b)(?:\\s+Branch)?\\s*$`);

export const normAddress = (a: string) => a.replace('`', '').toLowerCase();

export function slugLabel(text: string): string {
  return text.replace(/[^A-Za-z0-9_]+/g, '-').replace(/^-+|-+$/g, '');
}

export function analyzeWindbg(lines: readonly string[]): XrefAnalysis {
  const labels: Label[] = [];
  const addresses = new Map<string, number>();
  const seen = new Set<string>();
  const candidates: Array<{ line: number; address: string; from: number; to: number }> = [];
  lines.forEach((text, line) => {
    const l = LABEL.exec(text);
    if (l) {
      let slug = slugLabel(l[1]!);
      for (let n = 2; seen.has(slug); n++) slug = `${slugLabel(l[1]!)}-${n}`;
      seen.add(slug);
      labels.push({ line, text: l[1]!, slug });
      return;
    }
    const m = INSTRUCTION.exec(text);
    if (!m) return;
    const addr = normAddress(m[1]!);
    if (!addresses.has(addr)) addresses.set(addr, line);
    if (!BRANCH.test(m[2]!.split(/\s+/).at(-1)!)) return;
    const operands = m[3]!;
    const t = TARGET.exec(operands);
    if (!t) return;
    const from = text.length - operands.length + t.index;
    candidates.push({ line, address: normAddress(t[2] ?? t[3]!), from, to: from + t[1]!.length });
  });
  const branches: Branch[] = [];
  const incoming = new Map<number, number[]>();
  for (const c of candidates) {
    const target = addresses.get(c.address);
    if (target === undefined) continue;
    branches.push({ ...c, target });
    incoming.set(target, [...(incoming.get(target) ?? []), c.line]);
  }
  return { labels, addresses, branches, incoming };
}
