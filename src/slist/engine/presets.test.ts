import { describe, expect, it } from 'vitest';
import { analyse } from './analyse.ts';
import { getPreset, PRESETS } from './presets.ts';
import { replay } from './run.ts';

const explore = (preset: string, extra: Parameters<typeof analyse>[0] = {}) => analyse({ preset, ...extra });

describe('presets', () => {
  it('every preset has a name, a title and a paragraph', () => {
    expect(PRESETS.map((p) => p.name)).toEqual(expect.arrayContaining([
      'classic-aba', 'x86-sequence', 'header8-hypervisor-stall', 'header8-preempted-fixup', 'header8-preempted-no-fixup', 'header16', 'freed-entry-fault',
    ]));
    for (const p of PRESETS) expect(p.description.length).toBeGreaterThan(100);
  });

  it('classic-aba corrupts: the shortest schedule ends in a stale CAS that hands out B and loses D', () => {
    const r = explore('classic-aba');
    expect(r.found).toBe(true);
    expect(r.violation?.kind).toBe('aba');
    expect(r.pushesDuringWindow).toBe(2);
    expect(r.steps).toBe(10);
    expect(r.violation?.consequences.join(' ')).toMatch(/B is on the list but T2 owns it.*D .*lost/);
    // the same length as plain breadth-first exploration (the bound is admissible)
    expect(analyse({ preset: 'classic-aba', maxDepth: 12 }).steps).toBe(10);
  });

  it('x86-sequence does not corrupt: the classic schedule fails its CAS and retries', () => {
    const r = explore('x86-sequence');
    expect(r.found).toBe(false);
    expect(r.stoppedBy).toBe('bound'); // T2 pushes twice, a wrap needs 65,536 (verdict.test.ts)
    const demo = replay({ preset: 'x86-sequence', seed: 0, events: getPreset('x86-sequence')!.demo });
    expect(demo.violation).toBeNull();
    expect(demo.steps.map((s) => s.sentence).join('\n')).toContain('T1 CAS failed: sequence 2, expected 0; retrying');
    expect(demo.states.at(-1)!.list).toEqual(['D', 'C']);
  });

  it('header8-hypervisor-stall corrupts after at least 512 pushes during the stall', () => {
    const r = explore('header8-hypervisor-stall');
    expect(r.found).toBe(true);
    expect(r.violation?.kind).toBe('sequence-wrap');
    expect(r.pushesDuringWindow).toBeGreaterThanOrEqual(512);
    expect(r.schedule.some((e) => e.kind === 'stall')).toBe(true);
    expect(r.steps).toBe(1031);
  });

  it('header8-preempted-fixup does not corrupt; its demo restarts T1 at Resume', () => {
    const r = explore('header8-preempted-fixup');
    expect(r.found).toBe(false);
    const demo = replay({ preset: 'header8-preempted-fixup', seed: 0, events: getPreset('header8-preempted-fixup')!.demo });
    expect(demo.violation).toBeNull();
    expect(demo.steps[3]!.sentence).toMatch(/KiCheckForSListAddress sets it back to Resume/);
    // and the random runner with preemptions finds nothing either
    expect(analyse({ preset: 'header8-preempted-fixup', scheduler: 'random', randomEvents: 200_000, seed: 7 }).found).toBe(false);
  });

  it('header8-preempted-no-fixup corrupts', () => {
    const r = explore('header8-preempted-no-fixup');
    expect(r.found).toBe(true);
    expect(r.violation?.kind).toBe('sequence-wrap');
    expect(r.pushesDuringWindow).toBeGreaterThanOrEqual(512);
  });

  it('header16 finds no wrap within its bounds and reports how long a wrap takes', () => {
    const r = explore('header16');
    expect(r.found).toBe(false);
    expect(r.exhausted).toBe(false);
    expect(r.wrap.pushes).toBe(2 ** 48);
    expect(r.wrap.seconds).toBeCloseTo(2 ** 48 / 1e7);
    expect(r.wrap.human).toMatch(/326 days/);
    const demo = replay({ preset: 'header16', seed: 0, events: getPreset('header16')!.demo });
    expect(demo.violation).toBeNull();
    expect(demo.steps.at(-1)!.sentence).toMatch(/T1 CAS failed: sequence 512, expected 0/);
  });

  it('freed-entry-fault restarts the pop without a crash; with no fault restart it crashes', () => {
    const demo = replay({ preset: 'freed-entry-fault', seed: 0, events: getPreset('freed-entry-fault')!.demo });
    expect(demo.violation).toBeNull();
    expect(demo.states.at(-1)!.faults).toBe(1);
    expect(demo.steps[4]!.sentence).toMatch(/faults reading A->Next .* back to Resume/);
    expect(demo.states.at(-1)!.threads[0]!.hand).toEqual(['B']);
    expect(explore('freed-entry-fault').found).toBe(false);
    const crash = analyse({ preset: 'freed-entry-fault', settings: { faultRestart: false } });
    expect(crash.found).toBe(true);
    expect(crash.violation?.kind).toBe('crash');
  });
});
