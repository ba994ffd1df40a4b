// The model's fast core: a state is one Float64Array (small ints, and the sequence which
// may need 48 bits); a Model holds everything static (settings, programs, offsets).
// Functions here mutate a state in place; the snapshot layer (run.ts) copies.
import { layoutInfo, type LayoutInfo } from './layouts.ts';
import type { Instr, RunEvent, Settings, Setup, ViolationKind } from './types.ts';

// Owners of an entry.
export const LIST = -1;
export const FREED = -2;
// Thread status.
export const RUN = 0;
export const READY = 1;
export const DONE = 2;
// Micro PCs.
export const M_DONE = 0;
export const POP_RESUME = 1;
export const POP_TEST = 2;
export const POP_FAULT = 3;
export const POP_END = 4;
export const PUSH_LINK = 5;
export const PUSH_CAS = 6;
export const ALLOC = 7;
export const FREE = 8;
export const FLUSH = 9;
// Opcodes.
const OP_POP = 0;
const OP_PUSH = 1;
const OP_FREE = 2;
const OP_ALLOC = 3;
const OP_FLUSH = 4;
const OP_LOOP = 5;
// Thread slots.
export const T_IP = 0;
export const T_MPC = 1;
export const T_SFIRST = 2;
export const T_SDEPTH = 3;
export const T_SSEQ = 4;
export const T_SPUSH = 5;
export const T_NEXT = 6;
export const T_ENTRY = 7;
export const T_STATUS = 8;
export const T_SINCE = 9;
export const T_HANDN = 10;
export const T_HAND = 11;
// Header slots.
export const H_FIRST = 0;
export const H_DEPTH = 1;
export const H_SEQ = 2;
// Stats slots (offset from m.X); not part of the state's identity.
export const X_PUSHES = 0;
export const X_MICRO = 1;
export const X_FAULTS = 2;
export const X_CASFAIL = 3;
export const X_BENIGN = 4;
export const X_VIOL = 5;
export const X_VTHREAD = 6;
export const X_VPUSHES = 7;
export const X_VENTRY = 8;
const X_LEN = 9;

// Step outcomes (returned by step functions; -1 = event not enabled).
export const O_NOT_ENABLED = -1;
export const O_SNAPSHOT = 1;
export const O_EMPTY = 2;
export const O_TEST = 3;
export const O_READ_NEXT = 4;
export const O_FAULT_RESTART = 5;
export const O_CAS_OK = 6;
export const O_CAS_FAIL = 7;
export const O_CAS_STALE_OK = 8;
export const O_CAS_CORRUPT = 9;
export const O_PUSH_LINK = 10;
export const O_PUSH_OK = 11;
export const O_PUSH_FAIL = 12;
export const O_ALLOC = 13;
export const O_ALLOC_NONE = 14;
export const O_FREE = 15;
export const O_FREE_SKIP = 16;
export const O_PUSH_SKIP = 17;
export const O_FLUSH = 18;
export const O_CRASH = 19;
export const O_INT_RESET = 20;
export const O_INT = 21;
export const O_PREEMPT = 22;
export const O_STALL = 23;
export const O_UNSTALL = 24;
export const O_DISPATCH = 25;
export const O_OP = 26;

