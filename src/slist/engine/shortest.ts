// Shortest corrupting schedule: A* over scheduler events from a state, with an admissible lower
// bound and states hashed (exact comparison on a canonical key, so no false "not found"); the result
// says how it knows (verdict.ts). Pure and synchronous: safe in a Web Worker. Bounded by depth, states, time.
import * as K from './core.ts';
import type { SchedEvent } from './types.ts';
import { verdictOf, type BoundProof, type PopperReason, type ReasonKind, type Verdict } from './verdict.ts';

export interface ExploreOptions {
  /** Longest schedule, in events (default 2000). */
  readonly maxDepth?: number;
  /** Most distinct states to store (default 2,000,000). */
  readonly maxStates?: number;
  /** Time budget in ms (default 5000). */
  readonly timeMs?: number;
  /** Offer macro events ("op T": finish the thread's current pop or push). Default true. */
  readonly macro?: boolean;
  /** Called about every 4,096 expanded states; return false to cancel. */
  readonly onProgress?: (p: ExploreProgress) => boolean | void;
}

export interface ExploreProgress {
  /** Deepest schedule expanded so far (A* order: not every shorter schedule is checked yet). */
  readonly depth: number;
  /** Every schedule of at most this many events is known safe so far. */
  readonly safeDepth: number;
  readonly statesExplored: number;
  readonly frontier: number;
  readonly ms: number;
}

export interface ExploreResult {
  readonly found: boolean;
  /** True only when every reachable state was explored (none was ruled out by the bound): no corrupting schedule exists. */
  readonly exhausted: boolean;
  /**
   * found; bound: the bound proved that no corrupting schedule exists (see `proof`); exhausted: every reachable state
   * was explored; depth, states, time, cancelled: a limit stopped the exploration (inconclusive beyond `depth`).
   */
  readonly stoppedBy: 'found' | 'bound' | 'exhausted' | 'depth' | 'states' | 'time' | 'cancelled';
  /** How the bound proved it (stoppedBy 'bound'), else null. */
  readonly proof: BoundProof | null;
  /** The conclusion and how it is known, in words. */
  readonly verdict: Verdict;
  /** Distinct states the bound ruled out (no violation can follow them) without exploring them. */
  readonly statesRuledOut: number;
  /** The corrupting schedule (shortest in events), empty if not found. */
  readonly schedule: SchedEvent[];
  /** Violation code (core.VIOLATION_KINDS index + 1), 0 if none. */
  readonly violation: number;
  /** Every schedule of at most this many events was checked (found: the schedule's length). */
  readonly depth: number;
  /** Distinct states reached, the start included (all explored unless a limit stopped the exploration); 0 when the bound settles the start. */
  readonly statesExplored: number;
  readonly eventsTried: number;
  readonly ms: number;
  readonly peakFrontier: number;
}

/** Enabled events of state s (encoded), in a fixed order. */
export function enabledEvents(m: K.Model, s: Float64Array, macro: boolean, out: number[]): number[] {
  out.length = 0;
  for (let t = 0; t < m.nt; t++) {
    if (K.canStep(m, s, t)) {
      out.push(K.EV_STEP * 32 + t);
      // op only where it differs from step: an operation with more than one micro-step left
      const mpc = s[m.T + t * m.S + K.T_MPC]!;
      if (macro && mpc >= K.POP_RESUME && mpc <= K.PUSH_LINK) out.push(K.EV_OP * 32 + t);
    }
  }
  for (let t = 0; t < m.nt; t++) if (K.canPreempt(m, s, t)) out.push(K.EV_PREEMPT * 32 + t);
  for (let c = 0; c < m.nc; c++) {
    if (K.canInterrupt(m, s, c)) out.push(K.EV_INT * 32 + c);
    if (K.canStall(m, s, c)) out.push(K.EV_STALL * 32 + c);
    if (K.canResume(m, s, c)) out.push(K.EV_RESUME * 32 + c);
  }
  return out;
}

