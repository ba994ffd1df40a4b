import { describe, expect, it } from 'vitest';
import { instantOf, isValidDateString, nowOf } from './instants.ts';

describe('instantOf', () => {
  it('reads a bare day as its start in UTC, a time without a zone as UTC, a zoned time as itself', () => {
    expect(instantOf('2016-12-28').toISOString()).toBe('2016-12-28T00:00:00.000Z');
    expect(instantOf('2016-12-28T19:47').toISOString()).toBe('2016-12-28T19:47:00.000Z');
    expect(instantOf('2016-12-28 19:47:00').toISOString()).toBe('2016-12-28T19:47:00.000Z');
    expect(instantOf('2016-12-28T19:47:00-08:00').toISOString()).toBe('2016-12-29T03:47:00.000Z');
  });
});

describe('nowOf', () => {
  it('is the clock unless RZ_NOW names a day or time, read by the same rule; a bad one is refused', () => {
    expect(nowOf('2027-01-05', new Date(0)).toISOString()).toBe('2027-01-05T00:00:00.000Z');
    expect(nowOf('2027-01-05T10:00:00', new Date(0)).toISOString()).toBe('2027-01-05T10:00:00.000Z');
    expect(nowOf('', new Date(5)).getTime()).toBe(5);
    expect(nowOf(undefined, new Date(0)).getTime()).toBe(0);
    expect(() => nowOf('2027-13-01', new Date(0))).toThrow(/RZ_NOW=2027-13-01: write the day to publish as of as YYYY-MM-DD/);
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
