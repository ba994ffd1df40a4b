import { describe, expect, it } from 'vitest';
import { afterPublishLines, coldBuildNote, humanKb, npmFailureKind, readPush, reloadNotes, stepFailure } from './messages.ts';

const zero = '0'.repeat(40);
const a = 'a'.repeat(40);
const b = 'b'.repeat(40);

describe('what the publish hook tells the author', () => {
  it('says whose fault a failed step is', () => {
    const f = { what: 'the build', rc: 1, kind: 'author' as const, command: 'pre-receive', log: '', freeKb: 5_000_000, dir: '/srv' };
    expect(stepFailure(f)).toBe('push rejected: fix the error above, commit, and push again.');
    expect(stepFailure({ ...f, command: 'republish' })).toMatch(/^not republished/);
    expect(stepFailure({ ...f, rc: 137 })).toBe('the build was stopped on the server (signal 9) — not a problem with your commit; push again.');
    expect(stepFailure({ ...f, log: 'Error: ENOSPC: no space left on device' })).toMatch(/^the server is out of disk space \(4 GB free in \/srv\)/);
    expect(stepFailure({ ...f, freeKb: 500 })).toMatch(/\(500 KB free in \/srv\)/);
    expect(stepFailure({ ...f, kind: 'server', what: 'npm install' })).toMatch(/^npm install failed on the server/);
    expect(humanKb(2048)).toBe('2 MB');
  });

  it('tells a lockfile npm refuses from a registry that is down', () => {
    expect(npmFailureKind('npm error code EUSAGE\nnpm ci can only install packages when your package.json and package-lock.json are in sync')).toBe('author');
    expect(npmFailureKind('npm error code ECONNREFUSED')).toBe('server');
  });

  it('reads a push: the branch is built, any other ref is kept and said, deleting the branch is refused', () => {
    const r = readPush([`${zero} ${a} refs/heads/main`, `${zero} ${b} refs/heads/feature`, `${zero} ${b} refs/tags/v1`, `${b} ${zero} refs/heads/old`], 'main', b);
    expect(r.update).toEqual({ old: zero, new: a });
    expect(r.say).toEqual([
      `not published: feature is kept in the repository, but only main is built; the site still shows main at ${b.slice(0, 12)}. To publish it: git push <remote> feature:main`,
      'not published: v1 is kept in the repository, but only main is built; the site still shows main at bbbbbbbbbbbb. To publish it: git push <remote> v1^{commit}:main',
      'deleted old (not published: only main is)',
    ]);
    expect(readPush([`${zero} ${b} refs/heads/x`], 'main', undefined).say[0]).toContain('the site still shows nothing yet');
    expect(readPush([`${a} ${zero} refs/heads/main`], 'main', a).refuse).toBe('refusing to delete main: the site is built from it.');
  });

  it('says when nginx must reload: new headers, or new redirects', () => {
    const same = { headers: 'add_header A "1" always;\n', redirects: '# c\nlocation = /a { return 301 /b; }\n' };
    expect(reloadNotes(same, { ...same })).toEqual([]);
    expect(reloadNotes(same, { ...same, redirects: '# other comment\nlocation = /a { return 301 /b; }\n' })).toEqual([]);
    expect(reloadNotes(same, { ...same, headers: 'add_header A "2" always;\n' })[0]).toMatch(/security headers \(CSP\) differ/);
    expect(reloadNotes(same, { ...same, redirects: undefined })[0]).toMatch(/redirects of old URLs \(aliases\) differ/);
    expect(reloadNotes({ headers: undefined, redirects: undefined }, same)).toHaveLength(1); // first publish: only the redirects
  });
});

describe('coldBuildNote', () => {
  it('says how long a cold build of the posts takes, rounded, and whether npm installs first', () => {
    expect(coldBuildNote(4, true)).toBe('no build cache on this server yet: this push builds the site from its 4 post files and runs every check, about 25 s on a 2-core machine, after npm installs the packages; later pushes of a post reuse it and take seconds.');
    expect(coldBuildNote(1004, false)).toMatch(/its 1004 post files .*about 95 s on a 2-core machine; later/);
    expect(coldBuildNote(3000, false)).toMatch(/about 4 minutes/);
    expect(coldBuildNote(1, false)).toMatch(/its 1 post file and/);
  });
});

describe('afterPublishLines', () => {
  it('says "nginx reloaded" for a reload that worked, hides its notice, and shows the output of one that failed', () => {
    expect(afterPublishLines('sudo nginx -s reload', true, 'nginx: [notice] signal process started')).toEqual(['nginx reloaded']);
    expect(afterPublishLines('systemctl reload caddy', true, '')).toEqual(['after publish: ran systemctl reload caddy']);
    expect(afterPublishLines('sudo nginx -s reload', false, 'nginx: [error] open() "/run/nginx.pid" failed\n')).toEqual([
      '  | nginx: [error] open() "/run/nginx.pid" failed',
      'warning: the after-publish command failed (the release is live all the same): sudo nginx -s reload',
    ]);
  });
});