/** Open-addressing hash set of canonical state keys. */
class StateSet {
  readonly kl: number;
  keys: Uint16Array;
  hashes: Int32Array;
  parent: Int32Array;
  event: Int32Array;
  table: Int32Array;
  size = 0;
  constructor(kl: number) {
    this.kl = kl;
    this.keys = new Uint16Array(kl * 16384);
    this.hashes = new Int32Array(16384);
    this.parent = new Int32Array(16384);
    this.event = new Int32Array(16384);
    this.table = new Int32Array(65536);
  }
  /** Insert; returns the new id, or -1 - id of the equal state already present. */
  add(key: Uint16Array, h: number, parent: number, ev: number): number {
    const kl = this.kl;
    let mask = this.table.length - 1;
    let i = h & mask;
    for (;;) {
      const slot = this.table[i]!;
      if (slot === 0) break;
      const id = slot - 1;
      if (this.hashes[id] === h) {
        const o = id * kl;
        let eq = true;
        for (let k = 0; k < kl; k++) if (this.keys[o + k] !== key[k]) { eq = false; break; }
        if (eq) return -1 - id;
      }
      i = (i + 1) & mask;
    }
    const id = this.size++;
    if (id >= this.hashes.length) this.grow();
    this.keys.set(key, id * kl);
    this.hashes[id] = h;
    this.parent[id] = parent;
    this.event[id] = ev;
    if (this.size * 2 > this.table.length) this.rehash();
    else this.table[i] = id + 1;
    if (this.size * 2 > this.table.length) return id;
    mask = this.table.length - 1;
    return id;
  }
  private grow(): void {
    const n = this.hashes.length * 2;
    const k = new Uint16Array(n * this.kl); k.set(this.keys); this.keys = k;
    const h = new Int32Array(n); h.set(this.hashes); this.hashes = h;
    const p = new Int32Array(n); p.set(this.parent); this.parent = p;
    const e = new Int32Array(n); e.set(this.event); this.event = e;
  }
  private rehash(): void {
    const t = new Int32Array(this.table.length * 2);
    const mask = t.length - 1;
    for (let id = 0; id < this.size; id++) {
      let i = this.hashes[id]! & mask;
      while (t[i] !== 0) i = (i + 1) & mask;
      t[i] = id + 1;
    }
    this.table = t;
  }
  bytes(): number {
    return this.keys.byteLength + this.hashes.byteLength * 3 + this.table.byteLength;
  }
}

/**
 * Lower bound on the events still needed to reach a violation (admissible and consistent).
 * A violation is a pop CAS on a stale snapshot, so some thread P must hold a snapshot (or take one:
 * 1 event, after reaching its next pop), other threads must push a positive multiple of 2^bits
 * times after it (each event completes at most one push; the cheapest way through their programs
 * is tabled), and P needs one more event for its CAS. Walk violations (cycle, lost, ...) can only
 * follow a stale CAS (property-tested). With faultRestart off a crash needs no pushes: h = 0.
 */
