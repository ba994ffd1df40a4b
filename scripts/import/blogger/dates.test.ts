import { describe, expect, it } from 'vitest';
import { daysBetween, isTimeZone, localDay } from './dates.ts';

describe('localDay', () => {
  it('reads a backup\'s time as written: the blog\'s own day', () => expect(localDay('2016-12-28T19:47:00.001-08:00', undefined)).toBe('2016-12-28'));
  it('moves Takeout\'s UTC time into the blog\'s time zone', () => {
    expect(localDay('2016-12-29T03:47:00.001Z', 'America/Los_Angeles')).toBe('2016-12-28');
    expect(localDay('2016-12-29T03:47:00.001Z', undefined)).toBe('2016-12-29');
    expect(localDay('2016-12-28T23:30:00Z', 'Asia/Tokyo')).toBe('2016-12-29');
  });
  it('knows time zones and counts days', () => {
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(daysBetween('2016-12-28', '2017-01-03')).toBe(6);
  });
});
