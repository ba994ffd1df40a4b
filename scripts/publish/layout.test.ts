import { describe, expect, it } from 'vitest';
import { builtAt, parseBuilding, releaseId, releaseOf, serverLayout, shellLayout } from './layout.ts';

describe('the publish server layout', () => {
  it('names a release by its build time and commit, and reads the time back', () => {
    const id = releaseId(new Date('2027-01-04T09:08:07.654Z'), '0123456789abcdef0123');
    expect(id).toBe('20270104T090807-0123456789ab');
    expect(builtAt(id).toISOString()).toBe('2027-01-04T09:08:07.000Z');
    expect(() => builtAt('placeholder')).toThrow(/not a release id/);
  });

  it('finds the newest release of a commit', () => {
    const ids = ['20270104T090807-0123456789ab', '20270105T000000-0123456789ab', '20270106T000000-ba9876543210'];
    expect(releaseOf(ids, '0123456789abcdef')).toBe('20270105T000000-0123456789ab');
    expect(releaseOf(ids, 'ffffffffffff')).toBeUndefined();
  });

  it('reads run/building with and without the step\'s process group', () => {
    expect(parseBuilding('{"pid":123,"sha":"abc","group":456}\n')).toEqual({ pid: 123, sha: 'abc', group: 456 });
    expect(parseBuilding('{"pid":123,"sha":"abc"}')).toEqual({ pid: 123, sha: 'abc' });
    expect(parseBuilding('')).toBeUndefined();
    expect(parseBuilding('{"pid":12')).toBeUndefined(); // half-written
    expect(parseBuilding('123 abc 456')).toBeUndefined(); // an older hook's line: nothing to stop by it
    expect(parseBuilding('{"pid":"123","sha":"abc"}')).toBeUndefined();
  });

  it('gives the hook the same paths, relative to its folder', () => {
    const l = serverLayout('/srv/rz');
    expect(l.live).toBe('/srv/rz/live');
    const sh = shellLayout();
    expect(sh).toContain('L_live="${root}/live"\n');
    // every path of the layout, and nothing else
    const vars = Object.fromEntries(sh.trim().split('\n').map((line) => /^L_(\w+)="\$\{root\}(.*)"$/.exec(line)!.slice(1)));
    expect(Object.fromEntries(Object.entries(l).map(([k, v]) => [k, v.slice('/srv/rz'.length)]))).toEqual(vars);
  });
});
