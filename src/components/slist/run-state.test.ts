// The simulator's run model: replay with the reader's "free" event, and the URL-hash codec.
import { describe, expect, it } from 'vitest';
import { PRESETS } from '../../lib/slist/presets.ts';
import { replay } from '../../lib/slist/run.ts';
import { decodeEvents, decodeHash, encodeEvents, encodeHash, play, presetRun, type UiEvent } from './run-state.ts';

describe('play', () => {
  it('replays every preset demo like the engine, and finds the corruption where the preset expects one', () => {
    for (const p of PRESETS) {
      const r = play(presetRun(p.name));
      const engine = replay({ preset: p.name, seed: 0, events: p.demo });
      expect(r.states).toEqual(engine.states);
      expect(r.violationStep).toBe(engine.violation?.step ?? -1);
      expect(r.violation?.pushes).toBe(engine.violation?.pushesDuringWindow);
      if (p.name === 'classic-aba') expect(r.violation?.kind).toBe('aba');
      if (p.name === 'header8-hypervisor-stall') expect(r.violation?.pushes).toBe(512);
      if (p.expect === 'safe') expect(r.violation).toBeNull();
    }
  });

  it('frees an entry a thread holds, and refuses one it does not hold', () => {
    const base = presetRun('freed-entry-fault');
    // T1 snapshots A, T2 pops A, T2 frees A (the reader's event), T1 tests, T1 reads A->Next: fault, restart
    const events: UiEvent[] = [{ kind: 'step', thread: 0 }, { kind: 'op', thread: 1 }, { kind: 'free', thread: 1, entry: 0 }, { kind: 'step', thread: 0 }, { kind: 'step', thread: 0 }];
    const r = play({ ...base, events });
    expect(r.steps[2]!.applied).toBe(true);
    expect(r.states[3]!.entries[0]!.owner).toBe('freed');
    expect(r.steps[4]!.sentence).toContain('faults reading A->Next');
    const refused = play({ ...base, events: [{ kind: 'free', thread: 0, entry: 0 }] });
    expect(refused.steps[0]!.applied).toBe(false);
    expect(refused.steps[0]!.sentence).toContain('does not hold A');
  });
});

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
    const mixed: UiEvent[] = [{ kind: 'free', thread: 1, entry: 5 }, { kind: 'stall', cpu: 0 }, { kind: 'op', thread: 1 }, { kind: 'op', thread: 1 }, { kind: 'resume', cpu: 3 }];
    expect(decodeEvents(encodeEvents(mixed))).toEqual(mixed);
  });

  it('rejects malformed hashes instead of throwing', () => {
    for (const h of ['', '#sim=', '#sim=nope.0-0-0-0-0..0', '#sim=classic-aba.9-0-0-0-0..0', '#sim=classic-aba.3-0-0-0-4.!!.0', '#other']) expect(decodeHash(h)).toBeNull();
  });
});
