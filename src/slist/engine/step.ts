// The interpreter: one micro-step of a thread, a whole operation, interrupts, preemption, stalls,
// the reader's free, and an encoded event applied. Functions mutate a state in place; the
// snapshot layer (run.ts) copies.
import { ALLOC, FLUSH, FREE, FREED, H_DEPTH, H_FIRST, H_SEQ, LIST, M_DONE, O_ALLOC, O_ALLOC_NONE, O_CAS_CORRUPT, O_CAS_FAIL, O_CAS_OK, O_CAS_STALE_OK, O_CRASH, O_DISPATCH, O_EMPTY, O_FAULT_RESTART, O_FLUSH, O_FREE, O_FREE_SKIP, O_INT, O_INT_RESET, O_NOT_ENABLED, O_OP, O_PREEMPT, O_PUSH_FAIL, O_PUSH_LINK, O_PUSH_OK, O_PUSH_SKIP, O_READ_NEXT, O_SNAPSHOT, O_STALL, O_TEST, O_UNSTALL, POP_END, POP_FAULT, POP_RESUME, POP_TEST, PUSH_CAS, PUSH_LINK, READY, RUN, T_ENTRY, T_HAND, T_HANDN, T_IP, T_MPC, T_NEXT, T_SDEPTH, T_SFIRST, T_SINCE, T_SPUSH, T_SSEQ, T_STATUS, V_ABA, V_CRASH, V_CYCLE, V_DEPTH, V_FREED, V_LOST, V_OWNED, V_STALE, V_WRAP, X_BENIGN, X_CASFAIL, X_FAULTS, X_MICRO, X_PUSHES, X_VENTRY, X_VIOL, X_VPUSHES, X_VTHREAD, dispatch, gotoInstr, type Model } from './model.ts';
import { EV_FREE, EV_INT, EV_OP, EV_PREEMPT, EV_RESUME, EV_STALL, EV_STEP } from './codec.ts';

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

export function fixup(m: Model, s: Float64Array, t: number): boolean {
  const b = m.T + t * m.S;
  if (m.settings.fixup && m.inRange[s[b + T_MPC]!] === 1) {
    clearRegs(s, b);
    return true;
  }
  return false;
}

/** Whether CPU c runs a thread an interrupt or a stall can hit: `on` (its setting), no violation yet, c not stalled. */
function hittable(m: Model, s: Float64Array, c: number, on: boolean): boolean {
  if (!on || s[m.X + X_VIOL] !== 0 || s[m.C + 2 * c] !== 0) return false;
  const t = s[m.C + 2 * c + 1]!;
  return t >= 0 && s[m.T + t * m.S + T_STATUS] === RUN;
}

export const canInterrupt = (m: Model, s: Float64Array, c: number): boolean => hittable(m, s, c, m.settings.interrupts);

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

export const canStall = (m: Model, s: Float64Array, c: number): boolean => hittable(m, s, c, m.settings.stalls);

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

// ---- the reader's event: a thread frees an entry it holds (no program instruction; the exploration and
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