export const VIOLATION_KINDS: readonly ViolationKind[] = [
  'aba', 'sequence-wrap', 'stale-next', 'cycle', 'owned-listed', 'freed-listed', 'lost', 'depth', 'crash',
];
/** Violation code = index in VIOLATION_KINDS + 1. */
export const vcode = (k: ViolationKind): number => VIOLATION_KINDS.indexOf(k) + 1;
const V_ABA = 1, V_WRAP = 2, V_STALE = 3, V_CYCLE = 4, V_OWNED = 5, V_FREED = 6, V_LOST = 7, V_DEPTH = 8, V_CRASH = 9;

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
function gotoInstr(m: Model, s: Float64Array, t: number, ip: number): void {
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
function dispatch(m: Model, s: Float64Array, c: number, except: number): boolean {
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

// ---- hand (entries a thread owns, most recent last) ----
function handRemove(m: Model, s: Float64Array, t: number, e: number): void {
  const b = m.T + t * m.S;
  const n = s[b + T_HANDN]!;
  for (let k = 0; k < n; k++) {
    if (s[b + T_HAND + k] === e) {
      for (let j = k; j < n - 1; j++) s[b + T_HAND + j] = s[b + T_HAND + j + 1]!;
      s[b + T_HAND + n - 1] = 0;
      s[b + T_HANDN] = n - 1;
      return;
    }
  }
}
function handAdd(m: Model, s: Float64Array, t: number, e: number): void {
  const b = m.T + t * m.S;
  const n = s[b + T_HANDN]!;
  s[b + T_HAND + n] = e;
  s[b + T_HANDN] = n + 1;
  s[m.E + 2 * e + 1] = t;
}
/** Thread t gives entry e back to the allocator (top of the free pool). */
function release(m: Model, s: Float64Array, t: number, e: number): void {
  handRemove(m, s, t, e);
  s[m.E + 2 * e + 1] = FREED;
  const k = s[m.F]! + 1;
  s[m.F] = k;
  s[m.F + k] = e;
}
/** Entry an instruction acts on: its named entry if the thread owns it, else (unnamed) the last acquired; -1 if none. */
function target(m: Model, s: Float64Array, t: number): number {
  const b = m.T + t * m.S;
  const a = m.args[t]![s[b + T_IP]!]!;
  if (a >= 0) return s[m.E + 2 * a + 1] === t ? a : -1;
  const n = s[b + T_HANDN]!;
  return n > 0 ? s[b + T_HAND + n - 1]! : -1;
}

// ---- speed bound ----
export function bounding(m: Model, s: Float64Array, t: number): boolean {
  return s[m.T + t * m.S + T_STATUS] === RUN && s[m.C + 2 * m.cpuOf[t]!] === 0;
}

/** Can thread t make a micro-step now? */
export function canStep(m: Model, s: Float64Array, t: number): boolean {
  if (s[m.X + X_VIOL] !== 0) return false;
  if (!bounding(m, s, t)) return false;
  // an overdue thread (R foreign micro-steps since its last one) may always step; others must wait for it
  if (m.R > 0 && s[m.T + t * m.S + T_SINCE]! < m.R) {
    const c = m.cpuOf[t]!;
    for (let u = 0; u < m.nt; u++) {
      if (m.cpuOf[u] === c) continue;
      const b = m.T + u * m.S;
      if (s[b + T_STATUS] === RUN && s[m.C + 2 * m.cpuOf[u]!] === 0 && s[b + T_SINCE]! >= m.R) return false;
    }
  }
  return true;
}

function violate(m: Model, s: Float64Array, code: number, t: number, entry: number): void {
  s[m.X + X_VIOL] = code;
  s[m.X + X_VTHREAD] = t;
  s[m.X + X_VENTRY] = entry;
}

/** Walk the list; returns a violation code or 0 (and the entry involved in m.stamp's scratch via out). */
export function walkCheck(m: Model, s: Float64Array, out: { entry: number; length: number }): number {
  const stamp = ++m.stamp;
  const mark = m.mark;
  let e = s[H_FIRST]!;
  let len = 0;
  while (e >= 0) {
    if (mark[e] === stamp) {
      out.entry = e;
      out.length = len;
      return V_CYCLE;
    }
    mark[e] = stamp;
    const o = s[m.E + 2 * e + 1]!;
    if (o !== LIST) {
      out.entry = e;
      out.length = len;
      return o === FREED ? V_FREED : V_OWNED;
    }
    len++;
    e = s[m.E + 2 * e]!;
  }
  out.length = len;
  for (let i = 0; i < m.n; i++) {
    if (s[m.E + 2 * i + 1] === LIST && mark[i] !== stamp) {
      out.entry = i;
      return V_LOST;
    }
  }
  out.entry = -1;
  if (s[H_DEPTH] !== len) return V_DEPTH;
  return 0;
}

const walkOut = { entry: -1, length: 0 };
function check(m: Model, s: Float64Array, t: number): void {
  const v = walkCheck(m, s, walkOut);
  if (v !== 0) violate(m, s, v, t, walkOut.entry);
}

function sinceAfterStep(m: Model, s: Float64Array, t: number): void {
  const c = m.cpuOf[t]!;
  s[m.T + t * m.S + T_SINCE] = 0;
  if (m.R > 0) {
    for (let u = 0; u < m.nt; u++) {
      if (m.cpuOf[u] === c) continue;
      const b = m.T + u * m.S;
      if (s[b + T_STATUS] === RUN && s[m.C + 2 * m.cpuOf[u]!] === 0 && s[b + T_SINCE]! < m.R) s[b + T_SINCE]! += 1;
    }
  }
}

/** One micro-step of thread t. Returns an outcome code, or O_NOT_ENABLED. */
export function step(m: Model, s: Float64Array, t: number): number {
  if (!canStep(m, s, t)) return O_NOT_ENABLED;
  sinceAfterStep(m, s, t);
  s[m.X + X_MICRO]! += 1;
  const b = m.T + t * m.S;
  const mpc = s[b + T_MPC]!;
  const ip = s[b + T_IP]!;
  switch (mpc) {
    case POP_RESUME:
      s[b + T_SFIRST] = s[H_FIRST]!;
      s[b + T_SDEPTH] = s[H_DEPTH]!;
      s[b + T_SSEQ] = s[H_SEQ]!;
      s[b + T_SPUSH] = s[m.X + X_PUSHES]!;
      s[b + T_MPC] = POP_TEST;
      return O_SNAPSHOT;
    case POP_TEST:
      if (s[b + T_SFIRST]! < 0) {
        gotoInstr(m, s, t, ip + 1);
        return O_EMPTY;
      }
      s[b + T_MPC] = POP_FAULT;
      return O_TEST;
    case POP_FAULT: {
      const f = s[b + T_SFIRST]!;
      if (s[m.E + 2 * f + 1] === FREED) {
        s[m.X + X_FAULTS]! += 1;
        if (!m.settings.faultRestart) {
          violate(m, s, V_CRASH, t, f);
          return O_CRASH;
        }
        clearRegs(s, b);
        return O_FAULT_RESTART;
      }
      s[b + T_NEXT] = s[m.E + 2 * f]!;
      s[b + T_MPC] = POP_END;
      return O_READ_NEXT;
    }
    case POP_END: {
      const f = s[b + T_SFIRST]!;
      if (s[H_FIRST] !== f || s[H_SEQ] !== s[b + T_SSEQ] || (m.compareDepth && s[H_DEPTH] !== s[b + T_SDEPTH])) {
        s[m.X + X_CASFAIL]! += 1;
        clearRegs(s, b);
        return O_CAS_FAIL;
      }
      const pushesSince = s[m.X + X_PUSHES]! - s[b + T_SPUSH]!;
      const next = s[b + T_NEXT]!;
      const nextNow = s[m.E + 2 * f]!;
      const depthNow = s[H_DEPTH]!;
      const snapDepth = s[b + T_SDEPTH]!;
      s[H_FIRST] = next;
      s[H_DEPTH] = (s[b + T_SDEPTH]! + 0xffff) & 0xffff;
      // ownership: the popped entry goes to the thread (whoever held it before)
      const prev = s[m.E + 2 * f + 1]!;
      if (prev >= 0 && prev !== t) handRemove(m, s, prev, f);
      if (prev !== t) handAdd(m, s, t, f);
      gotoInstr(m, s, t, ip + 1);
      // corrupt if the installed Next is stale, or (teaching layout: Depth not compared) the depth is
      if (next !== nextNow || (!m.compareDepth && depthNow !== snapDepth)) {
        s[m.X + X_VPUSHES] = pushesSince;
        violate(m, s, pushesSince === 0 ? V_STALE : m.seqMod === 1 ? V_ABA : V_WRAP, t, f);
        return O_CAS_CORRUPT;
      }
      check(m, s, t);
      if (pushesSince !== 0) {
        s[m.X + X_BENIGN]! += 1;
        return O_CAS_STALE_OK;
      }
      return O_CAS_OK;
    }
    case PUSH_LINK: {
      let e = s[b + T_ENTRY]!;
      if (e < 0) {
        e = target(m, s, t);
        if (e < 0) {
          gotoInstr(m, s, t, ip + 1);
          return O_PUSH_SKIP;
        }
        s[b + T_ENTRY] = e;
      }
      s[b + T_SFIRST] = s[H_FIRST]!;
      s[b + T_SDEPTH] = s[H_DEPTH]!;
      s[b + T_SSEQ] = s[H_SEQ]!;
      s[m.E + 2 * e] = s[H_FIRST]!;
      s[b + T_MPC] = PUSH_CAS;
      return O_PUSH_LINK;
    }
    case PUSH_CAS: {
      if (s[H_FIRST] !== s[b + T_SFIRST] || s[H_SEQ] !== s[b + T_SSEQ] || (m.compareDepth && s[H_DEPTH] !== s[b + T_SDEPTH])) {
        s[m.X + X_CASFAIL]! += 1;
        s[b + T_SFIRST] = -1;
        s[b + T_SDEPTH] = 0;
        s[b + T_SSEQ] = 0;
        s[b + T_MPC] = PUSH_LINK;
        return O_PUSH_FAIL;
      }
      const e = s[b + T_ENTRY]!;
      s[H_FIRST] = e;
      s[H_DEPTH] = (s[b + T_SDEPTH]! + 1) & 0xffff;
      s[H_SEQ] = (s[b + T_SSEQ]! + 1) % m.seqMod;
      s[m.X + X_PUSHES]! += 1;
      handRemove(m, s, t, e);
      s[m.E + 2 * e + 1] = LIST;
      gotoInstr(m, s, t, ip + 1);
      check(m, s, t);
      return O_PUSH_OK;
    }
    case ALLOC: {
      const k = s[m.F]!;
      if (k === 0) {
        gotoInstr(m, s, t, ip + 1);
        return O_ALLOC_NONE;
      }
      const e = s[m.F + k]!;
      s[m.F + k] = 0;
      s[m.F] = k - 1;
      handAdd(m, s, t, e);
      gotoInstr(m, s, t, ip + 1);
      return O_ALLOC;
    }
    case FREE: {
      const e = target(m, s, t);
      if (e < 0) {
        gotoInstr(m, s, t, ip + 1);
        return O_FREE_SKIP;
      }
      release(m, s, t, e);
      gotoInstr(m, s, t, ip + 1);
      return O_FREE;
    }
    case FLUSH: {
      // one atomic step: take the whole chain, header becomes {null, 0, same sequence} (WRK)
      let e = s[H_FIRST]!;
      let guard = 0;
      while (e >= 0 && guard++ <= m.n) {
        const o = s[m.E + 2 * e + 1]!;
        if (o >= 0 && o !== t) handRemove(m, s, o, e);
        if (o !== t) handAdd(m, s, t, e);
        e = s[m.E + 2 * e]!;
      }
      s[H_FIRST] = -1;
      s[H_DEPTH] = 0;
      gotoInstr(m, s, t, ip + 1);
      check(m, s, t);
      return O_FLUSH;
    }
  }
  return O_NOT_ENABLED;
}

/** Can thread t run its current operation to completion (op event)? */
export function canOp(m: Model, s: Float64Array, t: number): boolean {
  return s[m.T + t * m.S + T_MPC] !== M_DONE && canStep(m, s, t);
}

/** Does this step outcome complete the thread's current operation? */
export function completesOp(r: number): boolean {
  return r === O_EMPTY || r === O_CAS_OK || r === O_CAS_STALE_OK || r === O_CAS_CORRUPT || r === O_PUSH_OK || r === O_PUSH_SKIP || r === O_CRASH ||
    r === O_ALLOC || r === O_ALLOC_NONE || r === O_FREE || r === O_FREE_SKIP || r === O_FLUSH;
}

/** Macro event: run thread t until its current operation completes. Returns O_OP, or O_NOT_ENABLED
 * (the state is then partly changed: callers work on a copy). Stops early at a violation. */
export function op(m: Model, s: Float64Array, t: number): number {
  if (!canOp(m, s, t)) return O_NOT_ENABLED;
  for (let k = 0; k < 64; k++) {
    const r = step(m, s, t);
    if (r === O_NOT_ENABLED) return O_NOT_ENABLED;
    if (completesOp(r) || s[m.X + X_VIOL] !== 0) return O_OP;
  }
  return O_NOT_ENABLED;
}

/** Back to Resume with no snapshot. */
function clearRegs(s: Float64Array, b: number): void {
  s[b + T_MPC] = POP_RESUME;
  s[b + T_SFIRST] = -1;
  s[b + T_SDEPTH] = 0;
  s[b + T_SSEQ] = 0;
  s[b + T_SPUSH] = 0;
  s[b + T_NEXT] = -1;
}

function fixup(m: Model, s: Float64Array, t: number): boolean {
  const b = m.T + t * m.S;
  if (m.settings.fixup && m.inRange[s[b + T_MPC]!] === 1) {
    clearRegs(s, b);
    return true;
  }
  return false;
}

export function canInterrupt(m: Model, s: Float64Array, c: number): boolean {
  if (!m.settings.interrupts || s[m.X + X_VIOL] !== 0 || s[m.C + 2 * c] !== 0) return false;
  const t = s[m.C + 2 * c + 1]!;
  return t >= 0 && s[m.T + t * m.S + T_STATUS] === RUN;
}

/** Interrupt on CPU c: the fixup may reset the PC; the interrupt takes unbounded time, so the thread's speed count restarts. */
export function interrupt(m: Model, s: Float64Array, c: number): number {
  if (!canInterrupt(m, s, c)) return O_NOT_ENABLED;
  const t = s[m.C + 2 * c + 1]!;
  s[m.T + t * m.S + T_SINCE] = 0;
  return fixup(m, s, t) ? O_INT_RESET : O_INT;
}

export function canPreempt(m: Model, s: Float64Array, t: number): boolean {
  return m.settings.preempts && s[m.X + X_VIOL] === 0 && bounding(m, s, t);
}

export function preempt(m: Model, s: Float64Array, t: number): number {
  if (!canPreempt(m, s, t)) return O_NOT_ENABLED;
  const b = m.T + t * m.S;
  const reset = fixup(m, s, t);
  s[b + T_STATUS] = READY;
  s[b + T_SINCE] = 0;
  dispatch(m, s, m.cpuOf[t]!, t);
  return reset ? O_INT_RESET : O_PREEMPT;
}

export function canStall(m: Model, s: Float64Array, c: number): boolean {
  if (!m.settings.stalls || s[m.X + X_VIOL] !== 0 || s[m.C + 2 * c] !== 0) return false;
  const t = s[m.C + 2 * c + 1]!;
  return t >= 0 && s[m.T + t * m.S + T_STATUS] === RUN;
}

export function stall(m: Model, s: Float64Array, c: number): number {
  if (!canStall(m, s, c)) return O_NOT_ENABLED;
  s[m.C + 2 * c] = 1;
  const t = s[m.C + 2 * c + 1]!;
  s[m.T + t * m.S + T_SINCE] = 0;
  return O_STALL;
}

export function canResume(m: Model, s: Float64Array, c: number): boolean {
  if (s[m.X + X_VIOL] !== 0) return false;
  if (s[m.C + 2 * c] !== 0) return true;
  if (s[m.C + 2 * c + 1] !== -1) return false;
  for (let u = 0; u < m.nt; u++) if (m.cpuOf[u] === c && s[m.T + u * m.S + T_STATUS] === READY) return true;
  return false;
}

export function resume(m: Model, s: Float64Array, c: number): number {
  if (!canResume(m, s, c)) return O_NOT_ENABLED;
  if (s[m.C + 2 * c] !== 0) {
    s[m.C + 2 * c] = 0;
    const t = s[m.C + 2 * c + 1]!;
    if (t >= 0) s[m.T + t * m.S + T_SINCE] = 0;
    return O_UNSTALL;
  }
  dispatch(m, s, c, -1);
  return O_DISPATCH;
}

// ---- the reader's event: a thread frees an entry it holds (no program instruction; the search and
// the random runner never choose it, it is how a reader makes a freed-entry fault happen) ----
export const FREE_OK = 0, FREE_NOT_HELD = 1, FREE_STOPPED = 2, FREE_PUSHING = 3;

/** Can thread t free entry e now? FREE_OK, or why not (checked in this order). */
export function freeRefusal(m: Model, s: Float64Array, t: number, e: number): number {
  const b = m.T + t * m.S;
  const n = t >= 0 && t < m.nt ? s[b + T_HANDN]! : 0;
  let k = 0;
  while (k < n && s[b + T_HAND + k] !== e) k++;
  if (k === n) return FREE_NOT_HELD;
  if (s[m.X + X_VIOL] !== 0) return FREE_STOPPED;
  if (s[b + T_ENTRY] === e) return FREE_PUSHING;
  return FREE_OK;
}

export function free(m: Model, s: Float64Array, t: number, e: number): number {
  if (freeRefusal(m, s, t, e) !== FREE_OK) return O_NOT_ENABLED;
  release(m, s, t, e);
  return O_FREE;
}

// ---- events as small integers: kind * 32 + arg; free: (EV_FREE + 8 * entry) * 32 + thread ----
// (the URL hash of a shared run stores these codes: keep them stable)
export const EV_STEP = 0, EV_OP = 1, EV_INT = 2, EV_PREEMPT = 3, EV_STALL = 4, EV_RESUME = 5, EV_FREE = 6;
const KINDS = ['step', 'op', 'interrupt', 'preempt', 'stall', 'resume'] as const;

export function encodeEvent(e: RunEvent): number {
  if (e.kind === 'free') return (EV_FREE + 8 * e.entry) * 32 + e.thread;
  const k = KINDS.indexOf(e.kind);
  const arg = 'thread' in e ? e.thread : e.cpu;
  return k * 32 + arg;
}
/** The event of a code; throws on a code no event has (a hand-edited URL). */
export function decodeEvent(code: number): RunEvent {
  const hi = code >> 5;
  const arg = code & 31;
  if ((hi & 7) === EV_FREE) return { kind: 'free', thread: arg, entry: hi >> 3 };
  const k = KINDS[hi];
  if (!k || !Number.isInteger(code) || code < 0) throw new Error(`no event has the code ${code}`);
  return k === 'step' || k === 'op' || k === 'preempt' ? { kind: k, thread: arg } : { kind: k, cpu: arg };
}

/** Apply an encoded event in place. */
export function apply(m: Model, s: Float64Array, code: number): number {
  const arg = code & 31;
  switch (code >> 5) {
    case EV_STEP: return arg < m.nt ? step(m, s, arg) : O_NOT_ENABLED;
    case EV_OP: return arg < m.nt ? op(m, s, arg) : O_NOT_ENABLED;
    case EV_INT: return arg < m.nc ? interrupt(m, s, arg) : O_NOT_ENABLED;
    case EV_PREEMPT: return arg < m.nt ? preempt(m, s, arg) : O_NOT_ENABLED;
    case EV_STALL: return arg < m.nc ? stall(m, s, arg) : O_NOT_ENABLED;
    case EV_RESUME: return arg < m.nc ? resume(m, s, arg) : O_NOT_ENABLED;
  }
  return ((code >> 5) & 7) === EV_FREE ? free(m, s, arg, code >> 8) : O_NOT_ENABLED;
}

export function violationCode(m: Model, s: Float64Array): number {
  return s[m.X + X_VIOL]!;
}

/** Canonical identity of a state, written into `key` (Uint16Array of keyLength(m)); returns a 32-bit hash.
 * The hidden push count enters only as "has any push happened since this pop's snapshot". */
export function keyLength(m: Model): number {
  return m.X + 2 + 2 * m.nt; // sequences take 3 words each
}
const kindCache = new WeakMap<Model, Uint8Array>();
function slotKinds(m: Model): Uint8Array {
  let k = kindCache.get(m);
  if (!k) {
    k = new Uint8Array(m.X);
    k[H_SEQ] = 1;
    for (let t = 0; t < m.nt; t++) {
      k[m.T + t * m.S + T_SSEQ] = 1;
      k[m.T + t * m.S + T_SPUSH] = 2;
    }
    kindCache.set(m, k);
  }
  return k;
}
export function writeKey(m: Model, s: Float64Array, key: Uint16Array): number {
  const kinds = slotKinds(m);
  let h = 0x811c9dc5 | 0;
  let j = 0;
  const pushes = s[m.X + X_PUSHES]!;
  const X = m.X;
  for (let i = 0; i < X; i++) {
    const v = s[i]!;
    const kind = kinds[i]!;
    if (kind === 0) {
      const w = (v + 1) & 0xffff;
      key[j++] = w;
      h = Math.imul(h ^ w, 0x01000193);
    } else if (kind === 2) {
      const mpc = s[i - T_SPUSH + T_MPC]!;
      const w = mpc >= POP_TEST && mpc <= POP_END && v !== pushes ? 1 : 0;
      key[j++] = w;
      h = Math.imul(h ^ w, 0x01000193);
    } else {
      const lo = v % 65536;
      const mid = Math.floor(v / 65536) % 65536;
      const hi = Math.floor(v / 4294967296) % 65536;
      key[j++] = lo;
      key[j++] = mid;
      key[j++] = hi;
      h = Math.imul(h ^ lo, 0x01000193);
      h = Math.imul(h ^ (mid | (hi << 16)), 0x01000193);
    }
  }
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h;
}
