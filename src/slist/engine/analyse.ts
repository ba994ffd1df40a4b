// One call for the CLI and a UI worker: explore a preset (shortest schedule, or a random run) and explain the result.
import * as K from './core.ts';
import { getPreset } from './presets.ts';
import { runRandom } from './random.ts';
import { modelOf, replayTail, resolveRun } from './run.ts';
import { exploreShortest, type ExploreProgress } from './shortest.ts';
import type { RandomRates, Run, SchedEvent, Settings, Setup, Violation } from './types.ts';
import { wrapTime, type BoundProof, type Verdict, type WrapTime } from './verdict.ts';

export { wrapTime };

export interface AnalyseOptions {
  readonly preset?: string;
  readonly settings?: Partial<Settings>;
  readonly setup?: Setup;
  readonly seed?: number;
  readonly scheduler?: 'shortest' | 'random';
  readonly maxDepth?: number;
  readonly maxStates?: number;
  readonly timeMs?: number;
  /** Random runner: number of events (default 1,000,000) and rates. */
  readonly randomEvents?: number;
  readonly rates?: RandomRates;
  readonly onProgress?: (p: ExploreProgress) => boolean | void;
}

export interface TraceLine {
  readonly step: number;
  readonly event: string;
  readonly sentence: string;
}

export interface Analysis {
  readonly preset: string | null;
  readonly settings: Settings;
  readonly scheduler: 'shortest' | 'random';
  readonly found: boolean;
  readonly violation: Violation | null;
  readonly pushesDuringWindow: number | null;
  /** Events in the corrupting schedule (shortest exploration: the minimum, counted in scheduler events). */
  readonly steps: number;
  readonly statesExplored: number;
  readonly ms: number;
  /** The exploration's stoppedBy ('bound': proved safe by the bound, see `proof`), or the random runner's. */
  readonly stoppedBy: string;
  /** The exploration visited every reachable state, and none was ruled out by the bound instead. */
  readonly exhausted: boolean;
  /** How the bound proved that no schedule corrupts the list (stoppedBy 'bound'), else null. */
  readonly proof: BoundProof | null;
  /** Distinct states the bound ruled out without exploring them. */
  readonly statesRuledOut: number;
  /** The conclusion and how it is known, in the engine's words. */
  readonly verdict: Verdict;
  readonly schedule: readonly SchedEvent[];
  /** What `trace` shows: the corrupting schedule, or (not found) the preset's demonstration. */
  readonly traceOf: 'schedule' | 'demo' | 'none';
  readonly trace: readonly TraceLine[];
  /** How long a sequence wrap takes at settings.pushRate. */
  readonly wrap: WrapTime;
}

export function analyse(o: AnalyseOptions): Analysis {
  const base: Pick<Run, 'preset' | 'settings' | 'setup'> = {
    ...(o.preset !== undefined ? { preset: o.preset } : {}),
    ...(o.settings ? { settings: o.settings } : {}),
    ...(o.setup ? { setup: o.setup } : {}),
  };
  const { settings } = resolveRun(base);
  const m = modelOf(base);
  const preset = o.preset !== undefined ? getPreset(o.preset) : undefined;
  const mode = o.scheduler ?? 'shortest';
  const seed = o.seed ?? 1;
  let found = false;
  let schedule: SchedEvent[] = [];
  let statesExplored = 0;
  let ms = 0;
  let stoppedBy = '';
  let exhausted = false;
  let proof: BoundProof | null = null;
  let statesRuledOut = 0;
  let verdict: Verdict;
  if (mode === 'shortest') {
    const b = preset?.bounds;
    const r = exploreShortest(m, {
      maxDepth: o.maxDepth ?? b?.maxDepth ?? 2000, maxStates: o.maxStates ?? b?.maxStates ?? 2_000_000, timeMs: o.timeMs ?? b?.timeMs ?? 5000,
      ...(o.onProgress ? { onProgress: o.onProgress } : {}),
    });
    found = r.found; schedule = r.schedule; statesExplored = r.statesExplored; ms = r.ms; stoppedBy = r.stoppedBy; exhausted = r.exhausted;
    proof = r.proof; statesRuledOut = r.statesRuledOut; verdict = r.verdict;
  } else {
    const r = runRandom(m, { seed, events: o.randomEvents ?? 1_000_000, timeMs: o.timeMs ?? 10_000, ...(o.rates ?? {}) });
    found = r.found; statesExplored = r.events; ms = r.ms; stoppedBy = r.stoppedBy;
    schedule = Array.from(r.schedule, (c) => K.decodeEvent(c) as SchedEvent); // the random runner makes scheduler events only
    const events = `${r.events.toLocaleString('en')} random event${r.events === 1 ? '' : 's'} (seed ${seed})`;
    verdict = found
      ? { kind: 'found', sentence: `The random runner corrupted the list after ${events}.` }
      : { kind: 'limit', sentence: `Inconclusive: no corruption in ${events}; a random run says nothing about the schedules it did not try.` };
  }
  const events = found ? schedule : (preset?.demo ?? []);
  const traceOf = found ? 'schedule' : events.length ? 'demo' : 'none';
  const rep = replayTail({ ...base, seed, events }, 5000);
  const trace = rep.steps.map((s, i) => ({ step: rep.skipped + i + 1, event: s.label, sentence: s.sentence }));
  const violation = found ? rep.violation : null;
  return {
    preset: o.preset ?? null, settings, scheduler: mode, found, violation,
    pushesDuringWindow: violation?.pushesDuringWindow ?? null,
    steps: found ? schedule.length : 0, statesExplored, ms, stoppedBy, exhausted, proof, statesRuledOut, verdict, schedule, traceOf, trace,
    wrap: wrapTime(K.effectiveSeqBits(settings), settings.pushRate),
  };
}
