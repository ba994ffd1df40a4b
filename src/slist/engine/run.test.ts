// Replay with the reader's free event, tryEvent, the event codes, and the violation's words.
import { describe, expect, it } from 'vitest';
import { decodeEvent, encodeEvent } from './core.ts';
import { getPreset, PRESETS } from './presets.ts';
import { replay, tryEvent } from './run.ts';
import type { RunEvent } from './types.ts';

const fault = (events: RunEvent[]) => replay({ preset: 'freed-entry-fault', settings: { speedBound: 0 }, seed: 0, events });

describe('the free event', () => {
  it('frees an entry a thread holds: the entry is freed, on top of the free pool, and a stale pop then faults', () => {
    // T1 snapshots A, T2 pops A, T2 frees A, T1 tests, T1 reads A->Next: fault, restart
    const r = fault([{ kind: 'step', thread: 0 }, { kind: 'op', thread: 1 }, { kind: 'free', thread: 1, entry: 0 }, { kind: 'step', thread: 0 }, { kind: 'step', thread: 0 }]);
    expect(r.steps[2]).toMatchObject({ label: 'free A', applied: true, sentence: 'T2 frees A: its memory goes back to the allocator, and a pop that still reads A->Next will fault' });
    expect(r.states[3]!.entries[0]!.owner).toBe('freed');
    expect(r.states[3]!.threads[1]!.hand).toEqual([]);
    expect(r.states[3]!.freePool.at(-1)).toBe('A');
    expect(r.steps[4]!.sentence).toContain('faults reading A->Next');
    expect(r.violation).toBeNull();
  });

  it('refuses, saying why: not held, no such thread, the run stopped, the entry being pushed', () => {
    expect(fault([{ kind: 'free', thread: 0, entry: 0 }]).steps[0]).toMatchObject({ applied: false, sentence: 'free A: not possible, T1 does not hold A' });
    expect(fault([{ kind: 'free', thread: 9, entry: 1 }]).steps[0]!.sentence).toBe('free B: not possible, the thread does not hold B');
    const aba = getPreset('classic-aba')!;
    const done = replay({ preset: aba.name, seed: 0, events: aba.demo });
    const holder = done.states.at(-1)!.threads.findIndex((t) => t.hand.length > 0);
    const entry = done.states.at(-1)!.entries.findIndex((e) => e.name === done.states.at(-1)!.threads[holder]!.hand[0]);
    expect(tryEvent(done, done.steps.length, { kind: 'free', thread: holder, entry }).sentence).toMatch(/: not possible, the run stopped at a violation$/);
    // T2 pops A and starts pushing it back: it holds A, but A is the entry of its push
    const setup = { cpus: 1, list: ['A'], threads: [{ name: 'T1', cpu: 0, program: [{ op: 'pop' as const }, { op: 'push' as const }] }] };
    const pushing = replay({ setup, seed: 0, events: [{ kind: 'op', thread: 0 }, { kind: 'step', thread: 0 }, { kind: 'free', thread: 0, entry: 0 }] });
    expect(pushing.steps[2]!.sentence).toBe('free A: not possible, T1 is pushing A');
  });
});

describe('tryEvent', () => {
  it('says what an event does after step i exactly as replaying the first i events and it would', () => {
    const p = getPreset('classic-aba')!;
    const r = replay({ preset: p.name, seed: 0, events: p.demo });
    const tries: RunEvent[] = [{ kind: 'step', thread: 0 }, { kind: 'op', thread: 1 }, { kind: 'preempt', thread: 0 }, { kind: 'stall', cpu: 0 }, { kind: 'resume', cpu: 1 }, { kind: 'free', thread: 1, entry: 0 }];
    for (let i = 0; i <= p.demo.length; i++) {
      for (const e of tries) expect(tryEvent(r, i, e)).toEqual(replay({ preset: p.name, seed: 0, events: [...p.demo.slice(0, i), e] }).steps[i]);
    }
  });
});

describe('event codes', () => {
  it('round-trip every event, keep the codes shared URLs hold, and reject codes no event has', () => {
    const events: RunEvent[] = [{ kind: 'step', thread: 3 }, { kind: 'op', thread: 1 }, { kind: 'interrupt', cpu: 2 }, { kind: 'preempt', thread: 0 }, { kind: 'stall', cpu: 1 }, { kind: 'resume', cpu: 0 }, { kind: 'free', thread: 2, entry: 0 }, { kind: 'free', thread: 1, entry: 199 }];
    for (const e of events) expect(decodeEvent(encodeEvent(e))).toEqual(e);
    expect(events.map(encodeEvent)).toEqual([3, 33, 66, 96, 129, 160, 194, 51137]);
    for (const bad of [7 * 32, 15 * 32 + 1, 3 * 256 + 5 * 32, -1]) expect(() => decodeEvent(bad)).toThrow(/no event has the code/);
  });
});

describe('violations', () => {
  it('come with the engine\'s sentence, the micro-step that did it, and what follows', () => {
    for (const p of PRESETS.filter((x) => x.expect !== 'safe')) {
      const v = replay({ preset: p.name, seed: 0, events: p.demo }).violation;
      if (!v) continue;
      expect(v.cause, p.name).toMatch(/CAS succeeded on a stale snapshot after \d+ pushes|no fault restart/);
    }
    const aba = getPreset('classic-aba')!;
    const v = replay({ preset: aba.name, seed: 0, events: aba.demo }).violation!;
    expect(v.sentence).toBe("ABA: T1's compare-and-swap found the header pointing to A again after 2 pushes and succeeded, but A->Next had changed: it installed a stale Next.");
    expect(v.cause).toBe('T1 CAS succeeded on a stale snapshot after 2 pushes: A->Next is now D, not B, yet the head becomes B');
    expect(v.consequences).toEqual(['B is on the list but T2 owns it: it can be handed out twice.', 'D belongs to the list but cannot be reached from the header: it is lost.']);
    const stall = getPreset('header8-hypervisor-stall')!;
    expect(replay({ preset: stall.name, seed: 0, events: stall.demo }).violation!.sentence)
      .toBe("Sequence wrap: after 512 pushes the 9-bit sequence matched T1's snapshot again, so its stale compare-and-swap on A succeeded and installed a stale A->Next.");
  });
});
