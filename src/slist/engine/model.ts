// The SList model's state layout and its compilation: a state is one Float64Array (small ints, and
// the sequence which may need 48 bits); a Model holds everything static (settings, programs,
// offsets). The constants name the slots and the outcomes every other part of the engine reads.
import { layoutInfo, type LayoutInfo } from './layouts.ts';
import type { Instr, Settings, Setup, ViolationKind } from './types.ts';

// Owners of an entry.
export const LIST = -1, FREED = -2;
// Thread status.
export const RUN = 0, READY = 1, DONE = 2;
// Micro PCs.
export const M_DONE = 0, POP_RESUME = 1, POP_TEST = 2, POP_FAULT = 3, POP_END = 4, PUSH_LINK = 5,
  PUSH_CAS = 6, ALLOC = 7, FREE = 8, FLUSH = 9;
// Opcodes.
const OP_POP = 0, OP_PUSH = 1, OP_FREE = 2, OP_ALLOC = 3, OP_FLUSH = 4, OP_LOOP = 5;
// Thread slots.
export const T_IP = 0, T_MPC = 1, T_SFIRST = 2, T_SDEPTH = 3, T_SSEQ = 4, T_SPUSH = 5, T_NEXT = 6,
  T_ENTRY = 7, T_STATUS = 8, T_SINCE = 9, T_HANDN = 10, T_HAND = 11;
// Header slots.
export const H_FIRST = 0, H_DEPTH = 1, H_SEQ = 2;
// Stats slots (offset from m.X); not part of the state's identity.
export const X_PUSHES = 0, X_MICRO = 1, X_FAULTS = 2, X_CASFAIL = 3, X_BENIGN = 4, X_VIOL = 5, X_VTHREAD = 6,
  X_VPUSHES = 7, X_VENTRY = 8;
const X_LEN = 9;

// Step outcomes (returned by step functions; -1 = event not enabled).
export const O_NOT_ENABLED = -1, O_SNAPSHOT = 1, O_EMPTY = 2, O_TEST = 3, O_READ_NEXT = 4,
  O_FAULT_RESTART = 5, O_CAS_OK = 6, O_CAS_FAIL = 7, O_CAS_STALE_OK = 8, O_CAS_CORRUPT = 9, O_PUSH_LINK = 10,
  O_PUSH_OK = 11, O_PUSH_FAIL = 12, O_ALLOC = 13, O_ALLOC_NONE = 14, O_FREE = 15, O_FREE_SKIP = 16,
  O_PUSH_SKIP = 17, O_FLUSH = 18, O_CRASH = 19, O_INT_RESET = 20, O_INT = 21, O_PREEMPT = 22, O_STALL = 23,
  O_UNSTALL = 24, O_DISPATCH = 25, O_OP = 26;

export const VIOLATION_KINDS: readonly ViolationKind[] = [
  'aba', 'sequence-wrap', 'stale-next', 'cycle', 'owned-listed', 'freed-listed', 'lost', 'depth', 'crash',
];
/** Violation code = index in VIOLATION_KINDS + 1. */
export const vcode = (k: ViolationKind): number => VIOLATION_KINDS.indexOf(k) + 1;
export const V_ABA = 1, V_WRAP = 2, V_STALE = 3, V_CYCLE = 4, V_OWNED = 5, V_FREED = 6, V_LOST = 7, V_DEPTH = 8, V_CRASH = 9;

export const DEFAULT_SETTINGS: Settings = {
  layout: 'x64-header8', seqBits: 9, fixup: true, rule: 'x64', speedBound: 4, faultRestart: true,
  stalls: false, preempts: true, interrupts: true, pushRate: 10_000_000,
};

