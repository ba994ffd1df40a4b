import { describe, expect, it } from 'vitest';
import { analyse } from './analyse.ts';
import { compile } from './core.ts';
import { getPreset, PRESETS } from './presets.ts';
import { modelOf } from './run.ts';
import { Heuristic, exploreShortest } from './shortest.ts';
import type { PopperReason } from './verdict.ts';

/** What each preset's exploration concludes, and how it knows. */
const KIND: Record<string, 'found' | 'bound' | 'exhausted' | 'limit'> = {
  'classic-aba': 'found', 'x86-sequence': 'bound', 'header8-hypervisor-stall': 'found', 'header8-preempted-fixup': 'bound',
  'header8-preempted-no-fixup': 'found', header16: 'limit', 'freed-entry-fault': 'bound', 'busy-workload': 'bound',
};
const reason = (rs: readonly PopperReason[] | undefined, thread: string) => rs?.find((r) => r.thread === thread);

describe('verdicts: what the exploration concludes and how it knows', () => {
  it('each preset has its verdict kind, and the result agrees with it', () => {
    expect(Object.keys(KIND).sort()).toEqual(PRESETS.map((p) => p.name).sort());
    for (const p of PRESETS) {
      const r = analyse({ preset: p.name });
      expect(r.verdict.kind, p.name).toBe(KIND[p.name]);
      expect(r.found, p.name).toBe(KIND[p.name] === 'found');
      expect(p.expect, p.name).toBe(r.found ? 'corrupts' : 'safe');
      if (r.verdict.kind === 'bound') {
        // concluded at the start by counting: nothing explored, and nothing says it was
        expect(r.stoppedBy).toBe('bound');
        expect(r.exhausted).toBe(false);
        expect(r.statesExplored).toBe(0);
        expect(r.proof).toMatchObject({ at: 'start', statesExplored: 0, statesRuledOut: 1 });
        expect(r.verdict.sentence).toMatch(/^No schedule can corrupt the list with these settings, and the exploration visited no state to know it: its bound rules out the start\. /);
        expect(r.verdict.sentence).not.toMatch(/reachable|all \d+ .*states were explored/);
      } else expect(r.proof).toBeNull();
    }
  });

  it('x86-sequence: a wrap needs 65,536 pushes, T2 can make 2 and T1 none', () => {
    const r = analyse({ preset: 'x86-sequence' });
    expect(r.proof!.pushesNeeded).toBe(65_536);
    expect(reason(r.proof?.threads, 'T1')).toEqual({ thread: 'T1', reason: 'pushes', pushesNeeded: 65_536, pushers: [{ thread: 'T2', maxPushes: 2 }] });
    expect(reason(r.proof?.threads, 'T2')).toEqual({ thread: 'T2', reason: 'pushes', pushesNeeded: 65_536, pushers: [{ thread: 'T1', maxPushes: 0 }] });
    expect(r.verdict.sentence).toContain('A sequence wrap needs 65,536 (2^16) pushes by other threads inside one pop window. T1 cannot get them: T2 can push at most twice. T2 cannot get them: T1 never pushes.');
  });

  it('header8-preempted-fixup: the window holds 3R micro-steps, the fixup restarts an interrupted pop, stalls are off', () => {
    const r = analyse({ preset: 'header8-preempted-fixup' });
    expect(reason(r.proof?.threads, 'T1')).toEqual({ thread: 'T1', reason: 'window', pushesNeeded: 512, window: 12, inWindow: false });
    expect(reason(r.proof?.threads, 'T2')).toMatchObject({ reason: 'pushes', pushers: [{ thread: 'T1', maxPushes: 0 }] });
    expect(r.proof!.windows).toEqual({ speedBound: 4, restart: 'fixup', stalls: false });
    expect(r.verdict.sentence).toContain('T1 cannot get them: under the speed bound R = 4 the other CPUs make at most 12 micro-steps between its snapshot and its compare-and-swap');
    expect(r.verdict.sentence).toContain('(the KiCheckForSListAddress fixup)');
    expect(r.verdict.sentence).toContain('hypervisor stalls are off');
    // the reasons are the real ones: with stalls the same preset corrupts, and without the fixup too
    expect(analyse({ preset: 'header8-preempted-fixup', settings: { stalls: true } }).found).toBe(true);
    expect(analyse({ preset: 'header8-preempted-fixup', settings: { fixup: false } }).found).toBe(true);
  });

  it('freed-entry-fault and busy-workload: no pushes at all, and four windows too short', () => {
    const f = analyse({ preset: 'freed-entry-fault' });
    expect(f.proof!.threads.map((t) => t.reason)).toEqual(['pushes', 'pushes']);
    expect(f.verdict.sentence).toContain('T1 cannot get them: T2 never pushes. T2 cannot get them: T1 never pushes.');
    const b = analyse({ preset: 'busy-workload' });
    expect(b.proof!.threads.map((t) => [t.thread, t.reason])).toEqual([['T1', 'window'], ['T2', 'window'], ['T3', 'window'], ['T4', 'window']]);
    expect(b.verdict.sentence).toContain('T1, T2, T3 and T4 cannot get them: under the speed bound R = 4 the other CPUs make at most 12 micro-steps between a popper\'s snapshot and its compare-and-swap');
  });

  it('a bound after exploring says both numbers; an exploration without the bound agrees by exhausting the states', () => {
    const settings = { layout: 'teach', seqBits: 3 } as const;
    const r = analyse({ preset: 'header8-preempted-fixup', settings });
    expect(r.stoppedBy).toBe('bound');
    expect(r.proof!.at).toBe('frontier');
    expect(r.statesExplored).toBeGreaterThan(1000);
    expect(r.statesRuledOut).toBeGreaterThan(100);
    expect(r.proof).toMatchObject({ statesExplored: r.statesExplored, statesRuledOut: r.statesRuledOut, pushesNeeded: 8 });
    expect(r.proof!.reasons).toContain('window');
    expect(r.verdict.sentence).toContain(`The exploration visited ${r.statesExplored.toLocaleString('en')} states; from ${r.statesRuledOut.toLocaleString('en')} more its bound shows that no corruption can follow, so it did not visit them.`);
    const bfs = exploreShortest(modelOf({ preset: 'header8-preempted-fixup', settings }), { heuristic: false, maxDepth: 1100, maxStates: 100_000, timeMs: 60_000 });
    expect(bfs.stoppedBy).toBe('exhausted');
    expect(bfs.statesExplored).toBeGreaterThan(r.statesExplored);
  });

  it('exhausted only when no state was cut by the bound: the bound-free exploration of x86-sequence and freed-entry-fault', () => {
    for (const name of ['x86-sequence', 'freed-entry-fault']) {
      const p = getPreset(name)!;
      const r = exploreShortest(compile(p.settings, p.setup), { heuristic: false, maxDepth: p.bounds.maxDepth, maxStates: 100_000, timeMs: 60_000 });
      expect(r.stoppedBy, name).toBe('exhausted');
      expect(r.exhausted).toBe(true);
      expect(r.statesRuledOut).toBe(0);
      expect(r.proof).toBeNull();
      expect(r.verdict).toEqual({ kind: 'exhausted', sentence: `No schedule can corrupt the list with these settings: the exploration visited all ${r.statesExplored.toLocaleString('en')} states reachable from the start, and none is corrupt.` });
    }
  });

  it('limits are inconclusive and say how far the exploration got', () => {
    // (a time budget far off: on a loaded machine the preset's 2 s ran out before the 20,000 states)
    const s = analyse({ preset: 'busy-workload', settings: { layout: 'teach', seqBits: 3 }, maxStates: 20_000, timeMs: 120_000 });
    expect(s.stoppedBy).toBe('states');
    expect(s.verdict.kind).toBe('limit');
    expect(s.verdict.sentence).toMatch(/^Inconclusive: the exploration stopped at its limit of 20,000 states; no schedule of up to \d+ events corrupts the list, and longer schedules were not checked\.$/);
    const h = analyse({ preset: 'header16' });
    expect(h.stoppedBy).toBe('depth');
    expect(h.statesExplored).toBe(0);
    expect(h.verdict.sentence).toBe('Inconclusive beyond 1,100 events: the exploration\'s bound shows at the start that any corrupting schedule needs more than 1,100 events, the depth limit, so it visited none. ' +
      'A sequence wrap needs 281,474,976,710,656 (2^48) pushes by other threads inside one pop window. At 10,000,000 pushes/s that is 326 days of pushes inside one pop window.');
    let calls = 0;
    const c = exploreShortest(modelOf({ preset: 'busy-workload', settings: { layout: 'teach', seqBits: 3 } }), { onProgress: () => ++calls < 2 });
    expect(c.stoppedBy).toBe('cancelled');
    expect(c.verdict.sentence).toMatch(/^Exploration stopped after [\d,]+ states; /);
    expect(analyse({ preset: 'busy-workload', scheduler: 'random', randomEvents: 5000 }).verdict.sentence).toBe('Inconclusive: no corruption in 5,000 random events (seed 1); a random run says nothing about the schedules it did not try.');
  });

  it('the bound counts a program\'s pushes exactly, and a loop that pushes as unbounded', () => {
    const p = getPreset('header8-hypervisor-stall')!;
    const H = new Heuristic(compile(p.settings, p.setup), 100);
    expect(Array.from(H.maxPushes[0]!)).toEqual([0]);
    expect(Array.from(H.maxPushes[1]!)).toEqual([Infinity, Infinity, Infinity, Infinity, Infinity, Infinity, Infinity, Infinity]);
    const x = getPreset('x86-sequence')!;
    expect(Array.from(new Heuristic(compile(x.settings, x.setup), 100).maxPushes[1]!)).toEqual([2, 2, 2, 2, 1]);
  });
});
