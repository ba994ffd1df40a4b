import { describe, expect, it } from 'vitest';
import { readSettings } from './settings.ts';

describe('readSettings', () => {
  it('defaults to content/posts and the current time', () => {
    const s = readSettings({});
    expect(s.contentDir).toBe('content/posts');
    // the moment this process first read its settings (one now per build), so never later than now
    expect(s.now.getTime()).toBeLessThanOrEqual(Date.now());
    expect(s.now.getTime()).toBeGreaterThanOrEqual(Math.floor(performance.timeOrigin));
  });
  it('reads RZ_CONTENT_DIR and RZ_NOW (a day is its start, in UTC)', () => {
    const s = readSettings({ RZ_CONTENT_DIR: '/tmp/posts', RZ_NOW: '2027-01-05' });
    expect(s.contentDir).toBe('/tmp/posts');
    expect(s.now.toISOString()).toBe('2027-01-05T00:00:00.000Z');
    expect(readSettings({ RZ_NOW: '2027-01-05T09:30:00Z' }).now.toISOString()).toBe('2027-01-05T09:30:00.000Z');
    expect(readSettings({ RZ_NOW: '2027-01-05T09:30:00' }).now.toISOString()).toBe('2027-01-05T09:30:00.000Z'); // no zone: UTC
    expect(readSettings({}).now).toBe(readSettings({}).now); // one now for a whole build
  });
  it('names the variable and the fix when RZ_NOW is not a day', () => {
    expect(() => readSettings({ RZ_NOW: 'tomorrow' })).toThrow(/^RZ_NOW=tomorrow: write the day to publish as of as YYYY-MM-DD/);
  });
  it('reads the base path and the site URL', () => {
    const s = readSettings({ RZ_BASE: '/blog', RZ_SITE_URL: 'https://ringzero.example/' });
    expect(s).toMatchObject({ base: '/blog/', siteUrl: 'https://ringzero.example' });
    expect(readSettings({})).toMatchObject({ base: '/', siteUrl: undefined });
  });
  it('rejects a base without a leading slash and a site URL with a path, saying what to write', () => {
    expect(() => readSettings({ RZ_BASE: 'blog/' })).toThrow(/^RZ_BASE=blog\/: write the sub-path the site is served under, starting with \//);
    expect(() => readSettings({ RZ_SITE_URL: 'https://x.example/blog/' })).toThrow(/a sub-path goes in RZ_BASE/);
    expect(() => readSettings({ RZ_SITE_URL: 'ringzero.example' })).toThrow(/^RZ_SITE_URL=ringzero\.example: write the site's origin/);
  });
});
