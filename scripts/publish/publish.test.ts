// The publish CLI and its receive hook, fast: real git pushes to a real `init`ed server directory,
// but the pushed "site" is a tiny project whose build is one node script (no Astro), so locks,
// kills, pruning, rollback and the package cache can be exercised in seconds.
// The real site, a real nginx and the real build are in tests/e2e/publish.test.ts.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hookScript, nginxTemplate, parseConf, renderConf, renderNginx, shellQuote, type Settings } from './lib.ts';

const cli = join(import.meta.dirname, 'cli.ts');
const temps: string[] = [];
afterAll(() => { for (const d of temps) rmSync(d, { recursive: true, force: true }); });
const temp = (prefix: string) => { const d = mkdtempSync(join(tmpdir(), prefix)); temps.push(d); return d; };

const env = (): NodeJS.ProcessEnv => {
  const e: NodeJS.ProcessEnv = {
    ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.org', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.org',
  };
  for (const k of ['NODE_ENV', 'VITEST', 'VITEST_POOL_ID', 'VITEST_WORKER_ID', 'TEST']) delete e[k];
  return e;
};
const run = (cmd: string, args: string[], cwd?: string) => {
  const r = spawnSync(cmd, args, { cwd, env: env(), encoding: 'utf8' });
  return { code: r.status ?? 1, output: `${r.stdout}${r.stderr}` };
};
const git = (cwd: string, ...args: string[]) => {
  const r = run('git', args, cwd);
  if (r.code !== 0) throw new Error(`git ${args.join(' ')}: ${r.output}`);
  return r.output.trim();
};
const publish = (...args: string[]) => run(process.execPath, [cli, ...args]);

function pushAsync(cwd: string, ref = 'main'): { done: Promise<{ code: number; output: string }> } {
  const child = spawn('git', ['push', 'live', ref], { cwd, env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  return { done: new Promise((ok) => child.on('close', (code) => ok({ code: code ?? 1, output }))) };
}
const push = (cwd: string, ref = 'main') => pushAsync(cwd, ref).done;

// The fake site: `npm run build` writes page.txt to dist/index.html (after delay.txt ms);
// page.txt starting with FAIL fails the build; `npm run check` fails on BADCHECK.
const fakeFiles: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'fake-site', private: true, scripts: { build: 'node build.mjs', check: 'node scripts/check.ts' } }),
  'package-lock.json': JSON.stringify({ name: 'fake-site', lockfileVersion: 3, requires: true, packages: { '': { name: 'fake-site' } } }),
  'build.mjs': `import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
const page = readFileSync('page.txt', 'utf8');
if (page.startsWith('FAIL')) { console.error('content/posts/bad.md:3: error in date: date is not a date: "2016-13-45".'); process.exit(1); }
mkdirSync('dist', { recursive: true });
writeFileSync('dist/partial.html', 'half-written');
await new Promise((r) => setTimeout(r, Number(readFileSync('delay.txt', 'utf8'))));
writeFileSync('dist/index.html', page);
`,
  'scripts/check.ts': `import { readFileSync } from 'node:fs';
console.log('check args:', process.argv.slice(2).join(' '));
if (readFileSync('dist/index.html', 'utf8').includes('BADCHECK')) { console.log('✗ internal links: /nope/ does not exist'); process.exit(1); }
`,
  'delay.txt': '0',
  'page.txt': 'v1',
};

function setup(initArgs: string[] = []): { server: string; author: string } {
  const server = join(temp('rz-pub-'), 'srv');
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
function commit(repo: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) writeFileSync(join(repo, name), text);
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '--allow-empty', '-m', JSON.stringify(files));
}
const live = (server: string) => readFileSync(join(server, 'live/index.html'), 'utf8');
const target = (server: string) => readlinkSync(join(server, 'live'));
const releases = (server: string) => readdirSync(join(server, 'releases')).filter((n) => !n.startsWith('.')).sort();

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
    expect(first.output).toMatch(/published [0-9a-f]{12}: live -> releases\//);
    expect(live(server)).toBe('v1');
    expect(target(server)).toMatch(/^releases\/\d{8}T\d{6}-[0-9a-f]{12}$/);
    expect(readlinkSync(join(server, 'previous'))).toContain('placeholder');
    commit(author, { 'page.txt': 'v2' });
    const second = await push(author);
    expect(second.code, second.output).toBe(0);
    expect(second.output).not.toContain('installing npm packages');
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
  });

  it("rejects a build that fails the site's checks", async () => {
    const { server, author } = setup();
    commit(author, { 'page.txt': 'BADCHECK' });
    const r = await push(author);
    expect(r.code).not.toBe(0);
    expect(r.output).toContain("the site's checks failed");
    expect(r.output).toContain('check args: --dist dist');
    expect(r.output).toContain('/nope/ does not exist');
    expect(live(server)).toContain('Nothing published yet');
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
      try { pid = Number(readFileSync(join(server, 'run/building'), 'utf8').split(' ')[0]); } catch { /* not yet */ }
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
    const r = await push(author);
    expect(r.code).not.toBe(0);
    expect(r.output).toContain('Node >= 22.12 not found');
    expect(live(server)).toContain('Nothing published yet');
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
    expect(target(server)).toBe(before);
    const del = await push(author, ':main');
    expect(del.code).not.toBe(0);
    expect(del.output).toContain('refusing to delete main');
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