export interface Model {
  readonly settings: Settings;
  readonly setup: Setup;
  readonly layout: LayoutInfo;
  readonly names: readonly string[];
  readonly n: number; // entries
  readonly nt: number; // threads
  readonly nc: number; // cpus
  readonly cpuOf: Int32Array;
  readonly ops: readonly Int32Array[]; // per thread opcodes
  readonly args: readonly Int32Array[]; // per thread entry index or -1
  readonly seqMod: number; // 2^seqBits
  readonly compareDepth: boolean;
  readonly R: number;
  readonly E: number; // entries base
  readonly F: number; // free stack base
  readonly C: number; // cpus base
  readonly T: number; // threads base
  readonly S: number; // thread stride
  readonly X: number; // stats base (= key length)
  readonly L: number; // state length
  readonly inRange: Uint8Array; // by micro pc: inside the fixup range
  /** scratch for the list walk */
  readonly mark: Int32Array;
  stamp: number;
}

export function effectiveSeqBits(s: Settings): number {
  return s.layout === 'teach' ? s.seqBits : layoutInfo(s.layout).seqBits;
}

export function compile(settings: Settings, setup: Setup): Model {
  const layout = layoutInfo(settings.layout, settings.seqBits);
  const names: string[] = [];
  const add = (x: string) => {
    if (names.includes(x)) throw new Error(`entry ${x} appears twice in the setup`);
    names.push(x);
  };
  setup.list.forEach(add);
  (setup.freed ?? []).forEach(add);
  (setup.held ?? []).forEach((h) => h.forEach(add));
  const n = names.length;
  const nt = setup.threads.length;
  const nc = setup.cpus;
  if (nt < 1 || nt > 16) throw new Error('1..16 threads');
  if (nc < 1 || nc > 16) throw new Error('1..16 CPUs');
  if (n > 200) throw new Error('at most 200 entries');
  const cpuOf = new Int32Array(nt);
  const ops: Int32Array[] = [];
  const args: Int32Array[] = [];
  setup.threads.forEach((th, t) => {
    if (th.cpu < 0 || th.cpu >= nc || !Number.isInteger(th.cpu)) throw new Error(`${th.name}: cpu ${th.cpu} out of range`);
    cpuOf[t] = th.cpu;
    const o = new Int32Array(th.program.length);
    const a = new Int32Array(th.program.length).fill(-1);
    th.program.forEach((ins: Instr, i) => {
      switch (ins.op) {
        case 'pop': o[i] = OP_POP; break;
        case 'push': o[i] = OP_PUSH; break;
        case 'free': o[i] = OP_FREE; break;
        case 'alloc': o[i] = OP_ALLOC; break;
        case 'flush': o[i] = OP_FLUSH; break;
        case 'loop': {
          o[i] = OP_LOOP;
          const to = ins.to ?? 0;
          if (!Number.isInteger(to) || to < 0 || to >= i) throw new Error(`${th.name}: loop at ${i} must jump back (to < ${i})`);
          if (th.program.slice(to, i).every((x) => x.op === 'loop')) throw new Error(`${th.name}: empty loop at ${i}`);
          a[i] = to;
          break;
        }
      }
      if ((ins.op === 'push' || ins.op === 'free') && ins.entry !== undefined) {
        const e = names.indexOf(ins.entry);
        if (e < 0) throw new Error(`${th.name}: unknown entry ${ins.entry}`);
        a[i] = e;
      }
    });
    ops.push(o);
    args.push(a);
  });
  const seqBits = effectiveSeqBits(settings);
  const E = 3;
  const F = E + 2 * n;
  const C = F + 1 + n;
  const T = C + 2 * nc;
  const S = T_HAND + n;
  const X = T + S * nt;
  const inRange = new Uint8Array(10);
  inRange[POP_TEST] = inRange[POP_FAULT] = inRange[POP_END] = 1;
  if (settings.rule === 'x86') inRange[POP_RESUME] = 1;
  return {
    settings, setup, layout, names, n, nt, nc, cpuOf, ops, args,
    seqMod: 2 ** seqBits, compareDepth: settings.layout !== 'teach', R: settings.speedBound,
    E, F, C, T, S, X, L: X + X_LEN, inRange, mark: new Int32Array(n), stamp: 0,
  };
}

