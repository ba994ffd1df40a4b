import { describe, expect, it } from 'vitest';
import { compile, DEFAULT_SETTINGS, initialState, O_NOT_ENABLED, step } from './core.ts';
import { ROUTINES, inFixupRange } from './routines.ts';
import { getPreset } from './presets.ts';
import { runRandom, withRandomEvents } from './random.ts';
import { replay } from './run.ts';
import type { Setup } from './types.ts';

const two: Setup = { cpus: 2, list: ['A', 'B'], freed: ['C'], threads: [{ name: 'T1', cpu: 0, program: [{ op: 'pop' }] }, { name: 'T2', cpu: 1, program: [{ op: 'pop' }, { op: 'flush' }] }] };

describe('engine', () => {
  it('replays deterministically and states are independent snapshots', () => {
    const run = withRandomEvents({ preset: 'classic-aba', seed: 3, events: getPreset('classic-aba')!.demo }, { events: 50 });
    const a = replay(run);
    const b = replay(run);
    expect(JSON.stringify(a.states)).toBe(JSON.stringify(b.states));
    expect(a.states[0]!.list).toEqual(['A', 'B', 'C']);
    expect(a.states[0]).not.toBe(a.states[1]);
    expect(a.states[0]!.header.words).toEqual(['0x81a01000', '0x00000003']);
  });

  it('every thread PC is a label of the pop or push routine (or a single-step op)', () => {
    const r = replay({ preset: 'header8-preempted-fixup', seed: 0, events: getPreset('header8-preempted-fixup')!.demo.slice(0, 12) });
    const labels = new Set([...ROUTINES.pop.lines, ...ROUTINES.push.lines].map((l) => l.pc).filter(Boolean));
    for (const st of r.states) for (const th of st.threads) if (th.routine) expect(labels.has(th.pc)).toBe(true);
    expect(ROUTINES.pop.lines.map((l) => l.label)).toEqual(expect.arrayContaining(['Resume', 'Fault', 'End']));
  });

  it('the fixup range rules: x86 includes Resume, x64 excludes it; both include Fault and End', () => {
    expect(inFixupRange('Resume', 'x86')).toBe(true);
    expect(inFixupRange('Resume', 'x64')).toBe(false);
    for (const r of ['x86', 'x64'] as const) { expect(inFixupRange('Fault', r)).toBe(true); expect(inFixupRange('End', r)).toBe(true); expect(inFixupRange('Push', r)).toBe(false); }
  });

  it('the speed bound R stops a running thread from watching more than R foreign micro-steps', () => {
    const m = compile({ ...DEFAULT_SETTINGS, speedBound: 2 }, two);
    const s = initialState(m);
    expect(step(m, s, 0)).toBeGreaterThan(0); // T1 snapshot
    expect(step(m, s, 1)).toBeGreaterThan(0);
    expect(step(m, s, 1)).toBeGreaterThan(0);
    expect(step(m, s, 1)).toBe(O_NOT_ENABLED); // T1 must step first
    const r = replay({ settings: { speedBound: 2 }, setup: two, seed: 0, events: [{ kind: 'step', thread: 0 }, { kind: 'step', thread: 1 }, { kind: 'step', thread: 1 }, { kind: 'step', thread: 1 }] });
    expect(r.steps[3]!.applied).toBe(false);
    expect(r.steps[3]!.sentence).toMatch(/speed bound R = 2/);
    // a stalled CPU imposes no bound
    const st = replay({ settings: { speedBound: 2, stalls: true }, setup: two, seed: 0, events: [{ kind: 'step', thread: 0 }, { kind: 'stall', cpu: 0 }, { kind: 'op', thread: 1 }, { kind: 'op', thread: 1 }] });
    expect(st.steps.every((x) => x.applied)).toBe(true);
  });

  it('flush takes the whole chain and keeps the sequence (WRK); pop of an empty list returns null', () => {
    const r = replay({ setup: { ...two, sequence: 5 }, settings: { speedBound: 0 }, seed: 0, events: [{ kind: 'op', thread: 1 }, { kind: 'step', thread: 1 }, { kind: 'op', thread: 0 }] });
    const end = r.states.at(-1)!;
    expect(end.header).toMatchObject({ first: null, depth: 0, sequence: 5 });
    expect(end.threads[1]!.hand).toEqual(['A', 'B']);
    expect(r.steps[2]!.sentence).toMatch(/empty list: pop returns null/);
    expect(r.violation).toBeNull();
  });

  it('an interrupt with the fixup on sends a popper inside the window back to Resume; off, it keeps its PC', () => {
    const ev = [{ kind: 'step', thread: 0 }, { kind: 'step', thread: 0 }, { kind: 'interrupt', cpu: 0 }] as const;
    const on = replay({ setup: two, settings: { fixup: true }, seed: 0, events: ev });
    expect(on.states.at(-1)!.threads[0]!.pc).toBe('Resume');
    expect(on.states.at(-1)!.threads[0]!.snapshot).toBeNull();
    const off = replay({ setup: two, settings: { fixup: false }, seed: 0, events: ev });
    expect(off.states.at(-1)!.threads[0]!.pc).toBe('Fault');
  });

  it('the random runner is deterministic per seed and sustains long runs on the busy workload', () => {
    const m = compile(getPreset('busy-workload')!.settings, getPreset('busy-workload')!.setup);
    const a = runRandom(m, { seed: 9, events: 200_000 });
    const b = runRandom(m, { seed: 9, events: 200_000 });
    expect(a.found).toBe(false);
    expect(Array.from(a.schedule.slice(-100))).toEqual(Array.from(b.schedule.slice(-100)));
    expect(a.microSteps).toBeGreaterThan(150_000);
    expect(Array.from(runRandom(m, { seed: 10, events: 1000 }).schedule)).not.toEqual(Array.from(a.schedule.slice(0, 1000)));
  });
});
