// The publish CLI and its receive hook, fast: real git pushes to a real `init`ed server directory,
// but the pushed "site" is a tiny project whose build is one node script (no Astro), so locks,
// kills, pruning, rollback and the package cache can be exercised in seconds.
// The real site, a real nginx and the real build are in tests/e2e/publish.test.ts.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, readlinkSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBuilding } from './layout.ts';
import { hookScript, nginxTemplate, parseConf, projectRoot, renderConf, renderNginx, shellQuote, type Settings } from './lib.ts';
import { cleanEnv } from '../astro-build.ts';
import { git, publishCli, publishCliWith, startPushRefs } from '../harness/publish-server.ts';
import { tempDir } from '../harness/temp.ts';

const temp = tempDir;
const run = (cmd: string, args: string[], cwd?: string) => {
  const r = spawnSync(cmd, args, { cwd, env: cleanEnv(), encoding: 'utf8' });
  return { code: r.status ?? 1, output: `${r.stdout}${r.stderr}` };
};
const publish = publishCli;
const publishOn = (day: string, ...args: string[]) => publishCliWith({ RZ_NOW: day }, ...args);
const pushAsync = (cwd: string, ref = 'main') => startPushRefs(cwd, ref);
const push = (cwd: string, ref = 'main') => pushAsync(cwd, ref).done;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
// (90 s: five concurrent tests' pushes beside astro check have kept a build from starting for over 30 s)
async function waitFor(what: string, cond: () => boolean, ms = 90_000): Promise<void> {
  for (const end = Date.now() + ms; !cond(); await sleep(50)) if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
}
/** pid runs (a zombie does not count: nobody may reap an orphan in a container) */
const alive = (pid: number) => { try { return !/^\d+ \(.*\) Z/s.test(readFileSync(`/proc/${pid}/stat`, 'utf8')); } catch { return false; } };
/** No push holds the build lock: pre-receive and its finisher are done, the outcome is final. */
const settled = (server: string) => spawnSync('flock', ['-n', join(server, 'run/build.lock'), 'true']).status === 0;
const building = (server: string) => readdirSync(join(server, 'tmp')).some((d) => existsSync(join(server, 'tmp', d, 'src/dist/partial.html')));
const branch = (server: string) => git(join(server, 'site.git'), 'rev-parse', 'main');
const hookPid = (server: string) => { try { return parseBuilding(readFileSync(join(server, 'run/building'), 'utf8'))?.pid ?? 0; } catch { return 0; } };

// The fake site: its build script writes page.txt to dist/index.html (after delay.txt ms), the
// number of builds its .cache/ has seen to dist/count.txt and its folder to dist/cwd.txt.
// page.txt starting with FAIL fails the build, KILL kills it (SIGKILL), ENOSPC fails it as a full
// disk does, BIG writes 4 MB; with stubborn.txt it ignores SIGTERM; with PIDFILE set (init --env)
// it writes its pid there; with gate.txt it waits, once dist/partial.html is written, until the
// file gate.txt names exists (a test acts mid-build, then lets it finish). scheduled.txt names
// the day of a post that waits for it (RZ_NOW or now, read by the site's own rule), which the
// build's publish manifest lists (the shipped manifest code), then adds "+later". Its check
// script fails on BADCHECK, and adds a line to dist/redirects.conf on TAMPER. redirects.txt
// becomes dist/redirects.conf (posts' old URLs), listed in the manifest.
const fakeFiles: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'fake-site', private: true, scripts: { build: 'node build.mjs', check: 'node scripts/check.ts' } }),
  'package-lock.json': JSON.stringify({ name: 'fake-site', lockfileVersion: 3, requires: true, packages: { '': { name: 'fake-site' } } }),
  'build.mjs': `import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { nginxFileEntry, publishManifest } from ${JSON.stringify(join(projectRoot, 'scripts/publish/manifest.ts'))};
import { instantOf, nowOf } from ${JSON.stringify(join(projectRoot, 'src/lib/instants.ts'))};
import { isScheduled } from ${JSON.stringify(join(projectRoot, 'src/lib/posts.ts'))};
if (process.env.PIDFILE) writeFileSync(process.env.PIDFILE, String(process.pid));
if (existsSync('stubborn.txt')) process.on('SIGTERM', () => console.log('ignoring SIGTERM'));
mkdirSync('.cache', { recursive: true });
appendFileSync('.cache/count', 'x');
const page = readFileSync('page.txt', 'utf8');
if (page.startsWith('FAIL')) { console.error('content/posts/bad.md:3: error in date: date is not a date: "2016-13-45".'); process.exit(1); }
if (page.startsWith('KILL')) process.kill(process.pid, 'SIGKILL');
if (page.startsWith('ENOSPC')) { console.error('Error: ENOSPC: no space left on device, write'); process.exit(1); }
mkdirSync('dist', { recursive: true });
writeFileSync('dist/partial.html', 'half-written');
if (page.startsWith('BIG')) writeFileSync('dist/big.bin', Buffer.alloc(4 << 20, 1));
await new Promise((r) => setTimeout(r, Number(readFileSync('delay.txt', 'utf8'))));
if (existsSync('gate.txt')) while (!existsSync(readFileSync('gate.txt', 'utf8'))) await new Promise((r) => setTimeout(r, 20));
const day = existsSync('scheduled.txt') ? readFileSync('scheduled.txt', 'utf8').trim() : '';
// a post dated \`day\`, held back by the site's rule (isScheduled, as the real build's checks) and told in its manifest
const held = !!day && isScheduled({ date: instantOf(day) }, nowOf(process.env.RZ_NOW, new Date()));
const redirects = existsSync('redirects.txt') ? readFileSync('redirects.txt', 'utf8') : undefined;
if (process.env.RZ_PUBLISH_MANIFEST) writeFileSync(process.env.RZ_PUBLISH_MANIFEST, JSON.stringify(publishManifest(held ? [{ file: 'content/posts/later.md', day }] : [], redirects === undefined ? [] : [nginxFileEntry('redirects', redirects)])));
writeFileSync('dist/index.html', day && !held ? page + '+later' : page);
writeFileSync('dist/count.txt', String(readFileSync('.cache/count', 'utf8').length));
writeFileSync('dist/cwd.txt', process.cwd());
if (redirects !== undefined) writeFileSync('dist/redirects.conf', redirects);
`,
  'scripts/check.ts': `import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
console.log('check args:', process.argv.slice(2).join(' '));
const bad = readFileSync('dist/index.html', 'utf8').includes('BADCHECK');
if (readFileSync('dist/index.html', 'utf8').includes('TAMPER')) appendFileSync('dist/redirects.conf', 'location = /x/ { return 301 /y/; }\\n');
// each gate's headline where the hook asks for it, as the site's scripts/check.ts writes it
if (process.env.RZ_CHECK_SUMMARY) writeFileSync(process.env.RZ_CHECK_SUMMARY, bad ? '✗ internal links: 1 problem(s)\\n' : '✓ internal links\\n');
if (bad) { console.log('✗ internal links: 1 problem(s)\\n    /nope/ does not exist'); process.exit(1); }
`,
  'delay.txt': '0',
  'page.txt': 'v1',
};

