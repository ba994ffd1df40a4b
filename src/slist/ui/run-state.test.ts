// The simulator's run and its URL-hash codec.
import { describe, expect, it } from 'vitest';
import { PRESETS } from '../engine/presets.ts';
import { replay } from '../engine/run.ts';
import type { RunEvent } from '../engine/types.ts';
import { decodeEvents, decodeHash, encodeEvents, encodeHash, presetRun } from './run-state.ts';

describe('URL hash', () => {
  it('round-trips preset, settings, events and position, compactly', () => {
    for (const p of PRESETS) {
      const run = presetRun(p.name);
      const h = encodeHash(run, 3);
      expect(h.length).toBeLessThan(120);
      const back = decodeHash(h)!;
      expect(back.run).toEqual({ ...run, events: [...run.events] });
      expect(back.at).toBe(Math.min(3, run.events.length));
    }
    const mixed: RunEvent[] = [{ kind: 'free', thread: 1, entry: 5 }, { kind: 'stall', cpu: 0 }, { kind: 'op', thread: 1 }, { kind: 'op', thread: 1 }, { kind: 'resume', cpu: 3 }];
    expect(decodeEvents(encodeEvents(mixed))).toEqual(mixed);
  });

  it('restores URLs shared before the free event moved into the engine, to the same run', () => {
    // written by the simulator before that change: freed-entry-fault, R = 0, T2 frees A at step 4
    const shared = decodeHash('#sim=freed-entry-fault.1-9-1-1-0.BABhBBABhGBA.5')!;
    expect(shared.at).toBe(5);
    expect(shared.run.settings.speedBound).toBe(0);
    expect(shared.run.events).toEqual([{ kind: 'step', thread: 0 }, { kind: 'op', thread: 1 }, { kind: 'step', thread: 0 }, { kind: 'free', thread: 1, entry: 0 }, { kind: 'step', thread: 0 }]);
    const r = replay({ ...shared.run, seed: 0 });
    expect(r.steps.map((s) => s.label)).toEqual(['step T1', 'op T2', 'step T1', 'free A', 'step T1']);
    expect(r.steps[4]!.sentence).toBe('T1 faults reading A->Next (A was freed); the fault handler sets the PC back to Resume');
    const stall = decodeHash('#sim=header8-hypervisor-stall.1-9-1-1-4.DABgEhgBhBBgFBA.7')!;
    expect(stall.run.events).toEqual(presetRun('header8-hypervisor-stall').events);
    expect(stall.run.events).toHaveLength(1031);
  });

  it('rejects malformed hashes instead of throwing', () => {
    for (const h of ['', '#sim=', '#sim=nope.0-0-0-0-0..0', '#sim=classic-aba.9-0-0-0-0..0', '#sim=classic-aba.3-0-0-0-4.!!.0', '#other']) expect(decodeHash(h)).toBeNull();
    // a code no event has (kind 7)
    expect(decodeHash('#sim=classic-aba.3-0-0-0-4.BgH.0')).toBeNull();
  });
});
