import { describe, expect, it } from 'vitest';
import { historyAfter, historyLength, releasesToPrune, rollbackFrom } from './releases.ts';

describe('which releases are kept', () => {
  const ids = ['r1', 'r2', 'r3', 'r4', 'r5', '.tmp'];
  it('keeps the newest up to keep, live and previous always among them', () => {
    expect(releasesToPrune(ids, 3, 'r5', 'r4')).toEqual(['r2', 'r1']);
    expect(releasesToPrune(ids, 3, 'r2', 'r1')).toEqual(['r4', 'r3']);
    expect(releasesToPrune(ids, 1, 'r3', 'r1')).toEqual(['r5', 'r4', 'r2']);
  });

  it('remembers the last switches of live', () => {
    const long = Array.from({ length: historyLength }, (_, i) => `r${i}`);
    expect(historyAfter(long, 'new')).toHaveLength(historyLength);
    expect(historyAfter(long, 'new').at(-1)).toBe('new');
  });

  it('rolls back to the newest earlier release still kept, and forgets what came after it', () => {
    const kept = (id: string) => id !== 'r2';
    expect(rollbackFrom(['r1', 'r2', 'r3', 'r3'], 'r3', kept)).toEqual({ to: 'r1', history: ['r1'] });
    expect(rollbackFrom(['r1', 'r3', 'r4'], 'r4', () => true)).toEqual({ to: 'r3', history: ['r1', 'r3'] });
    expect(rollbackFrom(['r4'], 'r4', () => true)).toBeUndefined();
  });
});