export class Heuristic {
  readonly m: K.Model;
  readonly q: number; // pushes needed from scratch, capped
  readonly inf: number;
  /** cost[t][ip * (q + 1) + x]: fewest op events for thread t from instruction ip to complete x pushes. */
  readonly cost: Int32Array[];
  /** popDist[t][ip]: op events before thread t reaches a pop (inf if never). */
  readonly popDist: Int32Array[];
  readonly off: boolean;
  /** A cost past the depth bound (but not proven impossible). */
  readonly beyond: number;
  /** maxPushes[t][ip]: pushes thread t's program can still make from instruction ip (Infinity in a loop that pushes). */
  readonly maxPushes: Float64Array[];
  /** After value(): why each thread cannot be the popper of a violation (WHY_*, 0 if it can), and with what numbers. */
  readonly why: Int32Array;
  readonly whyNeed: Float64Array;
  readonly whyWindow: Float64Array;
  constructor(m: K.Model, cap: number) {
    this.beyond = cap + 1;
    this.m = m;
    this.off = !m.settings.faultRestart;
    this.q = Math.min(m.seqMod, cap + 1);
    this.inf = 1 << 29;
    const q = this.q;
    this.cost = [];
    this.popDist = [];
    this.maxPushes = [];
    this.why = new Int32Array(m.nt);
    this.whyNeed = new Float64Array(m.nt);
    this.whyWindow = new Float64Array(m.nt);
    for (let t = 0; t < m.nt; t++) {
      const prog = m.setup.threads[t]!.program;
      const len = prog.length;
      const next = (i: number): number => {
        while (i < len && prog[i]!.op === 'loop') i = (prog[i] as { to?: number }).to ?? 0;
        return i;
      };
      const cost = new Int32Array(len * (q + 1)).fill(this.inf);
      const pd = new Int32Array(len).fill(this.inf);
      for (let ip0 = 0; ip0 < len; ip0++) {
        const base = ip0 * (q + 1);
        cost[base] = 0;
        let ip = next(ip0);
        let ev = 0;
        let pushes = 0;
        const limit = (q + 2) * (len + 1);
        for (let k = 0; k < limit && ip < len && pushes < q; k++) {
          const ins = prog[ip]!;
          ev++;
          if (ins.op === 'pop' && pd[ip0] === this.inf) pd[ip0] = ev - 1;
          if (ins.op === 'push') cost[base + ++pushes] = ev;
          ip = next(ip + 1);
        }
        if (pd[ip0] === this.inf) {
          // the walk may stop at q pushes before seeing a pop: look further
          let j = next(ip0);
          for (let k = 0, e = 0; k < 2 * len + 2 && j < len; k++, e++, j = next(j + 1)) if (prog[j]!.op === 'pop') { pd[ip0] = e; break; }
        }
      }
      this.cost.push(cost);
      this.popDist.push(pd);
      // programs are deterministic: walk until the end, or until an instruction repeats (a loop)
      const mp = new Float64Array(len);
      for (let ip0 = 0; ip0 < len; ip0++) {
        const seen = new Map<number, number>();
        let pushes = 0;
        let ip = next(ip0);
        for (; ip < len; ip = next(ip + 1)) {
          const at = seen.get(ip);
          if (at !== undefined) { if (pushes > at) pushes = Infinity; break; }
          seen.set(ip, pushes);
          if (prog[ip]!.op === 'push') pushes++;
        }
        mp[ip0] = pushes;
      }
      this.maxPushes.push(mp);
    }
  }
  private pushCost(s: Float64Array, p: number, x: number): number {
    if (x <= 0) return 0;
    const m = this.m;
    if (x > this.q) {
      // beyond the table (capped at the depth bound): impossible if even q pushes are, else too long
      const q = this.pushCost(s, p, this.q);
      return q >= this.inf ? this.inf : this.beyond;
    }
    let others = 0;
    let best = this.inf;
    for (let u = 0; u < m.nt; u++) {
      if (u === p) continue;
      const ip = s[m.T + u * m.S + K.T_IP]!;
      if (ip < 0) continue;
      others++;
      best = Math.min(best, this.cost[u]![ip * (this.q + 1) + x]!);
    }
    if (others <= 1) return best;
    // several pushers: one of them makes at least ceil(x / others) of the pushes
    const y = Math.ceil(x / others);
    best = this.inf;
    for (let u = 0; u < m.nt; u++) {
      if (u === p) continue;
      const ip = s[m.T + u * m.S + K.T_IP]!;
      if (ip >= 0) best = Math.min(best, this.cost[u]![ip * (this.q + 1) + y]!);
    }
    return best >= this.inf ? this.inf : Math.max(best, x);
  }
  /** Extra events a running popper needs to let `need` pushes happen before its CAS, given the
   * micro-steps others may still make under the speed bound: 0, 1 (an interrupt or preemption with
   * the fixup off), 2 (a hypervisor stall and its resume) or inf. */
  private away(need: number, budget: number): number {
    const m = this.m;
    if (m.R <= 0 || need <= budget) return 0;
    if (!m.settings.fixup && (m.settings.interrupts || m.settings.preempts)) return 1;
    if (m.settings.stalls) return 2;
    return this.inf;
  }
  /** The lower bound for state s; when it is infinite, `why` (and whyNeed, whyWindow) say why, thread by thread. */
  value(s: Float64Array): number {
    const m = this.m;
    if (this.off) return 0;
    if (s[m.X + K.X_VIOL] !== 0) return 0;
    const pushes = s[m.X + K.X_PUSHES]!;
    const R = m.R;
    const why = this.why;
    let h = this.inf;
    for (let p = 0; p < m.nt; p++) {
      why[p] = 0;
      const b = m.T + p * m.S;
      const ip = s[b + K.T_IP]!;
      if (ip < 0) { why[p] = WHY_FINISHED; continue; }
      const mpc = s[b + K.T_MPC]!;
      let hp: number;
      let need: number;
      let budget = Infinity;
      if (mpc >= K.POP_TEST && mpc <= K.POP_END) {
        const since = pushes - s[b + K.T_SPUSH]!;
        const r = since % m.seqMod;
        need = since > 0 && r === 0 ? 0 : m.seqMod - r;
        const c = this.pushCost(s, p, need);
        if (c >= this.inf) { why[p] = WHY_PUSHES; this.whyNeed[p] = need; continue; }
        if (K.bounding(m, s, p)) {
          // the CAS is one event; others may make (R - since) + R per remaining gap micro-steps first
          budget = R - s[b + K.T_SINCE]! + R * (K.POP_END - mpc);
          hp = 1 + c + this.away(need, budget);
        } else hp = 2 + c; // the event that brings it back, and the CAS
      } else {
        const d = mpc === K.POP_RESUME ? 0 : this.popDist[p]![ip]!;
        if (d >= this.inf) { why[p] = WHY_NO_POP; continue; }
        need = m.seqMod;
        const c = this.pushCost(s, p, need);
        if (c >= this.inf) { why[p] = WHY_PUSHES; this.whyNeed[p] = need; continue; }
        // snapshot and CAS are two events; a fresh window lets others make 3R micro-steps
        budget = 3 * R;
        hp = d + 2 + c + this.away(need, budget);
      }
      if (hp >= this.inf) { why[p] = WHY_WINDOW; this.whyNeed[p] = need; this.whyWindow[p] = budget; continue; }
      if (hp < h) h = hp;
    }
    return h >= this.inf ? this.inf : h;
  }