function firstMicro(op: number): number {
  switch (op) {
    case OP_POP: return POP_RESUME;
    case OP_PUSH: return PUSH_LINK;
    case OP_FREE: return FREE;
    case OP_ALLOC: return ALLOC;
    default: return FLUSH;
  }
}

/** Move thread t to instruction ip (following loops) or finish it. */
export function gotoInstr(m: Model, s: Float64Array, t: number, ip: number): void {
  const b = m.T + t * m.S;
  const ops = m.ops[t]!;
  const args = m.args[t]!;
  // each loop jumps strictly back into a range holding a real op, so this ends
  while (ip < ops.length && ops[ip] === OP_LOOP) ip = args[ip]!;
  s[b + T_SFIRST] = -1;
  s[b + T_SDEPTH] = 0;
  s[b + T_SSEQ] = 0;
  s[b + T_SPUSH] = 0;
  s[b + T_NEXT] = -1;
  s[b + T_ENTRY] = -1;
  if (ip >= ops.length) {
    s[b + T_IP] = -1;
    s[b + T_MPC] = M_DONE;
    const wasRunning = s[b + T_STATUS] === RUN;
    s[b + T_STATUS] = DONE;
    s[b + T_SINCE] = 0;
    const c = m.cpuOf[t]!;
    if (wasRunning && s[m.C + 2 * c + 1] === t) dispatch(m, s, c, t);
  } else {
    s[b + T_IP] = ip;
    s[b + T_MPC] = firstMicro(ops[ip]!);
  }
}

/** CPU c picks the lowest-index ready thread (other than `except`), or goes idle. */
export function dispatch(m: Model, s: Float64Array, c: number, except: number): boolean {
  for (let u = 0; u < m.nt; u++) {
    if (u === except || m.cpuOf[u] !== c) continue;
    const b = m.T + u * m.S;
    if (s[b + T_STATUS] === READY) {
      s[b + T_STATUS] = RUN;
      s[b + T_SINCE] = 0;
      s[m.C + 2 * c + 1] = u;
      return true;
    }
  }
  s[m.C + 2 * c + 1] = -1;
  return false;
}

export function initialState(m: Model): Float64Array {
  const s = new Float64Array(m.L);
  const setup = m.setup;
  const idx = (x: string) => m.names.indexOf(x);
  for (let i = 0; i < m.n; i++) {
    s[m.E + 2 * i] = -1;
    s[m.E + 2 * i + 1] = FREED;
  }
  const list = setup.list.map(idx);
  list.forEach((e, k) => {
    s[m.E + 2 * e] = k + 1 < list.length ? list[k + 1]! : -1;
    s[m.E + 2 * e + 1] = LIST;
  });
  s[H_FIRST] = list.length ? list[0]! : -1;
  s[H_DEPTH] = list.length;
  s[H_SEQ] = (setup.sequence ?? 0) % m.seqMod;
  const freed = (setup.freed ?? []).map(idx);
  s[m.F] = freed.length;
  freed.forEach((e, k) => (s[m.F + 1 + k] = e));
  for (let c = 0; c < m.nc; c++) {
    s[m.C + 2 * c] = 0;
    s[m.C + 2 * c + 1] = -1;
  }
  for (let t = 0; t < m.nt; t++) {
    const b = m.T + t * m.S;
    const c = m.cpuOf[t]!;
    const held = (setup.held?.[t] ?? []).map(idx);
    s[b + T_HANDN] = held.length;
    held.forEach((e, k) => {
      s[b + T_HAND + k] = e;
      s[m.E + 2 * e + 1] = t;
    });
    if (s[m.C + 2 * c + 1] === -1) {
      s[m.C + 2 * c + 1] = t;
      s[b + T_STATUS] = RUN;
    } else s[b + T_STATUS] = READY;
    gotoInstr(m, s, t, 0);
  }
  return s;
}
