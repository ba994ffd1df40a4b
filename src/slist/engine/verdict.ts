// What a shortest-corruption exploration concluded and how it knows, in data and in the engine's words:
// found, proved safe by the bound (at the start, or after exploring), exhausted, or stopped by a limit.
// The CLI prints these sentences and the UI shows them as they are.
import type { Model } from './core.ts';

/** Why no thread's pop can be corrupted from a state, for one thread taken as the popper. */
export type PopperReason =
  | { readonly thread: string; readonly reason: 'finished' }
  | { readonly thread: string; readonly reason: 'no-pop' }
  /** The other threads' programs cannot make the pushes (each maximum is exact; all are finite). */
  | { readonly thread: string; readonly reason: 'pushes'; readonly pushesNeeded: number; readonly pushers: readonly { readonly thread: string; readonly maxPushes: number }[] }
  /** A running popper's window lets the other CPUs make at most `window` micro-steps, fewer than the pushes. */
  | { readonly thread: string; readonly reason: 'window'; readonly pushesNeeded: number; readonly window: number; readonly inWindow: boolean };

export type ReasonKind = PopperReason['reason'];

/** A proof by the exploration's admissible bound that no schedule corrupts the list. */
export interface BoundProof {
  /** 'start': the bound rules out the starting state, nothing was explored; 'frontier': it ruled out every state the exploration left unexplored. */
  readonly at: 'start' | 'frontier';
  readonly seqBits: number;
  /** Pushes by other threads a stale compare-and-swap needs inside one pop window: 2^seqBits (1 with no sequence: an ABA). */
  readonly pushesNeeded: number;
  /** Distinct states explored before the bound ruled out the rest (0 at the start). */
  readonly statesExplored: number;
  /** Distinct states the bound ruled out without exploring them (1 at the start: the starting state). */
  readonly statesRuledOut: number;
  /** At the start: the reason for each thread as the popper. Empty for 'frontier'. */
  readonly threads: readonly PopperReason[];
  /** The kinds of reason that ruled states out. */
  readonly reasons: readonly ReasonKind[];
  /** Why a pop window cannot be stretched (present when 'window' is among the reasons). */
  readonly windows: { readonly speedBound: number; readonly restart: 'fixup' | 'no-interrupts'; readonly stalls: false } | null;
}

export interface Verdict {
  /** found: a corrupting schedule; bound: proved safe by the bound; exhausted: every reachable state explored; limit: inconclusive. */
  readonly kind: 'found' | 'bound' | 'exhausted' | 'limit';
  readonly sentence: string;
}

export interface WrapTime { readonly seqBits: number; readonly pushes: number; readonly pushRate: number; readonly seconds: number; readonly human: string }