  /** Bit set (1 << WHY_*) of the reasons value() recorded; call right after an infinite value(). */
  whyMask(): number {
    let mask = 0;
    for (let p = 0; p < this.m.nt; p++) mask |= 1 << this.why[p]!;
    return mask;
  }

  /** The reasons value() recorded for state s, thread by thread, as data. */
  explain(s: Float64Array): PopperReason[] {
    const m = this.m;
    const names = m.setup.threads.map((t) => t.name);
    const out: PopperReason[] = [];
    for (let p = 0; p < m.nt; p++) {
      const thread = names[p]!;
      const need = this.whyNeed[p]!;
      switch (this.why[p]) {
        case WHY_FINISHED: out.push({ thread, reason: 'finished' }); break;
        case WHY_NO_POP: out.push({ thread, reason: 'no-pop' }); break;
        case WHY_PUSHES: {
          const pushers = [];
          for (let u = 0; u < m.nt; u++) {
            const ip = s[m.T + u * m.S + K.T_IP]!;
            if (u !== p && ip >= 0) pushers.push({ thread: names[u]!, maxPushes: this.maxPushes[u]![ip]! });
          }
          out.push({ thread, reason: 'pushes', pushesNeeded: need, pushers });
          break;
        }
        case WHY_WINDOW: {
          const mpc = s[m.T + p * m.S + K.T_MPC]!;
          out.push({ thread, reason: 'window', pushesNeeded: need, window: this.whyWindow[p]!, inWindow: mpc >= K.POP_TEST && mpc <= K.POP_END });
          break;
        }
        default: throw new Error(`explain: ${thread} can still be the popper of a violation`);
      }
    }
    return out;
  }
}

const WHY_FINISHED = 1;
const WHY_NO_POP = 2;
const WHY_PUSHES = 3;
const WHY_WINDOW = 4;
const WHY_KINDS: readonly [number, ReasonKind][] = [[WHY_FINISHED, 'finished'], [WHY_NO_POP, 'no-pop'], [WHY_PUSHES, 'pushes'], [WHY_WINDOW, 'window']];

/** Bucket priority queue on small integer priorities. */
class Buckets {
  b: number[][] = [];
  min = 0;
  size = 0;
  push(f: number, id: number): void {
    (this.b[f] ??= []).push(id);
    if (f < this.min) this.min = f;
    this.size++;
  }
  /** Pop an id of least priority (LIFO within a priority); -1 if empty. */
  pop(): number {
    while (this.min < this.b.length) {
      const a = this.b[this.min];
      if (a && a.length) { this.size--; return a.pop()!; }
      this.min++;
    }
    return -1;
  }
}

