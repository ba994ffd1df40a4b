import { describe, expect, it } from 'vitest';
import { builtAt } from './layout.ts';
import { dueScheduled, nginxFileEntry, publishManifest, readPublishManifest } from './manifest.ts';

describe('the publish manifest', () => {
  const m = publishManifest([{ file: 'content/posts/a.md', day: '2027-01-05' }, { file: 'content/posts/b.md', day: '2027-01-03T09:30:00Z' }]);

  it('holds each scheduled post with its instant by the site\'s day/time rule, and reads back what it wrote', () => {
    expect(m.scheduled.map((s) => s.at)).toEqual(['2027-01-05T00:00:00.000Z', '2027-01-03T09:30:00.000Z']);
    expect(readPublishManifest(JSON.stringify(m))).toEqual(m);
    expect(readPublishManifest(undefined)).toEqual({ version: 1, scheduled: [], nginx: [] });
    expect(() => readPublishManifest('{"version":2,"scheduled":[]}')).toThrow(/unknown version/);
  });

  it('lists the nginx files by kind with the SHA-256 of their text, and reads only entries of a known kind and name', () => {
    const entry = nginxFileEntry('redirects', 'location = /a/ { return 301 /b/; }\n');
    expect(entry).toEqual({ kind: 'redirects', file: 'redirects.conf', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(nginxFileEntry('redirects', 'location = /a/ { return 301 /c/; }\n').sha256).not.toBe(entry.sha256);
    const m2 = publishManifest([], [entry, nginxFileEntry('headers', 'add_header X-A "b" always;\n')]);
    expect(readPublishManifest(JSON.stringify(m2))).toEqual(m2);
    const odd = { ...m2, nginx: [...m2.nginx, { kind: 'includes', file: 'x.conf', sha256: 'a' }, { kind: 'headers', file: '../x.conf', sha256: 'a' }] };
    expect(readPublishManifest(JSON.stringify(odd)).nginx).toEqual(m2.nginx);
    // a release built before the files were listed
    expect(readPublishManifest('{"version":1,"scheduled":[]}')).toEqual({ version: 1, scheduled: [], nginx: [] });
    // what a server's runtime from before the nginx files read: version 1 and the scheduled posts, the rest ignored
    expect(JSON.parse(JSON.stringify(m2))).toMatchObject({ version: 1, scheduled: [] });
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

  it('reads the list of days a release built before manifests kept', () => {
    expect(readPublishManifest('2027-01-05\n2027-01-03T09:30:00Z\n').scheduled.map((s) => s.at)).toEqual(['2027-01-05T00:00:00.000Z', '2027-01-03T09:30:00.000Z']);
  });
});
