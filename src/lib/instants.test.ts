import { describe, expect, it } from 'vitest';
import { instantOf, isValidDateString } from './instants.ts';

describe('instantOf', () => {
  it('reads a bare day as its start in UTC, a time without a zone as UTC, a zoned time as itself', () => {
    expect(instantOf('2016-12-28').toISOString()).toBe('2016-12-28T00:00:00.000Z');
    expect(instantOf('2016-12-28T19:47').toISOString()).toBe('2016-12-28T19:47:00.000Z');
    expect(instantOf('2016-12-28 19:47:00').toISOString()).toBe('2016-12-28T19:47:00.000Z');
    expect(instantOf('2016-12-28T19:47:00-08:00').toISOString()).toBe('2016-12-29T03:47:00.000Z');
  });
});

describe('isValidDateString', () => {
  it('takes real days and times, and nothing else', () => {
    expect(isValidDateString('2016-12-28')).toBe(true);
    expect(isValidDateString('2016-12-28T09:00:00Z')).toBe(true);
    expect(isValidDateString('2016-02-30')).toBe(false);
    expect(isValidDateString('2016-13-45')).toBe(false);
    expect(isValidDateString('tomorrow')).toBe(false);
    expect(isValidDateString('2016-12-28T25:00')).toBe(false);
  });
});