function setup(initArgs: string[] = [], server = join(temp('rz-pub-'), 'srv')): { server: string; author: string } {
  const r = publish('init', server, ...initArgs);
  expect(r.code, r.output).toBe(0);
  const author = temp('rz-pub-author-');
  for (const [name, text] of Object.entries(fakeFiles)) {
    mkdirSync(join(author, name, '..'), { recursive: true });
    writeFileSync(join(author, name), text);
  }
  git(author, 'init', '-q', '-b', 'main');
  git(author, 'remote', 'add', 'live', join(server, 'site.git'));
  commit(author, {});
  return { server, author };
}
function commit(repo: string, files: Record<string, string | null>): void {
  for (const [name, text] of Object.entries(files)) {
    if (text === null) rmSync(join(repo, name), { force: true });
    else writeFileSync(join(repo, name), text);
  }
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '--allow-empty', '-m', JSON.stringify(files));
}
const live = (server: string) => readFileSync(join(server, 'live/index.html'), 'utf8');
const target = (server: string) => readlinkSync(join(server, 'live'));
/** A first push the server refuses: it says each of `says`, and the placeholder is still what is served. */
async function refusedFirstPush(server: string, author: string, ...says: string[]): Promise<void> {
  const r = await push(author);
  expect(r.code, r.output).not.toBe(0);
  for (const text of says) expect(r.output).toContain(text);
  expect(live(server)).toContain('Nothing published yet');
}
const releases = (server: string) => readdirSync(join(server, 'releases')).filter((n) => !n.startsWith('.')).sort();
const releaseOf = (server: string, sha: string) => releases(server).filter((r) => r.endsWith(`-${sha.slice(0, 12)}`)).at(-1);
const sh = (script: string) => { const r = run('sh', ['-c', script]); if (r.code !== 0) throw new Error(`${script}: ${r.output}`); };

describe('publish init', () => {
  it('sets up site.git with both hooks, settings, and a placeholder live site', () => {
    const { server } = setup(['--keep', '3', '--env', "RZ_SITE_URL=https://x.example/it's"]);
    expect(existsSync(join(server, 'site.git/HEAD'))).toBe(true);
    for (const h of ['pre-receive', 'post-receive']) expect(readFileSync(join(server, 'site.git/hooks', h), 'utf8')).toBe(hookScript(h as 'pre-receive'));
    expect(live(server)).toContain('Nothing published yet');
    const conf = parseConf(readFileSync(join(server, 'publish.conf'), 'utf8'));
    expect(conf).toMatchObject({ keep: 3, branch: 'main', checks: true, checkArgs: '--dist dist', buildEnv: { RZ_SITE_URL: "https://x.example/it's" } });
    expect(conf.nodeBin).toBe(join(process.execPath, '..'));
    // init again: settings updated, nothing lost
    expect(publish('init', server, '--keep', '4').code).toBe(0);
    expect(parseConf(readFileSync(join(server, 'publish.conf'), 'utf8')).keep).toBe(4);
    expect(live(server)).toContain('Nothing published yet');
  });

  it('refuses bad options and unknown servers with a message', () => {
    expect(publish('init', join(temp('rz-pub-'), 's'), '--keep', '0').output).toContain('--keep must be');
    const r = publish('rollback', temp('rz-pub-'));
    expect(r.code).toBe(1);
    expect(r.output).toContain('is not set up');
  });
});

