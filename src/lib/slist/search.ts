// Shortest corrupting schedule: breadth-first search over scheduler events from a state,
// with states hashed (exact comparison on a canonical key, so no false "not found").
// Pure and synchronous: safe to run inside a Web Worker. Bounded by depth, states and time.
import * as K from './core.ts';
import type { SchedEvent } from './types.ts';

export interface SearchOptions {
  /** Longest schedule, in events (default 2000). */
  readonly maxDepth?: number;
  /** Most distinct states to store (default 2,000,000). */
  readonly maxStates?: number;
  /** Time budget in ms (default 5000). */
  readonly timeMs?: number;
  /** Offer macro events ("op T": finish the thread's current pop or push). Default true. */
  readonly macro?: boolean;
  /** Called about every 4,096 expanded states; return false to cancel. */
  readonly onProgress?: (p: SearchProgress) => boolean | void;
}

export interface SearchProgress {
  readonly depth: number;
  readonly statesExplored: number;
  readonly frontier: number;
  readonly ms: number;
}

export interface SearchResult {
  readonly found: boolean;
  /** True when every reachable state was explored: no corrupting schedule exists at all. */
  readonly exhausted: boolean;
  readonly stoppedBy: 'found' | 'exhausted' | 'depth' | 'states' | 'time' | 'cancelled';
  /** The corrupting schedule (shortest in events), empty if not found. */
  readonly schedule: SchedEvent[];
  /** Violation code (core.VIOLATION_KINDS index + 1), 0 if none. */
  readonly violation: number;
  /** Deepest level fully explored (every schedule of at most this many events was checked). */
  readonly depth: number;
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
    this.keys = new Uint16Array(kl * 1024);
    this.hashes = new Int32Array(1024);
    this.parent = new Int32Array(1024);
    this.event = new Int32Array(1024);
    this.table = new Int32Array(4096);
  }
  /** Insert; returns the new id, or -1 if present. */
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
        if (eq) return -1;
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

/** Breadth-first search for the shortest schedule (in events) that reaches a violation. */
export function searchShortest(m: K.Model, opts: SearchOptions = {}, start?: Float64Array): SearchResult {
  const maxDepth = opts.maxDepth ?? 2000;
  const maxStates = opts.maxStates ?? 2_000_000;
  const timeMs = opts.timeMs ?? 5000;
  const macro = opts.macro ?? true;
  const t0 = performance.now();
  const kl = K.keyLength(m);
  const key = new Uint16Array(kl);
  const set = new StateSet(kl);
  const s0 = start ? start.slice() : K.initialState(m);
  const rootId = set.add(key, K.writeKey(m, s0, key), -1, -1);
  let frontier: Float64Array[] = [s0];
  let ids: number[] = [rootId];
  let depth = 0;
  let tried = 0;
  let expanded = 0;
  let peak = 1;
  const evs: number[] = [];
  const result = (found: boolean, stoppedBy: SearchResult['stoppedBy'], schedule: SchedEvent[], violation: number, d: number): SearchResult => ({
    found, exhausted: stoppedBy === 'exhausted', stoppedBy, schedule, violation, depth: d,
    statesExplored: set.size, eventsTried: tried, ms: performance.now() - t0, peakFrontier: peak,
  });
  const path = (id: number, last: number): SchedEvent[] => {
    const codes = [last];
    for (let i = id; i > 0 && set.parent[i]! >= 0; i = set.parent[i]!) codes.push(set.event[i]!);
    return codes.reverse().map(K.decodeEvent);
  };
  if (s0[m.X + K.X_VIOL] !== 0) return result(true, 'found', [], s0[m.X + K.X_VIOL]!, 0);
  while (frontier.length > 0) {
    if (depth >= maxDepth) return result(false, 'depth', [], 0, depth);
    const next: Float64Array[] = [];
    const nextIds: number[] = [];
    for (let f = 0; f < frontier.length; f++) {
      const s = frontier[f]!;
      const id = ids[f]!;
      enabledEvents(m, s, macro, evs);
      for (let k = 0; k < evs.length; k++) {
        const code = evs[k]!;
        const c = s.slice();
        tried++;
        if (K.apply(m, c, code) === K.O_NOT_ENABLED) continue;
        const v = c[m.X + K.X_VIOL]!;
        if (v !== 0) return result(true, 'found', path(id, code), v, depth + 1);
        const nid = set.add(key, K.writeKey(m, c, key), id, code);
        if (nid < 0) continue;
        next.push(c);
        nextIds.push(nid);
      }
      if ((++expanded & 0xfff) === 0) {
        const ms = performance.now() - t0;
        if (opts.onProgress && opts.onProgress({ depth, statesExplored: set.size, frontier: frontier.length + next.length, ms }) === false) return result(false, 'cancelled', [], 0, depth);
        if (ms > timeMs) return result(false, 'time', [], 0, depth);
      }
      if (set.size >= maxStates) return result(false, 'states', [], 0, depth);
    }
    frontier = next;
    ids = nextIds;
    if (next.length > peak) peak = next.length;
    depth++;
  }
  return result(false, 'exhausted', [], 0, depth);
}

/** Bytes held by a search's tables would be implementation detail; exposed for the bench. */
export const _internals = { StateSet };
