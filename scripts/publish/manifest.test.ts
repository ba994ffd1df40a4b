import { describe, expect, it } from 'vitest';
import { builtAt, dueScheduled, nowFrom, publishManifest, readPublishManifest } from './manifest.ts';

describe('the publish manifest', () => {
  const m = publishManifest([{ file: 'content/posts/a.md', day: '2027-01-05' }, { file: 'content/posts/b.md', day: '2027-01-03T09:30:00Z' }]);

  it('holds each scheduled post with its instant by the site\'s day/time rule, and reads back what it wrote', () => {
    expect(m.scheduled.map((s) => s.at)).toEqual(['2027-01-05T00:00:00.000Z', '2027-01-03T09:30:00.000Z']);
    expect(readPublishManifest(JSON.stringify(m))).toEqual(m);
    expect(readPublishManifest(undefined)).toEqual({ version: 1, scheduled: [] });
    expect(() => readPublishManifest('{"version":2,"scheduled":[]}')).toThrow(/unknown version/);
  });

  it('says what is due for a release by when it was built and now, else what comes next', () => {
    const built = builtAt('20270101T120000-0123456789ab');
    expect(built.toISOString()).toBe('2027-01-01T12:00:00.000Z');
    expect(dueScheduled(m, built, new Date('2027-01-02T00:00:00Z'))).toEqual({ next: '2027-01-03T09:30:00Z' });
    expect(dueScheduled(m, built, new Date('2027-01-03T09:30:00Z'))).toEqual({ due: '2027-01-03T09:30:00Z', next: '2027-01-05' });
    expect(dueScheduled(m, built, new Date('2027-01-06T00:00:00Z'))).toEqual({ due: '2027-01-03T09:30:00Z' });
    // a release built after a post's time already holds it: nothing is due for it
    expect(dueScheduled(m, builtAt('20270104T000000-0123456789ab'), new Date('2027-01-04T12:00:00Z'))).toEqual({ next: '2027-01-05' });
  });

  it('reads RZ_NOW as a build does: a bare day is its start in UTC; a bad one is refused', () => {
    expect(nowFrom('2027-01-05').toISOString()).toBe('2027-01-05T00:00:00.000Z');
    expect(nowFrom('2027-01-05T10:00:00').toISOString()).toBe('2027-01-05T10:00:00.000Z');
    expect(() => nowFrom('2027-13-01')).toThrow(/RZ_NOW=2027-13-01 is not a date/);
    expect(nowFrom(undefined, new Date(0)).getTime()).toBe(0);
  });
});
