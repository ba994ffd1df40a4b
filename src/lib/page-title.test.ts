import { describe, expect, it } from 'vitest';
import { pageTitle, titleMax } from './page-title.ts';

describe('pageTitle', () => {
  it('is the title and the site when they fit', () => {
    expect(pageTitle('Linux process. The beginning.', 'Ring Zero')).toBe('Linux process. The beginning. · Ring Zero');
    expect(pageTitle(undefined, 'Ring Zero')).toBe('Ring Zero');
  });
  it('cuts a long title at a word, keeps the site, and never passes the limit', () => {
    const long = 'ExInterlockedPopEntrySList processing by the scheduler when a thread is preempted inside the fixup range';
    const t = pageTitle(long, 'Ring Zero');
    expect(t.length).toBeLessThanOrEqual(titleMax);
    expect(t).toBe('ExInterlockedPopEntrySList processing by the scheduler… · Ring Zero');
  });
  it('cuts inside a word only when the title has no space near the end', () => {
    const t = pageTitle('A'.repeat(100), 'Ring Zero');
    expect(t).toBe(`${'A'.repeat(57)}… · Ring Zero`);
    expect(t.length).toBe(titleMax);
  });
  it('counts characters, not UTF-16 units', () => {
    const t = pageTitle('日本語のカーネル'.repeat(12), 'Ring Zero');
    expect([...t].length).toBeLessThanOrEqual(titleMax);
    expect(t.endsWith('… · Ring Zero')).toBe(true);
  });
});
