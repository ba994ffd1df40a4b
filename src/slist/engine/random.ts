// Seeded random scheduler: picks enabled events with configurable interrupt, stall and
// preemption rates. Fast path on core.ts states (no allocation per event).
import * as K from './core.ts';
import { modelOf } from './run.ts';
import type { RandomRates, Run, RunEvent } from './types.ts';

/** Small deterministic PRNG (mulberry32): returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const DEFAULT_RATES: Required<RandomRates> = { interruptRate: 0.01, stallRate: 0.001, resumeRate: 0.01, preemptRate: 0.005 };

/** A random one of `count` CPUs or threads for which `ok` holds, or -1: the scan starts at a random index. */
function pickOf(count: number, rnd: () => number, ok: (i: number) => boolean): number {
  const start = (rnd() * count) | 0;
  for (let k = 0; k < count; k++) {
    const i = (start + k) % count;
    if (ok(i)) return i;
  }
  return -1;
}
type Enabled = (m: K.Model, s: Float64Array, i: number) => boolean;
const pickCpu = (m: K.Model, s: Float64Array, rnd: () => number, ok: Enabled) => pickOf(m.nc, rnd, (c) => ok(m, s, c));
const pickThread = (m: K.Model, s: Float64Array, rnd: () => number, ok: Enabled) => pickOf(m.nt, rnd, (t) => ok(m, s, t));

/** The run with up to `random.events` random events from `run.seed` after its own: fewer if the list is
 * corrupted first or nothing can happen. `replay` then draws them like any other events. */
export function withRandomEvents(run: Run, random: RandomRates & { readonly events: number }): Run {
  const m = modelOf(run);
  let s = K.initialState(m);
  const apply = (code: number) => {
    const c = s.slice(); // a refused op may have changed part of its copy
    if (K.apply(m, c, code) !== K.O_NOT_ENABLED) s = c;
  };
  for (const e of run.events) apply(K.encodeEvent(e));
  const rnd = mulberry32(run.seed);
  const more: RunEvent[] = [];
  for (let i = 0; i < random.events && s[m.X + K.X_VIOL] === 0; i++) {
    const code = randomEvent(m, s, rnd, random);
    if (code < 0) break;
    apply(code);
    more.push(K.decodeEvent(code));
  }
  return { ...run, events: [...run.events, ...more] };
}

/** An enabled event (encoded, see core.encodeEvent) chosen at random, or -1 when nothing can happen. */
export function randomEvent(m: K.Model, s: Float64Array, rnd: () => number, rates: RandomRates = {}): number {
  if (s[m.X + K.X_VIOL] !== 0) return -1;
  const stallRate = m.settings.stalls ? (rates.stallRate ?? DEFAULT_RATES.stallRate) : 0;
  const resumeRate = rates.resumeRate ?? DEFAULT_RATES.resumeRate;
  const intRate = m.settings.interrupts ? (rates.interruptRate ?? DEFAULT_RATES.interruptRate) : 0;
  const preRate = m.settings.preempts ? (rates.preemptRate ?? DEFAULT_RATES.preemptRate) : 0;
  // One draw picks the kind of event by its rate (in this order); the enabled CPU or thread is drawn next.
  const kinds: Array<[rate: number, pick: typeof pickCpu, enabled: Enabled, event: number]> = [
    [stallRate, pickCpu, K.canStall, K.EV_STALL],
    [resumeRate, pickCpu, K.canResume, K.EV_RESUME],
    [intRate, pickCpu, K.canInterrupt, K.EV_INT],
    [preRate, pickThread, K.canPreempt, K.EV_PREEMPT],
  ];
  let r = rnd();
  for (const [rate, pick, enabled, event] of kinds) {
    if (r >= 0 && r < rate) {
      const i = pick(m, s, rnd, enabled);
      if (i >= 0) return event * 32 + i;
    }
    r -= rate;
  }
  const t = pickThread(m, s, rnd, K.canStep);
  if (t >= 0) return K.EV_STEP * 32 + t;
  const c = pickCpu(m, s, rnd, K.canResume);
  if (c >= 0) return K.EV_RESUME * 32 + c;
  return -1;
}

export interface RandomOptions extends RandomRates {
  readonly seed: number;
  /** Maximum number of events. */
  readonly events: number;
  /** Time budget in ms (checked every 65,536 events). */
  readonly timeMs?: number;
  /** Keep the event list (needed to report a schedule); default true. Only the first `recordLimit` are kept. */
  readonly record?: boolean;
  readonly recordLimit?: number;
  /** Called every 65,536 events; return false to stop. */
  readonly onProgress?: (p: { events: number; microSteps: number; ms: number }) => boolean | void;
}

export interface RandomResult {
  readonly found: boolean;
  /** Violation code (core.VIOLATION_KINDS index + 1), 0 if none. */
  readonly violation: number;
  readonly events: number;
  readonly microSteps: number;
  readonly ms: number;
  /** Recorded events (encoded), complete when `complete`. */
  readonly schedule: Int32Array;
  readonly complete: boolean;
  readonly stoppedBy: 'violation' | 'events' | 'time' | 'cancelled' | 'finished';
  readonly state: Float64Array;
}

/** Run the seeded random scheduler from the model's initial state (or from `start`). */
export function runRandom(m: K.Model, opts: RandomOptions, start?: Float64Array): RandomResult {
  const s = start ? start.slice() : K.initialState(m);
  const rnd = mulberry32(opts.seed);
  const record = opts.record ?? true;
  const limit = opts.recordLimit ?? 1_000_000;
  let buf = new Int32Array(record ? Math.min(1024, limit) : 0);
  let n = 0;
  const t0 = performance.now();
  let stoppedBy: RandomResult['stoppedBy'] = 'events';
  let i = 0;
  const micro0 = s[m.X + K.X_MICRO]!;
  for (; i < opts.events; i++) {
    const code = randomEvent(m, s, rnd, opts);
    if (code < 0) { stoppedBy = 'finished'; break; }
    K.apply(m, s, code);
    if (record && n < limit) {
      if (n === buf.length) { const nb = new Int32Array(Math.min(limit, buf.length * 2)); nb.set(buf); buf = nb; }
      buf[n++] = code;
    }
    if (s[m.X + K.X_VIOL] !== 0) { i++; stoppedBy = 'violation'; break; }
    if ((i & 0xffff) === 0xffff) {
      const ms = performance.now() - t0;
      if (opts.onProgress && opts.onProgress({ events: i + 1, microSteps: s[m.X + K.X_MICRO]! - micro0, ms }) === false) { i++; stoppedBy = 'cancelled'; break; }
      if (opts.timeMs !== undefined && ms > opts.timeMs) { i++; stoppedBy = 'time'; break; }
    }
  }
  const v = s[m.X + K.X_VIOL]!;
  return {
    found: v !== 0, violation: v, events: i, microSteps: s[m.X + K.X_MICRO]! - micro0, ms: performance.now() - t0,
    schedule: buf.slice(0, n), complete: record && n === i, stoppedBy, state: s,
  };
}