const n = (x: number) => x.toLocaleString('en');
const times = (x: number) => (x === 1 ? 'once' : x === 2 ? 'twice' : `${n(x)} times`);
const list = (xs: readonly string[]) => (xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs.at(-1)}`);
const states = (x: number) => `${n(x)} state${x === 1 ? '' : 's'}`;

export function wrapTime(seqBits: number, pushRate: number): WrapTime {
  const pushes = 2 ** seqBits;
  const seconds = pushes / pushRate;
  const units: [number, string][] = [[365.25 * 86400, 'years'], [86400, 'days'], [3600, 'hours'], [60, 'minutes'], [1, 'seconds'], [1e-3, 'ms'], [1e-6, 'µs'], [1e-9, 'ns']];
  const [d, u] = units.find(([d]) => seconds >= d) ?? [1e-9, 'ns'];
  const human = `${(seconds / d).toPrecision(3)} ${u} of pushes (${pushes.toLocaleString('en')} pushes at ${pushRate.toLocaleString('en')}/s) inside one pop window`;
  return { seqBits, pushes, pushRate, seconds, human };
}

/** "A sequence wrap needs 512 (2^9) pushes by other threads inside one pop window." */
export function needSentence(seqBits: number): string {
  return seqBits === 0
    ? 'An ABA needs at least one push by another thread inside one pop window.'
    : `A sequence wrap needs ${n(2 ** seqBits)} (2^${seqBits}) pushes by other threads inside one pop window.`;
}

function windowsSentence(w: NonNullable<BoundProof['windows']>): string {
  const restart = w.restart === 'fixup'
    ? 'an interrupt or a preemption inside a pop window sets the PC back to Resume (the KiCheckForSListAddress fixup), so the pop starts a new window'
    : 'interrupts and preemptions are off';
  return `No pop window can be stretched: ${restart}, and hypervisor stalls are off.`;
}

function reasonClause(r: PopperReason, wrap: number, R: number, plural: boolean): string {
  const them = wrap === 1 ? 'it' : 'them';
  const still = (need: number) => (need === wrap ? '' : ` the ${n(need)} it still needs`);
  switch (r.reason) {
    case 'finished': return 'has finished';
    case 'no-pop': return 'has no pop left to make';
    case 'pushes': {
      const total = r.pushers.reduce((a, p) => a + p.maxPushes, 0);
      const who = r.pushers.length === 0
        ? 'no other thread is left to push'
        : total === 0
        ? `${list(r.pushers.map((p) => p.thread))} never push${r.pushers.length === 1 ? 'es' : ''}`
        : r.pushers.length === 1
          ? `${r.pushers[0]!.thread} can push at most ${times(total)}`
          : `the other threads can push at most ${times(total)} in all (${r.pushers.map((p) => `${p.thread} ${n(p.maxPushes)}`).join(', ')})`;
      return `cannot get ${them}${still(r.pushesNeeded)}: ${who}`;
    }
    case 'window':
      return `cannot get ${them}${still(r.pushesNeeded)}: under the speed bound R = ${R} the other CPUs make at most ${n(r.window)} micro-steps ` +
        `${r.inWindow ? `before ${plural ? 'each one\'s' : 'its'} compare-and-swap` : `between ${plural ? 'a popper\'s' : 'its'} snapshot and its compare-and-swap`}, and each push takes at least one`;
  }
}

/** The proof in words: what a corruption needs, why no thread can get it, and so the conclusion. */
export function proofSentence(p: BoundProof, m: Model): string {
  const out: string[] = [];
  if (p.at === 'start') {
    out.push('No schedule can corrupt the list with these settings, and the exploration visited no state to know it: its bound rules out the start.');
    out.push(needSentence(p.seqBits));
    // threads with the same reason share one sentence
    const groups = new Map<string, { r: PopperReason; ts: string[] }>();
    for (const r of p.threads) {
      const c = reasonClause(r, p.pushesNeeded, m.settings.speedBound, false);
      groups.set(c, { r, ts: [...(groups.get(c)?.ts ?? []), r.thread] });
    }
    for (const { r, ts } of groups.values()) {
      const c = reasonClause(r, p.pushesNeeded, m.settings.speedBound, ts.length > 1);
      out.push(`${list(ts)} ${ts.length > 1 ? c.replace(/^has /, 'have ') : c}.`);
    }
  } else {
    out.push(`No schedule can corrupt the list with these settings. The exploration visited ${states(p.statesExplored)}; ` +
      `from ${n(p.statesRuledOut)} more its bound shows that no corruption can follow, so it did not visit them.`);
    out.push(needSentence(p.seqBits));
    const clauses: string[] = [];
    for (const k of p.reasons) {
      if (k === 'finished') clauses.push('has finished');
      if (k === 'no-pop') clauses.push('has no pop left to make');
      if (k === 'pushes') clauses.push('cannot get that many pushes from the other threads\' programs');
      if (k === 'window') clauses.push(`has a pop window too short for them (under the speed bound R = ${m.settings.speedBound}, the other CPUs make at most ${m.settings.speedBound} micro-steps between two of its own)`);
    }
    out.push(`In each of those, every thread ${clauses.length > 1 ? 'either ' : ''}${clauses.join(', or ')}.`);
  }
  if (p.windows) out.push(windowsSentence(p.windows));
  out.push('So no pop\'s compare-and-swap can succeed on a stale snapshot, which every corruption needs.');
  return out.join(' ');
}

export interface VerdictInput {
  readonly found: boolean;
  readonly stoppedBy: 'found' | 'bound' | 'exhausted' | 'depth' | 'states' | 'time' | 'cancelled';
  readonly scheduleLength: number;
  readonly statesExplored: number;
  readonly statesRuledOut: number;
  /** Every schedule of at most this many events is known safe (limits). */
  readonly depth: number;
  readonly proof: BoundProof | null;
  /** The bound at the starting state when it alone exceeded the depth limit (else null). */
  readonly rootBeyondDepth: boolean;
  readonly maxDepth: number;
  readonly maxStates: number;
  readonly timeMs: number;
}

export function verdictOf(v: VerdictInput, m: Model, seqBits: number): Verdict {
  const safeUpTo = v.depth > 0 ? `no schedule of up to ${n(v.depth)} event${v.depth === 1 ? '' : 's'} corrupts the list` : 'no schedule length was ruled out yet';
  const ruled = v.statesRuledOut > 0 ? `; the bound ruled out ${n(v.statesRuledOut)} more` : '';
  switch (v.stoppedBy) {
    case 'found':
      return { kind: 'found', sentence: `Found a corrupting schedule of ${n(v.scheduleLength)} events, the shortest there is (${states(v.statesExplored)} explored).` };
    case 'bound':
      return { kind: 'bound', sentence: proofSentence(v.proof!, m) };
    case 'exhausted':
      return { kind: 'exhausted', sentence: `No schedule can corrupt the list with these settings: the exploration visited all ${states(v.statesExplored)} reachable from the start, and none is corrupt.` };
    case 'depth': {
      if (v.rootBeyondDepth) {
        const w = wrapTime(seqBits, m.settings.pushRate);
        return {
          kind: 'limit',
          sentence: `Inconclusive beyond ${n(v.maxDepth)} events: the exploration's bound shows at the start that any corrupting schedule needs more than ${n(v.maxDepth)} events, the depth limit, so it visited none. ` +
            `${needSentence(seqBits)} At ${n(w.pushRate)} pushes/s that is ${w.human.replace(/ \(.*\) inside one pop window$/, '')} inside one pop window.`,
        };
      }
      return { kind: 'limit', sentence: `Inconclusive: ${safeUpTo}, but longer schedules are past the depth limit of ${n(v.maxDepth)} events (${states(v.statesExplored)} explored${ruled}).` };
    }
    case 'states':
      return { kind: 'limit', sentence: `Inconclusive: the exploration stopped at its limit of ${states(v.maxStates)}; ${safeUpTo}, and longer schedules were not checked.` };
    case 'time':
      return { kind: 'limit', sentence: `Inconclusive: the exploration used up its ${n(v.timeMs / 1000)} s budget after ${states(v.statesExplored)}; ${safeUpTo}, and longer schedules were not checked.` };
    case 'cancelled':
      return { kind: 'limit', sentence: `Exploration stopped after ${states(v.statesExplored)}; ${safeUpTo}.` };
  }
}