// Each test has its own server directory: they run side by side.
// Generous timeouts: a push is a few seconds, but a loaded 2-core machine stretches that a lot.
describe.concurrent('git push to the server', { timeout: 240_000 }, () => {
  it('publishes, installs packages once per lockfile, and keeps live a relative symlink', async () => {
    const { server, author } = setup();
    const first = await push(author);
    expect(first.code, first.output).toBe(0);
    expect(first.output).toContain('installing npm packages');
    // the first push says what it is in for: a cold build, how long, and that later ones are quick
    expect(first.output).toMatch(/no build cache on this server yet: this push builds the site from its 0 post files and runs every check, about \d+ s .*after npm installs the packages/);
    expect(first.output).toMatch(/published [0-9a-f]{12}: live -> releases\//);
    expect(live(server)).toBe('v1');
    expect(target(server)).toMatch(/^releases\/\d{8}T\d{6}-[0-9a-f]{12}$/);
    expect(readlinkSync(join(server, 'previous'))).toContain('placeholder');
    commit(author, { 'page.txt': 'v2' });
    const second = await push(author);
    expect(second.code, second.output).toBe(0);
    expect(second.output).not.toContain('installing npm packages');
    expect(second.output).not.toContain('no build cache');
    expect(live(server)).toBe('v2');
    expect(readdirSync(join(server, 'tmp'))).toEqual([]);
  });

  it('rejects a failing build with its output; live and the branch stay', async () => {
    const { server, author } = setup();
    expect((await push(author)).code).toBe(0);
    const head = git(join(server, 'site.git'), 'rev-parse', 'main');
    const before = target(server);
    commit(author, { 'page.txt': 'FAIL' });
    const r = await push(author);
    expect(r.code).not.toBe(0);
    expect(r.output, r.output).toContain('content/posts/bad.md:3: error in date: date is not a date: "2016-13-45".');
    expect(r.output).toContain('the build failed');
    expect(r.output).toContain('pre-receive hook declined');
    expect(target(server)).toBe(before);
    expect(git(join(server, 'site.git'), 'rev-parse', 'main')).toBe(head);
    expect(readdirSync(join(server, 'tmp'))).toEqual([]);
    // a commit without its lockfile: said before anything is installed or built
    commit(author, { 'page.txt': 'v3', 'package-lock.json': null });
    const unlocked = await push(author);
    expect(unlocked.code).not.toBe(0);
    expect(unlocked.output).toContain('publish: the pushed commit has no package-lock.json; nothing was published.');
    expect(unlocked.output).not.toContain('npm run build');
    expect(target(server)).toBe(before);
    expect(readdirSync(join(server, 'tmp'))).toEqual([]);
  });

  it('runs the after-publish command and says what it did: one line when it works, its output and a warning when it fails', async () => {
    const { server, author } = setup(['--after-publish', 'echo "live is $RZ_LIVE"; test -f "$RZ_LIVE/index.html"']);
    const ok = await push(author);
    expect(ok.code, ok.output).toBe(0);
    expect(ok.output).toContain('publish: after publish: ran echo "live is $RZ_LIVE"');
    expect(ok.output).not.toContain('live is /'); // its own output only when it fails
    expect(publish('init', server, '--after-publish', 'echo "reload refused for $RZ_LIVE"; exit 3').code).toBe(0);
    commit(author, { 'page.txt': 'v2' });
    const failed = await push(author);
    expect(failed.code, failed.output).toBe(0); // the release is live all the same
    expect(failed.output).toContain(`publish:   | reload refused for ${join(server, 'live')}`);
    expect(failed.output).toContain('publish: warning: the after-publish command failed (the release is live all the same)');
    expect(live(server)).toBe('v2');
  });

  it('a package.json without the build script: the push is refused and says so', async () => {
    const { server, author } = setup();
    commit(author, { 'package.json': JSON.stringify({ name: 'fake-site', private: true, scripts: { check: 'node scripts/check.ts' } }) });
    await refusedFirstPush(server, author, 'package.json has no "build" script (npm run build would fail too)');
  });

  it("rejects a build that fails the site's checks", async () => {
    const { server, author } = setup();
    commit(author, { 'page.txt': 'BADCHECK' });
    await refusedFirstPush(server, author, "the site's checks failed", 'check args: --dist dist', '/nope/ does not exist', '  | ✗ internal links: 1 problem(s)');
  });

  it('publishes redirects.conf of exact-location 301s, and rejects one with any other line (nginx includes it in the server block)', async () => {
    const { server, author } = setup();
    commit(author, { 'redirects.txt': '# old URLs\n\nlocation = /old/ { return 301 /posts/new/; }\nlocation = /old { return 301 /posts/new/; }\n' });
    expect((await push(author)).code).toBe(0);
    expect(readFileSync(join(server, 'live/redirects.conf'), 'utf8')).toContain('location = /old { return 301 /posts/new/; }');
    const before = target(server);
    for (const bad of ['location = /x/ { proxy_pass http://127.0.0.1:9/; }', 'location = /a/ { return 301 /b/; } location / { root /; }', 'include /etc/nginx/*.conf;']) {
      commit(author, { 'redirects.txt': `location = /old/ { return 301 /posts/new/; }\n${bad}\n` });
      const r = await push(author);
      expect(r.code, bad).not.toBe(0);
      expect(r.output).toContain(`2:${bad}`);
      expect(r.output).toContain('dist/redirects.conf may hold only lines of the form: location = /old/path/ { return 301 /posts/new/; }');
      // the author's to fix, and said so once
      expect(r.output).toContain('the redirects check failed for');
      expect(r.output).toContain('push rejected: fix the error above');
      expect(r.output).not.toContain('not a problem with your commit');
      expect(target(server)).toBe(before);
    }
    // a file the manifest lists must be the one the build wrote, even when each line is of its form
    commit(author, { 'redirects.txt': 'location = /old/ { return 301 /posts/new/; }\n', 'page.txt': 'TAMPER' });
    const tampered = await push(author);
    expect(tampered.code, tampered.output).not.toBe(0);
    expect(tampered.output).toContain('dist/redirects.conf is not the file the build wrote (its publish manifest lists another SHA-256)');
    expect(tampered.output).toContain('the redirects check failed for');
    expect(target(server)).toBe(before);
  });

  it('a hook killed (SIGTERM) mid-build cleans up after itself; live is unchanged; the next push works', async () => {
    const { server, author } = setup();
    expect((await push(author)).code).toBe(0);
    const before = target(server);
    commit(author, { 'page.txt': 'v2', 'delay.txt': '20000' });
    const p = pushAsync(author);
    let pid = 0;
    for (let i = 0; i < 400 && !pid; i++) {
      await new Promise((r) => setTimeout(r, 50));
      pid = hookPid(server);
    }
    expect(pid).toBeGreaterThan(0);
    for (let i = 0; i < 200 && !readdirSync(join(server, 'tmp')).some((d) => existsSync(join(server, 'tmp', d, 'src/dist/partial.html'))); i++) await new Promise((r) => setTimeout(r, 50));
    process.kill(pid, 'SIGTERM');
    const r = await p.done;
    expect(r.code).not.toBe(0);
    expect(target(server)).toBe(before);
    expect(readdirSync(join(server, 'tmp'))).toEqual([]);
    expect(existsSync(join(server, 'run/building'))).toBe(false);
    commit(author, { 'delay.txt': '0' });
    const again = await push(author);
    expect(again.code, again.output).toBe(0);
    expect(live(server)).toBe('v2');
  });

  it('a second push waits for the lock, and gives up with a clear message after --lock-timeout', async () => {
    const { server, author } = setup(['--lock-timeout', '1']);
    expect((await push(author)).code).toBe(0);
    const other = temp('rz-pub-other-');
    git(other, 'clone', '-q', '-o', 'live', join(server, 'site.git'), '.');
    commit(author, { 'page.txt': 'slow', 'delay.txt': '4000' });
    const slow = pushAsync(author);
    for (let i = 0; i < 200 && !existsSync(join(server, 'run/building')); i++) await new Promise((r) => setTimeout(r, 50));
    commit(other, { 'page.txt': 'impatient' });
    const r = await push(other);
    expect(r.code).not.toBe(0);
    expect(r.output).toContain('another push is building; waiting for it (up to 1s)');
    expect(r.output, r.output).toContain('gave up after 1s: another push is still building. Nothing was published');
    expect((await slow.done).code).toBe(0);
    expect(live(server)).toBe('slow');
  });

  it('keeps --keep releases; rollback walks back through what was published', async () => {
    const { server, author } = setup(['--keep', '2']);
    for (const v of ['v1', 'v2', 'v3']) {
      commit(author, { 'page.txt': v });
      const r = await push(author);
      expect(r.code, r.output).toBe(0);
    }
    expect(releases(server)).toHaveLength(2);
    expect(live(server)).toBe('v3');
    const back = publish('rollback', server);
    expect(back.code, back.output).toBe(0);
    expect(live(server)).toBe('v2');
    const none = publish('rollback', server);
    expect(none.code).toBe(1);
    expect(none.output).toContain('nothing to roll back to');
    expect(live(server)).toBe('v2');
    expect(publish('status', server).output).toMatch(/<- live/);
    commit(author, { 'page.txt': 'v4' });
    expect((await push(author)).code).toBe(0);
    expect(live(server)).toBe('v4');
  });

  it('refuses pushes with a clear message when the recorded Node is too old', async () => {
    const { server, author } = setup();
    const fakeBin = temp('rz-old-node-');
    writeFileSync(join(fakeBin, 'node'), '#!/bin/sh\necho v20.19.0\n', { mode: 0o755 });
    const conf = readFileSync(join(server, 'publish.conf'), 'utf8').replace(/^NODE_BIN=.*$/m, `NODE_BIN=${shellQuote(fakeBin)}`);
    writeFileSync(join(server, 'publish.conf'), conf);
    await refusedFirstPush(server, author, 'Node >= 22.12 not found');
  });

  it('stores other branches without building, and refuses to delete the published one', async () => {
    const { server, author } = setup();
    expect((await push(author)).code).toBe(0);
    const before = target(server);
    git(author, 'checkout', '-q', '-b', 'draft-work');
    commit(author, { 'page.txt': 'FAIL' });
    const r = await push(author, 'draft-work');
    expect(r.code, r.output).toBe(0);
    expect(r.output).not.toContain('building');
    // the server says it was not published, and what is
    expect(r.output).toMatch(/not published: draft-work is kept in the repository, but only main is built; the site still shows main at [0-9a-f]{12}\. To publish it: git push <remote> draft-work:main/);
    expect(target(server)).toBe(before);
    git(author, 'tag', 'v1');
    const tag = await push(author, 'v1');
    expect(tag.code, tag.output).toBe(0);
    expect(tag.output).toContain('not published: v1 is kept in the repository, but only main is built');
    expect(tag.output).toContain('git push <remote> v1^{commit}:main');
    expect(target(server)).toBe(before);
    const del = await push(author, ':main');
    expect(del.code).not.toBe(0);
    expect(del.output).toContain('refusing to delete main');
  });
  it('two pushes at once: the loser waits, is told main moved, and builds nothing (the lock covers the ref update)', async () => {
    const { server, author } = setup();
    expect((await push(author)).code).toBe(0);
    const base = branch(server);
    // git moves main after pre-receive exits; an update hook that takes its time (as a slow disk
    // would) holds the gap open: without the lock over it, the waiting push would build meanwhile.
    writeFileSync(join(server, 'site.git/hooks/update'), '#!/bin/sh\nsleep 1\n', { mode: 0o755 });
    const other = temp('rz-pub-other-');
    git(other, 'clone', '-q', '-o', 'live', join(server, 'site.git'), '.');
    commit(author, { 'page.txt': 'from author', 'delay.txt': '2500' });
    commit(other, { 'page.txt': 'from other', 'delay.txt': '2500' });
    const [a, b] = await Promise.all([push(author), push(other)]);
    expect([a.code, b.code].sort(), `${a.output}\n---\n${b.output}`).toEqual([0, 1]);
    const [won, lost, winner] = a.code === 0 ? [a, b, author] : [b, a, other];
    const head = git(winner, 'rev-parse', 'HEAD');
    expect(lost.output).toContain('another push is building; waiting for it');
    expect(lost.output).toContain(`main moved to ${head.slice(0, 12)} while this push waited (another push published first): git pull --rebase, then push again.`);
    expect(lost.output).not.toMatch(/publish: building /);
    expect(lost.output).not.toContain('cannot lock ref');
    expect(won.output).toContain(`published ${head.slice(0, 12)}`);
    await waitFor('the build lock', () => settled(server));
    expect(branch(server)).toBe(head);
    expect(live(server)).toBe(winner === author ? 'from author' : 'from other');
    // no orphan: every release is the placeholder's or one of a commit main has had
    expect(releases(server).map((r) => r.replace(/^.*-/, '')).sort()).toEqual(['placeholder', base.slice(0, 12), head.slice(0, 12)].sort());
  });

  it('a push whose client is killed mid-build either publishes or is not accepted, never half; the next push publishes', async () => {
    const { server, author } = setup();
    expect((await push(author)).code).toBe(0);
    const before = { head: branch(server), target: target(server), releases: releases(server) };
    const gate = join(temp('rz-pub-gate-'), 'open');
    commit(author, { 'page.txt': 'v2', 'gate.txt': gate });
    const sha = git(author, 'rev-parse', 'HEAD');
    const p = pushAsync(author);
    await waitFor('the build', () => building(server));
    process.kill(p.pid, 'SIGKILL'); // the git client alone, as a dropped ssh connection
    writeFileSync(gate, ''); // the build ends after its client is gone (the hook holds its output pipe until then)
    await p.done;
    await waitFor('the build lock', () => settled(server) && readdirSync(join(server, 'tmp')).length === 0);
    if (branch(server) === sha) { // accepted: published too
      expect(live(server)).toBe('v2');
      expect(target(server)).toBe(`releases/${releaseOf(server, sha)}`);
    } else { // not accepted: nothing changed, nothing left over
      expect(branch(server)).toBe(before.head);
      expect(target(server)).toBe(before.target);
      expect(releases(server)).toEqual(before.releases);
    }
    const again = await push(author);
    expect(again.code, again.output).toBe(0);
    expect(branch(server)).toBe(sha);
    expect(live(server)).toBe('v2');
  });

  it('a push git refuses after pre-receive built it (an update hook says no) leaves no release behind', async () => {
    const { server, author } = setup();
    expect((await push(author)).code).toBe(0);
    const before = { head: branch(server), target: target(server), releases: releases(server) };
    writeFileSync(join(server, 'site.git/hooks/update'), '#!/bin/sh\necho "update hook: no" >&2; exit 1\n', { mode: 0o755 });
    commit(author, { 'page.txt': 'v2' });
    const r = await push(author);
    expect(r.code).not.toBe(0);
    expect(r.output).toContain('update hook: no');
    await waitFor('the build lock', () => settled(server));
    expect({ head: branch(server), target: target(server), releases: releases(server) }).toEqual(before);
    expect(readFileSync(join(server, 'run/finish.log'), 'utf8')).toMatch(/not accepted .*deleted releases\//);
    rmSync(join(server, 'site.git/hooks/update'));
    const again = await push(author);
    expect(again.code, again.output).toBe(0);
    expect(live(server)).toBe('v2');
  });

  it('a hook killed (SIGTERM) mid-build stops its whole build, even one that ignores SIGTERM', async () => {
    const pidFile = join(temp('rz-pub-pid-'), 'build.pid');
    const { server, author } = setup(['--env', `PIDFILE=${pidFile}`]);
    commit(author, { 'delay.txt': '30000', 'stubborn.txt': 'yes' });
    const p = pushAsync(author);
    await waitFor('the build', () => building(server) && existsSync(pidFile) && hookPid(server) > 0);
    const buildPid = Number(readFileSync(pidFile, 'utf8'));
    expect(alive(buildPid)).toBe(true);
    process.kill(hookPid(server), 'SIGTERM');
    const r = await p.done;
    expect(r.code).not.toBe(0);
    expect(alive(buildPid)).toBe(false);
    expect(readdirSync(join(server, 'tmp'))).toEqual([]);
    expect(live(server)).toContain('Nothing published yet');
  });

  it('a hook killed outright (SIGKILL) leaves its build behind: the next push stops it and clears tmp/', async () => {
    const pidFile = join(temp('rz-pub-pid-'), 'build.pid');
    const { server, author } = setup(['--env', `PIDFILE=${pidFile}`]);
    commit(author, { 'delay.txt': '40000' });
    const p = pushAsync(author);
    await waitFor('the build', () => building(server) && existsSync(pidFile) && hookPid(server) > 0);
    const buildPid = Number(readFileSync(pidFile, 'utf8'));
    process.kill(hookPid(server), 'SIGKILL');
    expect((await p.done).code).not.toBe(0);
    // status sees the build its dead push left, by its process group
    expect(publish('status', server).output).toMatch(/building: \(no push\) but the build of [0-9a-f]{12}, whose push was killed, still runs as process group (\d+): the next push stops it, or kill -- -\1/);
    commit(author, { 'delay.txt': '0', 'page.txt': 'v2' });
    const again = await push(author);
    expect(again.code, again.output).toBe(0);
    expect(again.output).toContain('stopping the build left running by a push that was killed');
    expect(alive(buildPid)).toBe(false);
    expect(readdirSync(join(server, 'tmp'))).toEqual([]);
    expect(live(server)).toBe('v2');
    expect(publish('status', server).output).toContain('building: (nothing)');
  });

  it('switches previous before live: an asset of the outgoing release is always in live or previous', async () => {
    const { server, author } = setup();
    // NODE_BIN comes first on the hook's PATH: the node there records live and previous after
    // each rename(2) onto either (the runtime switches them)
    const bin = temp('rz-pub-bin-');
    const trace = join(bin, 'trace');
    const [liveLink, previousLink] = [join(server, 'live'), join(server, 'previous')];
    writeFileSync(join(bin, 'trace.mjs'), `import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
const rename = fs.renameSync;
const target = (f) => { try { return fs.readlinkSync(f); } catch { return ''; } };
fs.renameSync = (from, to) => {
  rename(from, to);
  if (to === ${JSON.stringify(liveLink)} || to === ${JSON.stringify(previousLink)}) fs.appendFileSync(${JSON.stringify(trace)}, target(${JSON.stringify(liveLink)}) + ' ' + target(${JSON.stringify(previousLink)}) + '\\n');
};
syncBuiltinESMExports();
`);
    writeFileSync(join(bin, 'node'), `#!/bin/sh\nexec ${shellQuote(process.execPath)} --import ${shellQuote(join(bin, 'trace.mjs'))} "$@"\n`, { mode: 0o755 });
    const conf = readFileSync(join(server, 'publish.conf'), 'utf8').replace(/^NODE_BIN=.*$/m, `NODE_BIN=${shellQuote(bin)}`);
    writeFileSync(join(server, 'publish.conf'), conf);
    for (const v of ['v1', 'v2', 'v3']) {
      commit(author, { 'page.txt': v });
      expect((await push(author)).code).toBe(0);
    }
    expect(publish('rollback', server).code).toBe(0);
    expect(live(server)).toBe('v2');
    const states = readFileSync(trace, 'utf8').trim().split('\n').map((l) => l.split(' '));
    let switches = 0;
    for (let i = 1; i < states.length; i++) {
      const [was] = states[i - 1]!; const [now, prev] = states[i]!;
      if (now === was) continue;
      switches++;
      expect(prev, `live ${was} -> ${now}`).toBe(was); // previous named the outgoing release first
    }
    expect(switches).toBe(4);
  });

  it('prunes to exactly --keep releases after rollbacks, the newest and live included', async () => {
    const { server, author } = setup(['--keep', '3']);
    for (const v of ['v1', 'v2', 'v3', 'v4']) {
      commit(author, { 'page.txt': v });
      expect((await push(author)).code).toBe(0);
    }
    expect(releases(server)).toHaveLength(3);
    expect(publish('rollback', server).code).toBe(0);
    expect(publish('rollback', server).code).toBe(0);
    expect(live(server)).toBe('v2');
    commit(author, { 'page.txt': 'v5' });
    expect((await push(author)).code).toBe(0);
    const sha = git(author, 'rev-parse', 'HEAD');
    expect(releases(server)).toHaveLength(3);
    expect(releases(server).at(-1)).toBe(releaseOf(server, sha));
    expect(target(server)).toBe(`releases/${releases(server).at(-1)}`);
    expect(live(server)).toBe('v5');
  });

  it('says when a failure is the server\'s, not the commit\'s: a killed build, a full disk, npm install', async () => {
    const { server, author } = setup();
    commit(author, { 'page.txt': 'KILL' });
    const killed = await push(author);
    expect(killed.code).not.toBe(0);
    expect(killed.output, killed.output).toContain('the build was stopped on the server (signal 9) — not a problem with your commit; push again.');
    expect(killed.output).not.toContain('fix the error above');
    commit(author, { 'page.txt': 'ENOSPC' });
    const full = await push(author);
    expect(full.code).not.toBe(0);
    expect(full.output, full.output).toMatch(new RegExp(`the server is out of disk space \\(\\d+ [KMG]B free in ${server}\\): not a problem with your commit; free space on the server, then push again.`));
    expect(full.output).not.toContain('fix the error above');
    const pkg = JSON.parse(fakeFiles['package.json']!) as { scripts: Record<string, string> };
    const unreachable = { ...pkg, scripts: { ...pkg.scripts, preinstall: 'echo "npm error network ETIMEDOUT" >&2; exit 1' } };
    commit(author, { 'page.txt': 'v1', 'package.json': JSON.stringify(unreachable), 'package-lock.json': '{"lockfileVersion": 3, "packages": {}}' });
    const install = await push(author);
    expect(install.code).not.toBe(0);
    expect(install.output, install.output).toContain('npm install failed on the server (see its output above): not a problem with your commit');
    expect(install.output).not.toContain('fix the error above');
    // a lockfile npm ci refuses (out of sync with package.json) is the commit's to fix
    const needsDep = { ...pkg, dependencies: { 'left-pad': '1.3.0' } };
    commit(author, { 'package.json': JSON.stringify(needsDep), 'package-lock.json': fakeFiles['package-lock.json']! });
    const stale = await push(author);
    expect(stale.code).not.toBe(0);
    expect(stale.output, stale.output).toContain('npm ci failed');
    expect(stale.output).toContain('push rejected: fix the error above');
    expect(readdirSync(join(server, 'tmp'))).toEqual([]);
    expect(live(server)).toContain('Nothing published yet');
    expect(releases(server)).toHaveLength(1);
  });

  it('on a really full disk (a 2 MB tmpfs), says the server is out of space', async (ctx) => {
    const mnt = temp('rz-pub-tmpfs-');
    if (process.getuid?.() !== 0 || run('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', mnt]).code !== 0) return ctx.skip();
    try {
      const { server, author } = setup([], join(mnt, 'srv'));
      commit(author, { 'page.txt': 'BIG' });
      const r = await push(author);
      expect(r.code).not.toBe(0);
      expect(r.output, r.output).toMatch(/the server is out of disk space \(\d+ KB free in .*\): not a problem with your commit/);
      expect(readdirSync(join(server, 'tmp'))).toEqual([]);
      expect(live(server)).toContain('Nothing published yet');
      commit(author, { 'page.txt': 'v1' });
      const ok = await push(author);
      expect(ok.code, ok.output).toBe(0);
      expect(live(server)).toBe('v1');
    } finally {
      if (run('umount', [mnt]).code !== 0) run('umount', ['-l', mnt]);
    }
  });

  it('status shows a live release that is not main\'s, and republish fixes it; a rollback is no mismatch', async () => {
    const { server, author } = setup();
    expect(publish('status', server).output).not.toContain('mismatch');
    commit(author, { 'page.txt': 'v1' });
    expect((await push(author)).code).toBe(0);
    const r1 = releases(server).at(-1)!;
    commit(author, { 'page.txt': 'v2' });
    expect((await push(author)).code).toBe(0);
    const sha = git(author, 'rev-parse', 'HEAD');
    const r2 = releaseOf(server, sha)!;
    const ok = publish('status', server);
    expect(ok.output).toContain(`main:     ${sha.slice(0, 12)}`);
    expect(ok.output).toContain(`newest:   ${r2}`);
    expect(ok.output).not.toContain('mismatch');
    // live switched by hand, behind the hook's back
    sh(`cd ${server} && ln -sfn releases/${r1} .live.tmp && mv -T .live.tmp live`);
    const bad = publish('status', server);
    expect(bad.output).toContain(`mismatch: live serves ${r1}, but main is ${sha.slice(0, 12)}`);
    expect(bad.output).toContain(`npm run publish -- republish ${server}`);
    const fix = publish('republish', server);
    expect(fix.code, fix.output).toBe(0);
    expect(fix.output).toContain(`published ${sha.slice(0, 12)}: live -> releases/${r2}`);
    expect(live(server)).toBe('v2');
    expect(publish('status', server).output).not.toContain('mismatch');
    // a rollback is on purpose
    expect(publish('rollback', server).code).toBe(0);
    const back = publish('status', server);
    expect(back.output).toContain('rolled back on purpose; the next push publishes main again');
    expect(back.output).not.toContain('mismatch');
    // main's release gone: republish builds it from site.git
    rmSync(join(server, 'releases', r2), { recursive: true });
    const rebuilt = publish('republish', server);
    expect(rebuilt.code, rebuilt.output).toBe(0);
    expect(rebuilt.output).toContain(`building ${sha.slice(0, 12)}`);
    expect(live(server)).toBe('v2');
    expect(target(server)).not.toBe(`releases/${r2}`);
    expect(publish('status', server).output).not.toMatch(/mismatch|rolled back/);
    expect(readdirSync(join(server, 'tmp'))).toEqual([]);
  });

  it('scheduled: a post held back for its day is published by the daily command on that day, and only then', async () => {
    const { server, author } = setup();
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    commit(author, { 'scheduled.txt': tomorrow });
    const pushed = await push(author);
    expect(pushed.code, pushed.output).toBe(0);
    expect(live(server)).toBe('v1');
    const id = target(server).replace('releases/', '');
    expect(JSON.parse(readFileSync(join(server, 'run/scheduled', `${id}.json`), 'utf8')).scheduled.map((s: { day: string }) => s.day)).toEqual([tomorrow]);
    const today = publish('scheduled', server);
    expect(today.code, today.output).toBe(0);
    expect(today.output).toContain(`nothing is due: the next scheduled post appears on ${tomorrow} (UTC).`);
    expect(target(server)).toBe(`releases/${id}`);
    const due = publishOn(tomorrow, 'scheduled', server);
    expect(due.code, due.output).toBe(0);
    expect(due.output).toContain(`a post scheduled for ${tomorrow} is due: building`);
    expect(live(server)).toBe('v1+later');
    expect(target(server)).not.toBe(`releases/${id}`);
    const again = publishOn(tomorrow, 'scheduled', server);
    expect(again.output).toContain('nothing is due: no post is scheduled.');
    // after a rollback on purpose, scheduled posts wait for the next push
    expect(publish('rollback', server).code).toBe(0);
    const held = publishOn(tomorrow, 'scheduled', server);
    expect(held.code).toBe(1);
    expect(held.output).toContain('live was rolled back on purpose');
    expect(live(server)).toBe('v1');
  });

  it('scheduled: a post held back until a time later on the day of its push is due once that time has come', async () => {
    const { server, author } = setup();
    const today = new Date().toISOString().slice(0, 10);
    const later = `${today}T23:59:59Z`;
    commit(author, { 'scheduled.txt': later });
    const pushed = await push(author);
    expect(pushed.code, pushed.output).toBe(0);
    expect(live(server)).toBe('v1');
    expect(publishOn(`${today}T23:59:58Z`, 'scheduled', server).output).toContain(`nothing is due: the next scheduled post appears on ${later} (UTC).`);
    const due = publishOn(`${today}T23:59:59Z`, 'scheduled', server);
    expect(due.code, due.output).toBe(0);
    expect(due.output).toContain(`a post scheduled for ${later} is due`);
    expect(live(server)).toBe('v1+later');
  });

  it('keeps the build cache (.cache/) from push to push, copied, and only from builds that passed; every build works in tmp/build, with one Node compile cache', async () => {
    const { server, author } = setup();
    expect((await push(author)).code).toBe(0);
    expect(readFileSync(join(server, 'live/count.txt'), 'utf8')).toBe('1');
    // one path for every build: Astro keeps built pages from build to build by their absolute paths
    const workTree = join(realpathSync(server), 'tmp/build/src');
    expect(readFileSync(join(server, 'live/cwd.txt'), 'utf8')).toBe(workTree);
    expect(readdirSync(join(server, 'cache/node')).length, 'the hook\'s Node compile cache').toBeGreaterThan(0);
    commit(author, { 'page.txt': 'FAIL' });
    expect((await push(author)).code).not.toBe(0); // its build appended to its copy of the cache
    expect(readFileSync(join(server, 'cache/build/count'), 'utf8')).toBe('x');
    commit(author, { 'page.txt': 'v2' });
    expect((await push(author)).code).toBe(0);
    expect(live(server)).toBe('v2');
    expect(readFileSync(join(server, 'live/count.txt'), 'utf8')).toBe('2');
    expect(readFileSync(join(server, 'live/cwd.txt'), 'utf8')).toBe(workTree);
    expect(readlinkSync(join(server, 'cache/build'))).toMatch(/^build-\d{8}T\d{6}-[0-9a-f]{12}$/);
    expect(readdirSync(join(server, 'cache')).filter((n) => n.startsWith('build-'))).toHaveLength(1);
  });
});

describe('helpers', () => {
  it('shellQuote survives sh for any text', () => {
    for (const s of ['plain', "it's", '$HOME `x` "q" \\ ;|&', '']) {
      expect(spawnSync('sh', ['-c', `printf %s ${shellQuote(s)}`], { encoding: 'utf8' }).stdout).toBe(s);
    }
  });

  it('publish.conf round-trips and is valid shell', () => {
    const s: Settings = {
      nodeBin: '/opt/node bin', npmCli: '', branch: 'main', keep: 7, lockTimeout: 30, checks: false,
      checkArgs: '--dist dist --no-astro-check', afterPublish: "sudo nginx -s reload && echo 'ok'", buildEnv: { RZ_SITE_URL: 'https://a.example/' },
    };
    const text = renderConf(s);
    expect(parseConf(text)).toEqual(s);
    const dir = temp('rz-conf-');
    writeFileSync(join(dir, 'c'), text);
    const out = spawnSync('bash', ['-c', `. ${dir}/c && printf '%s|%s|%s' "$NODE_BIN" "$AFTER_PUBLISH" "$BUILD_ENV_RZ_SITE_URL"`], { encoding: 'utf8' }).stdout;
    expect(out).toBe("/opt/node bin|sudo nginx -s reload && echo 'ok'|https://a.example/");
  });

  it('renders deploy/nginx.conf with every placeholder filled', () => {
    const out = renderNginx(readFileSync(nginxTemplate, 'utf8'), { dir: '/srv/rz', listen: '127.0.0.1:8080', serverName: 'blog.example.org', headers: '/etc/nginx/rz-headers.conf' });
    expect(out).not.toMatch(/\{\{/);
    expect(out).toContain('root /srv/rz/live;');
    expect(out).toContain('root /srv/rz/previous;');
    expect(out).toContain('listen 127.0.0.1:8080;');
    expect(out).toContain('include /etc/nginx/rz-headers.conf;');
    expect(out).toContain('immutable');
    expect(out).toContain('error_page 404 /404.html;');
    expect(() => renderNginx('{{NOPE}}', { dir: '', listen: '', serverName: '', headers: '' })).toThrow(/NOPE/);
  });
});