/**
 * Shortest schedule (fewest scheduler events; an "op" macro counts as one) that reaches a violation.
 * A* over hashed states with an admissible, consistent lower bound (Heuristic), so the schedule is
 * as short as a breadth-first exploration would find; `heuristic: false` runs plain breadth-first order.
 */
export function exploreShortest(m: K.Model, opts: ExploreOptions & { readonly heuristic?: boolean } = {}, start?: Float64Array): ExploreResult {
  const maxDepth = opts.maxDepth ?? 2000;
  const maxStates = opts.maxStates ?? 2_000_000;
  const timeMs = opts.timeMs ?? 5000;
  const macro = opts.macro ?? true;
  const t0 = performance.now();
  const kl = K.keyLength(m);
  const key = new Uint16Array(kl);
  const set = new StateSet(kl);
  // states the bound ruled out, kept only to count them once each
  const ruled = new StateSet(kl);
  let ruledMask = 0;
  const H = opts.heuristic === false ? null : new Heuristic(m, maxDepth);
  const hOf = (s: Float64Array) => (H ? H.value(s) : 0);
  const s0 = start ? new Float64Array(start) : K.initialState(m);
  const L = s0.length;
  const scratch = new Float64Array(L);
  const cur = new Float64Array(L);
  // Only expanded states are stored (chunks of 4,096, no allocation per state); a queued state is
  // rebuilt from its stored parent and the event that led to it.
  const chunks: Float64Array[] = [];
  let slots = 0;
  let slotOf = new Int32Array(1 << 16).fill(-1);
  let gs = new Int32Array(1 << 16);
  let closed = new Uint8Array(1 << 16);
  const ensure = (id: number) => {
    if (id < gs.length) return;
    const n = Math.max(gs.length * 2, id + 1);
    const g2 = new Int32Array(n); g2.set(gs); gs = g2;
    const c2 = new Uint8Array(n); c2.set(closed); closed = c2;
    const s2 = new Int32Array(n).fill(-1); s2.set(slotOf); slotOf = s2;
  };
  const store = (id: number, src: Float64Array) => {
    const slot = slots++;
    const ci = slot >>> 12;
    while (chunks.length <= ci) chunks.push(new Float64Array(4096 * L));
    chunks[ci]!.set(src, (slot & 4095) * L);
    slotOf[id] = slot;
  };
  const load = (id: number, dst: Float64Array) => {
    const slot = slotOf[id]!;
    const ch = chunks[slot >>> 12]!;
    const o = (slot & 4095) * L;
    for (let i = 0; i < L; i++) dst[i] = ch[o + i]!;
  };
  const rebuild = (id: number, dst: Float64Array) => {
    if (id === 0) { dst.set(s0); return; }
    load(set.parent[id]!, dst);
    K.apply(m, dst, set.event[id]!);
  };
  set.add(key, K.writeKey(m, s0, key), -1, -1);
  gs[0] = 0;
  const open = new Buckets();
  const h0 = hOf(s0);
  const infinite = H?.inf ?? Infinity;
  let prunedByDepth = false;
  let rootProof: PopperReason[] | null = null;
  if (h0 <= maxDepth) open.push(h0, 0);
  else if (h0 < infinite) prunedByDepth = true;
  else rootProof = H!.explain(s0);
  let tried = 0;
  let expanded = 0;
  let deepest = 0;
  let peak = 1;
  const evs: number[] = [];
  const result = (found: boolean, stoppedBy: ExploreResult['stoppedBy'], schedule: SchedEvent[], violation: number): ExploreResult => {
    const ms = performance.now() - t0;
    const depth = found ? schedule.length : stoppedBy === 'depth' || stoppedBy === 'exhausted' || stoppedBy === 'bound' ? maxDepth : Math.max(0, open.min - 1);
    const statesRuledOut = rootProof ? 1 : ruled.size;
    const unexplored = h0 > maxDepth; // the bound settled the start: nothing was explored
    let proof: BoundProof | null = null;
    if (stoppedBy === 'bound') {
      const reasons = rootProof ? [...new Set(rootProof.map((r) => r.reason))] : WHY_KINDS.filter(([w]) => ruledMask & (1 << w)).map(([, k]) => k);
      proof = {
        at: rootProof ? 'start' : 'frontier', seqBits: Math.log2(m.seqMod), pushesNeeded: m.seqMod,
        statesExplored: unexplored ? 0 : set.size, statesRuledOut, threads: rootProof ?? [], reasons,
        windows: reasons.includes('window') ? { speedBound: m.R, restart: m.settings.interrupts || m.settings.preempts ? 'fixup' : 'no-interrupts', stalls: false } : null,
      };
    }
    const verdict = verdictOf({
      found, stoppedBy, scheduleLength: schedule.length, statesExplored: unexplored ? 0 : set.size, statesRuledOut, depth, proof,
      rootBeyondDepth: h0 > maxDepth && h0 < infinite, maxDepth, maxStates, timeMs,
    }, m, Math.log2(m.seqMod));
    return {
      found, exhausted: stoppedBy === 'exhausted', stoppedBy, proof, verdict, statesRuledOut, schedule, violation, depth,
      statesExplored: unexplored ? 0 : set.size, eventsTried: tried, ms, peakFrontier: peak,
    };
  };
  const path = (id: number): SchedEvent[] => {
    const codes: number[] = [];
    for (let i = id; i > 0; i = set.parent[i]!) codes.push(set.event[i]!);
    return codes.reverse().map((c) => K.decodeEvent(c) as SchedEvent); // the exploration makes scheduler events only
  };
  for (;;) {
    const id = open.pop();
    if (id < 0) break;
    if (closed[id]) continue; // already expanded
    const s = cur;
    rebuild(id, s);
    const g = gs[id]!;
    const f = open.min;
    if (f !== g + hOf(s)) continue; // a stale queue entry: the state was re-queued with a smaller g
    if (s[m.X + K.X_VIOL] !== 0) return result(true, 'found', path(id), s[m.X + K.X_VIOL]!);
    if (f > maxDepth) { prunedByDepth = true; break; }
    closed[id] = 1;
    if (slotOf[id]! < 0) store(id, s);
    if (g > deepest) deepest = g;
    enabledEvents(m, s, macro, evs);
    for (let k = 0; k < evs.length; k++) {
      const code = evs[k]!;
      scratch.set(s);
      const c = scratch;
      tried++;
      if (K.apply(m, c, code) === K.O_NOT_ENABLED) continue;
      const h = hOf(c);
      if (h >= infinite) {
        // no violation can follow: count the state (once) and why
        ruledMask |= H!.whyMask();
        ruled.add(key, K.writeKey(m, c, key), -1, -1);
        continue;
      }
      if (g + 1 + h > maxDepth) { prunedByDepth = true; continue; }
      const nid = set.add(key, K.writeKey(m, c, key), id, code);
      if (nid < 0) {
        // seen: keep the shorter way there (A* with re-opening)
        const old = -1 - nid;
        if (g + 1 < gs[old]!) {
          gs[old] = g + 1;
          closed[old] = 0;
          set.parent[old] = id;
          set.event[old] = code;
          open.push(g + 1 + h, old);
        }
        continue;
      }
      ensure(nid);
      gs[nid] = g + 1;
      open.push(g + 1 + h, nid);
    }
    if (open.size > peak) peak = open.size;
    if ((++expanded & 0xfff) === 0) {
      const ms = performance.now() - t0;
      if (opts.onProgress && opts.onProgress({ depth: deepest, safeDepth: Math.max(0, open.min - 1), statesExplored: set.size, frontier: open.size, ms }) === false) return result(false, 'cancelled', [], 0);
      if (ms > timeMs) return result(false, 'time', [], 0);
    }
    if (set.size >= maxStates) return result(false, 'states', [], 0);
  }
  return result(false, prunedByDepth ? 'depth' : rootProof || ruled.size > 0 ? 'bound' : 'exhausted', [], 0);
}

/** Bytes held by an exploration's tables would be implementation detail; exposed for the bench. */
export const _internals = { StateSet };
