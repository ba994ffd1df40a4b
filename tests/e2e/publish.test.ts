// Publishing with git push, for real: `npm run publish -- init` on a temporary server directory,
// an author who pushes to its site.git, the receive hook's builds, and Debian's nginx serving
// `live` with deploy/nginx.conf on 127.0.0.1. The tests run in order: each starts from the
// site the previous one left.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root } from './support/build.ts';
import { ensureNginx, startNginx, type Nginx } from './support/nginx.ts';
import {
  addPost, authorRepo, cloneAuthor, git, liveTarget, makeServerDir, publishCli, push, startPush,
} from './support/publish.ts';

const post = (title: string, date = '2026-11-20') => `title: "${title}"\ndate: ${date}\ntags: [publishing]`;
const nginxCheck = ensureNginx();

describe('publishing with git push', () => {
  let server = '';
  let author = '';
  let web: Nginx | undefined;
  const dirs: string[] = [];

  /** Fetches a path from nginx (or, without nginx, reads it from live). */
  async function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string; headers: Headers }> {
    if (!web) throw new Error('nginx is not running');
    const res = await fetch(`${web.url}${path}`, { headers, redirect: 'manual' });
    return { status: res.status, body: await res.text(), headers: res.headers };
  }

  beforeAll(async () => {
    if ('skip' in nginxCheck) console.warn(`publish tests: ${nginxCheck.skip}; the nginx part is skipped`);
    server = makeServerDir();
    dirs.push(server);
    // The site's checks run on every push; astro check (types, ~20 s) is left to `npm test` to keep this file fast.
    const checks = process.env.RZ_PUBLISH_E2E_NO_CHECKS ? ['--no-checks'] : ['--check-args=--dist dist --no-astro-check'];
    const init = publishCli('init', server, '--keep', '3', '--lock-timeout', '120', ...checks);
    expect(init.code, init.output).toBe(0);
    author = authorRepo(join(server, 'site.git'));
    dirs.push(author);
    // The receive hook installs npm packages once per lockfile; give it this checkout's instead of the network.
    const seed = publishCli('seed-cache', server, '--from', root, '--lockfile', join(author, 'package-lock.json'));
    expect(seed.code, seed.output).toBe(0);
    if ('bin' in nginxCheck) web = await startNginx(nginxCheck.bin, server, mkdtempSync(join(tmpdir(), 'rz-nginx-')));
  });

  afterAll(async () => {
    await web?.stop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('serves a placeholder before the first push, then the site after it, with caching, 404 and gzip', async () => {
    if (web) {
      const before = await get('/');
      expect(before.status).toBe(200);
      expect(before.body).toContain('Nothing published yet');
    }
    const first = await push(author);
    expect(first.code, first.output).toBe(0);
    expect(first.output).toMatch(/publish: published [0-9a-f]{12}/);
    expect(liveTarget(server)).toMatch(/^releases\/\d{8}T\d{6}-[0-9a-f]{12}$/);
    if (!web) return;

    const home = await get('/', { 'accept-encoding': 'gzip' });
    expect(home.status).toBe(200);
    expect(home.body).toContain('Linux process. The beginning.');
    expect(home.headers.get('content-type')).toMatch(/^text\/html/);
    expect(home.headers.get('cache-control')).toBe('no-cache');
    expect(home.headers.get('content-encoding')).toBe('gzip');
    expect(home.headers.get('etag') ?? home.headers.get('last-modified')).toBeTruthy();
    expect(home.headers.get('x-content-type-options')).toBe('nosniff'); // deploy/security-headers.conf is included

    const asset = /(?:href|src)="(\/_astro\/[^"]+\.(?:css|js))"/.exec(home.body)?.[1];
    expect(asset, 'the home page links a hashed asset').toBeTruthy();
    const a = await get(asset!, { 'accept-encoding': 'gzip' });
    expect(a.status).toBe(200);
    expect(a.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(a.headers.get('content-encoding')).toBe('gzip');

    const missing = await get('/posts/no-such-post/');
    expect(missing.status).toBe(404);
    expect(missing.body).toBe(readFileSync(join(server, 'live/404.html'), 'utf8'));

    const noSlash = await get('/archive');
    expect(noSlash.status).toBe(301);
    expect(noSlash.headers.get('location')).toBe('/archive/');

    for (const hidden of ['/_headers', '/security-headers.conf', '/.git/HEAD']) expect((await get(hidden)).status, hidden).toBe(404);

    const feed = await get('/rss.xml');
    expect(feed.status).toBe(200);
    expect(feed.headers.get('cache-control')).toBe('no-cache');
  });

  it('a pushed new post is built, checked and served', async () => {
    const before = liveTarget(server);
    addPost(author, 'published-by-push', post('Published by push'), 'zzqx-push-marker: this post came in with git push.');
    const r = await push(author);
    expect(r.code, r.output).toBe(0);
    // the site's own checks ran on the pushed build (once the site has them)
    if (existsSync(join(author, 'scripts/check.ts')) && !process.env.RZ_PUBLISH_E2E_NO_CHECKS) {
      expect(r.output).toContain('npm run check -- --dist dist --no-astro-check');
    } else {
      expect(r.output).toContain('checks skipped');
    }
    expect(liveTarget(server)).not.toBe(before);
    const html = readFileSync(join(server, 'live/posts/published-by-push/index.html'), 'utf8');
    expect(html).toContain('zzqx-push-marker');
    if (web) {
      const page = await get('/posts/published-by-push/');
      expect(page.status).toBe(200);
      expect(page.body).toContain('zzqx-push-marker');
      // a page loaded just before the switch may ask for an asset only the previous release has
      writeFileSync(join(server, 'previous/_astro/only-in-previous.js'), 'void 0;\n');
      const old = await get('/_astro/only-in-previous.js');
      expect(old.status).toBe(200);
      expect(old.headers.get('cache-control')).toContain('immutable');
      expect((await get('/_astro/in-no-release.js')).status).toBe(404);
    }
  });

  it('a post with invalid frontmatter is rejected with the build error; the served site is unchanged', async () => {
    const before = liveTarget(server);
    const headBefore = git(join(server, 'site.git'), 'rev-parse', 'main');
    addPost(author, 'broken-date', post('Broken date', '2016-13-45'), 'never served');
    const r = await push(author);
    expect(r.code).not.toBe(0);
    expect(r.output).toContain('pre-receive hook declined');
    expect(r.output).toContain('content/posts/broken-date.md:3: error in date: date is not a date: "2016-13-45".');
    expect(r.output).toContain('fix: write date as YYYY-MM-DD');
    expect(r.output).toContain('the live site is unchanged');
    expect(liveTarget(server)).toBe(before);
    expect(git(join(server, 'site.git'), 'rev-parse', 'main')).toBe(headBefore);
    if (web) {
      expect((await get('/posts/broken-date/')).status).toBe(404);
      expect((await get('/posts/published-by-push/')).status).toBe(200);
    }
    git(author, 'reset', '-q', '--hard', 'HEAD~1');
  });

  it('a push killed midway leaves the served site unchanged, and the next push works', async () => {
    const before = liveTarget(server);
    addPost(author, 'survives-a-kill', post('Survives a kill'), 'zzqx-kill-marker');
    const p = startPush(author);
    // wait until the hook is inside `npm run build`, then kill the push and everything it started
    for (let i = 0; i < 600 && !p.output().includes('npm run build'); i++) await new Promise((r) => setTimeout(r, 50));
    expect(p.output()).toContain('npm run build');
    await new Promise((r) => setTimeout(r, 1500));
    expect(p.output()).not.toContain('built ');
    p.kill('SIGKILL');
    const killed = await p.done;
    expect(killed.code).not.toBe(0);
    expect(liveTarget(server)).toBe(before);
    expect(existsSync(join(server, 'live/posts/survives-a-kill'))).toBe(false);
    if (web) expect((await get('/posts/survives-a-kill/')).status).toBe(404);

    const again = await push(author);
    expect(again.code, again.output).toBe(0);
    expect(liveTarget(server)).not.toBe(before);
    expect(readdirSync(join(server, 'tmp'))).toEqual([]); // the killed build's work tree was cleared
    expect(readdirSync(join(server, 'releases')).filter((n) => n.startsWith('.'))).toEqual([]);
    if (web) {
      const page = await get('/posts/survives-a-kill/');
      expect(page.status).toBe(200);
      expect(page.body).toContain('zzqx-kill-marker');
    }
  });

  it('two pushes at once: one waits for the other, and the site ends consistent with the branch', async () => {
    const other = cloneAuthor(join(server, 'site.git'));
    dirs.push(other);
    addPost(author, 'race-alpha', post('Race alpha'), 'zzqx-alpha');
    addPost(other, 'race-beta', post('Race beta'), 'zzqx-beta');
    const [ra, rb] = await Promise.all([push(author), push(other)]);
    const winners = [ra, rb].filter((r) => r.code === 0);
    expect(winners.length, `${ra.output}\n----\n${rb.output}`).toBe(1);
    const loser = ra.code === 0 ? rb : ra;
    const loserRepo = ra.code === 0 ? other : author;
    expect(loser.output).toMatch(/waiting for it|moved to [0-9a-f]{12} while this push waited|fetch first|rejected/);

    const check = async (present: string[], absent: string[]) => {
      const head = git(join(server, 'site.git'), 'rev-parse', 'main');
      expect(liveTarget(server)).toContain(`-${head.slice(0, 12)}`); // live is the build of what main names
      for (const slug of present) expect(existsSync(join(server, `live/posts/${slug}/index.html`)), slug).toBe(true);
      for (const slug of absent) expect(existsSync(join(server, `live/posts/${slug}`)), slug).toBe(false);
      if (web) {
        for (const slug of present) expect((await get(`/posts/${slug}/`)).status, slug).toBe(200);
        for (const slug of absent) expect((await get(`/posts/${slug}/`)).status, slug).toBe(404);
      }
    };
    const [won, lost] = ra.code === 0 ? ['race-alpha', 'race-beta'] : ['race-beta', 'race-alpha'];
    await check([won], [lost]);

    // the loser does what the message says
    git(loserRepo, 'pull', '-q', '--rebase', 'live', 'main');
    const retry = await push(loserRepo);
    expect(retry.code, retry.output).toBe(0);
    await check(['race-alpha', 'race-beta'], []);
    if (loserRepo === other) git(author, 'pull', '-q', '--rebase', 'live', 'main');
  });

  it('rollback serves the previous release; old releases beyond --keep are pruned', async () => {
    const current = liveTarget(server);
    const r = publishCli('rollback', server);
    expect(r.code, r.output).toBe(0);
    expect(r.output).toContain('rolled back');
    const now = liveTarget(server);
    expect(now).not.toBe(current);
    expect(now < current).toBe(true);
    // the release before has one of the two race posts only
    const has = (slug: string) => existsSync(join(server, `live/posts/${slug}/index.html`));
    expect(has('race-alpha') !== has('race-beta')).toBe(true);
    if (web) {
      const gone = has('race-alpha') ? 'race-beta' : 'race-alpha';
      expect((await get(`/posts/${gone}/`)).status).toBe(404);
      expect((await get('/posts/survives-a-kill/')).status).toBe(200);
    }
    const status = publishCli('status', server);
    expect(status.output).toContain(`${now.replace('releases/', '')}   <- live`);
    // --keep 3: five pushes published, three releases remain
    expect(readdirSync(join(server, 'releases')).filter((n) => !n.startsWith('.')).length).toBe(3);
  });
});
