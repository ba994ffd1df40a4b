import { describe, expect, it } from 'vitest';
import { didYouMean } from './did-you-mean.ts';

describe('didYouMean', () => {
  it('finds the nearest known word within a typo of it', () => {
    expect(didYouMean('tittle', ['title', 'date', 'tags'])).toBe('title');
    expect(didYouMean('Tag', ['title', 'date', 'tags'])).toBe('tags');
    expect(didYouMean('windgb', ['windbg', 'gdb', 'procmaps'])).toBe('windbg');
    expect(didYouMean('procmapps', ['windbg', 'gdb', 'procmaps'])).toBe('procmaps');
  });
  it('says nothing when no word is near', () => {
    expect(didYouMean('author', ['title', 'date', 'tags'])).toBeUndefined();
    expect(didYouMean('x', [])).toBeUndefined();
  });
});
