// npm run publish -- <command>: set up a server that publishes on `git push`, and run it.
//   init <dir>          bare repo <dir>/site.git whose receive hook builds, checks and publishes to <dir>/live
//   rollback <dir>      live goes back to the release before the current one
//   status <dir>        main's commit, what is live, which releases are kept, whether a push is building
//   republish <dir>     live -> the release of main's commit (built if none is kept): the fix status offers
//   scheduled <dir>     main built and published again once a post held back for its date is due (daily)
//   nginx-config <dir>  deploy/nginx.conf rendered for <dir>
//   seed-cache <dir> --from <project>  reuse a checkout's node_modules for its lockfile (skips one npm install)
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  defaultCheckArgs, headersFile, hookScript, hookSource, projectRoot, runtimeFiles, nginxTemplate, parseConf, placeholderHtml, placeholderId, readStatus,
  renderConf, renderNginx, type Settings, verdict,
} from './lib.ts';
import { serverLayout, shellLayout } from './layout.ts';
import { nginxFragments } from '../../src/lib/nginx-fragments.ts';

const usage = `usage: npm run publish -- <command> <dir> [options]

  init <dir>           create <dir>/site.git (add it as a git remote) and <dir>/live (point a web server at it)
      --branch main        the branch that is published (other branches are stored, not built)
      --keep 5             releases kept for rollback
      --lock-timeout 600   seconds a push waits for another one before giving up
      --env KEY=VALUE      exported to every build, e.g. --env RZ_SITE_URL=https://blog.example.org
      --check-args=ARGS    arguments of the site's \`npm run check\` (default "${defaultCheckArgs}": check the dist just built)
      --no-checks          publish after the build alone (the site's checks are not run)
      --after-publish CMD  run after each switch of live, e.g. "sudo nginx -s reload"
  rollback <dir>       serve the release before the current one (the next push publishes again)
  status <dir>         main's commit, the live release, kept releases, a build in progress; says when
                       live is not main's release and how to fix it
  republish <dir>      publish the release of main's commit, building it from site.git if none is kept
  scheduled <dir>      build and publish main again if a post held back for its date is now due (run it
                       daily: cron or a systemd timer, README "Scheduled posts"); RZ_NOW=YYYY-MM-DD sets the day
  nginx-config <dir>   print deploy/nginx.conf filled in for <dir>
      --server-name _      --listen 80
      --headers FILE       the security headers nginx includes (default <dir>/live/security-headers.conf:
                           the live release's CSP, read when nginx loads its configuration)
  seed-cache <dir> --from <project> [--lockfile <file>]
                       reuse <project>/node_modules for that lockfile (default <project>/package-lock.json):
                       the first push then skips npm install
`;

function fail(message: string): never {
  process.stderr.write(`publish: ${message}\n`);
  process.exit(1);
}

function git(args: string[], cwd?: string): void {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8' });
  if (r.status !== 0) fail(`git ${args.join(' ')} failed:\n${r.stderr}`);
}

/** The hook's TypeScript, by rename like the hook itself (a finisher still running keeps its files). */
function installRuntime(dir: string): void {
  const runtime = serverLayout(dir).runtime;
  const next = `${runtime}.tmp`;
  rmSync(next, { recursive: true, force: true });
  for (const f of runtimeFiles) {
    mkdirSync(dirname(join(next, f)), { recursive: true });
    copyFileSync(join(projectRoot, f), join(next, f));
  }
  writeFileSync(join(next, 'package.json'), '{ "type": "module", "private": true }\n');
  writeFileSync(join(next, 'layout.sh'), shellLayout());
  rmSync(`${runtime}.old`, { recursive: true, force: true });
  if (existsSync(runtime)) renameSync(runtime, `${runtime}.old`);
  renameSync(next, runtime);
  rmSync(`${runtime}.old`, { recursive: true, force: true });
}

/** Where npm's CLI is, so the hook runs the same npm with the same Node later. */
function findNpmCli(): string {
  const candidates = [
    process.env.npm_execpath,
    join(dirname(process.execPath), '../lib/node_modules/npm/bin/npm-cli.js'),
    '/usr/lib/node_modules/npm/bin/npm-cli.js',
    '/usr/share/nodejs/npm/bin/npm-cli.js',
  ];
  for (const c of candidates) if (c && c.endsWith('.js') && existsSync(c)) return resolve(c);
  return ''; // the hook falls back to `npm` on PATH
}

function hook(dir: string, ...args: string[]): number {
  const r = spawnSync('bash', [serverLayout(dir).hook, ...args], { stdio: 'inherit' });
  return r.status ?? 1;
}

interface InitOptions {
  branch: string; keep: string; 'lock-timeout': string; env: string[];
  'check-args': string; 'no-checks'?: boolean | undefined; 'after-publish': string;
}

function init(dir: string, opts: InitOptions): void {
  const keep = Number(opts.keep);
  const lockTimeout = Number(opts['lock-timeout']);
  if (!Number.isInteger(keep) || keep < 1) fail(`--keep must be a whole number >= 1, not "${opts.keep}"`);
  if (!Number.isInteger(lockTimeout) || lockTimeout < 0) fail(`--lock-timeout must be seconds, not "${opts['lock-timeout']}"`);
  const buildEnv: Record<string, string> = {};
  for (const kv of opts.env) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(kv);
    if (!m) fail(`--env wants KEY=VALUE, not "${kv}"`);
    buildEnv[m[1]!] = m[2]!;
  }
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  if (major < 22 || (major === 22 && minor < 12)) fail(`Node ${process.version} is too old for the build: run ./rz once`);
  for (const tool of ['git', 'flock', 'tar', 'sha256sum']) {
    if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) fail(`${tool} is needed on the server and is missing`);
  }

  const settings: Settings = {
    nodeBin: dirname(process.execPath), npmCli: findNpmCli(), branch: opts.branch, keep, lockTimeout, buildEnv,
    checks: !opts['no-checks'], checkArgs: opts['check-args'], afterPublish: opts['after-publish'],
  };
  const l = serverLayout(dir);
  const fresh = !existsSync(l.siteGit);
  for (const sub of [dirname(l.hook), l.releases, l.tmp, dirname(l.history), l.modules]) mkdirSync(sub, { recursive: true });
  chmodSync(dir, 0o755);
  if (fresh) git(['init', '--quiet', '--bare', `--initial-branch=${settings.branch}`, l.siteGit]);
  // the runtime first (the new hook reads its layout.sh), then the hook, each by rename: a
  // finisher still running the old hook keeps reading the file it opened
  installRuntime(dir);
  copyFileSync(hookSource, `${l.hook}.tmp`);
  chmodSync(`${l.hook}.tmp`, 0o755);
  renameSync(`${l.hook}.tmp`, l.hook);
  writeFileSync(l.conf, renderConf(settings));
  for (const name of ['pre-receive', 'post-receive'] as const) {
    writeFileSync(join(l.siteGit, 'hooks', name), hookScript(name), { mode: 0o755 });
    chmodSync(join(l.siteGit, 'hooks', name), 0o755);
  }
  if (!existsSync(l.live)) {
    const placeholder = join(l.releases, placeholderId);
    mkdirSync(placeholder, { recursive: true });
    writeFileSync(join(placeholder, 'index.html'), placeholderHtml);
    // nginx includes live/security-headers.conf (deploy/nginx.conf): valid before the first push too
    copyFileSync(headersFile, join(placeholder, nginxFragments.headers.file));
    symlinkSync(`releases/${placeholderId}`, l.liveNext);
    renameSync(l.liveNext, l.live);
    writeFileSync(l.history, `${placeholderId}\n`);
  }
  console.log(`${fresh ? 'Set up' : 'Updated hook and settings of'} ${dir}:
  ${l.siteGit}   bare repository; its receive hook builds, checks and publishes ${settings.branch}
  ${l.live}       what the web server serves (symlink to the current release)
  Node ${process.version} (${settings.nodeBin}), keeps ${keep} releases, waits up to ${lockTimeout}s for another push
  checks: ${settings.checks ? `npm run check -- ${settings.checkArgs} (when the site has scripts/check.ts)` : 'off'}

On your machine:
  git remote add live <user>@<server>:${l.siteGit}
  git push live ${settings.branch}
Web server: npm run publish -- nginx-config ${dir} --server-name <host>  (see deploy/nginx.conf)`);
}

/** Hard-links (or copies) <project>/node_modules into the cache entry the hook will look for. */
function seedCache(dir: string, from: string, lock = join(from, 'package-lock.json')): void {
  if (!existsSync(lock)) fail(`${lock} does not exist`);
  if (!existsSync(join(from, 'node_modules'))) fail(`${from} has no node_modules`);
  // the key covers the Node version: the server's Node computes it, with the server's runtime
  const node = join(parseConf(readFileSync(serverLayout(dir).conf, 'utf8')).nodeBin, 'node');
  const runtime = join(serverLayout(dir).dir, 'bin/runtime/scripts/publish/runtime.ts');
  const r = spawnSync(node, ['--no-warnings', '--experimental-strip-types', runtime, 'cache-key', lock], { encoding: 'utf8' });
  if (r.status !== 0) fail(`cache-key failed: ${r.stderr}`);
  const entry = join(serverLayout(dir).modules, r.stdout.trim());
  if (existsSync(join(entry, 'node_modules'))) { console.log(`cache ${entry} already there`); return; }
  const stage = `${entry}.seeding`;
  rmSync(stage, { recursive: true, force: true });
  mkdirSync(stage, { recursive: true });
  const linked = spawnSync('cp', ['-al', join(from, 'node_modules'), join(stage, 'node_modules')]);
  if (linked.status !== 0) {
    rmSync(join(stage, 'node_modules'), { recursive: true, force: true });
    const copied = spawnSync('cp', ['-a', join(from, 'node_modules'), join(stage, 'node_modules')], { encoding: 'utf8' });
    if (copied.status !== 0) fail(`could not copy node_modules: ${copied.stderr}`);
  }
  // Astro's and Vite's caches are per checkout: not shared (the files are hard links)
  for (const cache of ['.astro', '.vite']) rmSync(join(stage, 'node_modules', cache), { recursive: true, force: true });
  renameSync(stage, entry);
  console.log(`seeded ${entry} from ${from}/node_modules`);
}

function main(argv: string[]): void {
  let parsed;
  try {
    parsed = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      branch: { type: 'string', default: 'main' },
      keep: { type: 'string', default: '5' },
      'lock-timeout': { type: 'string', default: '600' },
      env: { type: 'string', multiple: true, default: [] },
      'check-args': { type: 'string', default: defaultCheckArgs },
      'no-checks': { type: 'boolean' },
      'after-publish': { type: 'string', default: '' },
      'server-name': { type: 'string', default: '_' },
      listen: { type: 'string', default: '80' },
      headers: { type: 'string' },
      from: { type: 'string' },
      lockfile: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    });
  } catch (e) {
    fail(`${(e as Error).message}\n\n${usage}`);
  }
  const { values, positionals } = parsed;
  const [command, dirArg] = positionals;
  if (values.help || !command) { process.stdout.write(usage); process.exit(command || values.help ? 0 : 2); }
  if (!dirArg) fail(`${command} needs the server directory\n\n${usage}`);
  const dir = resolve(dirArg);
  const initialized = existsSync(serverLayout(dir).conf);
  if (command !== 'init' && command !== 'nginx-config' && !initialized) fail(`${dir} is not set up: run npm run publish -- init ${dirArg}`);
  switch (command) {
    case 'init':
      return init(dir, values);
    case 'rollback':
      process.exit(hook(dir, 'rollback'));
    case 'republish':
      process.exit(hook(dir, 'republish'));
    case 'scheduled':
      process.exit(hook(dir, 'scheduled'));
    case 'status': {
      const conf = parseConf(readFileSync(serverLayout(dir).conf, 'utf8'));
      const s = readStatus(dir, conf.branch);
      const main = s.main ? `${s.main.slice(0, 12)}   (release: ${s.mainRelease ?? 'none kept'})` : '(nothing pushed yet)';
      console.log(`${`${conf.branch}:`.padEnd(9)} ${main}`);
      console.log(`live:     ${s.live ?? '(none)'}\nprevious: ${s.previous ?? '(none)'}\nnewest:   ${s.releases.at(-1) ?? '(none)'}`);
      const left = s.leftBehind && `(no push) but the build of ${s.leftBehind.sha.slice(0, 12)}, whose push was killed, still runs as process group ${s.leftBehind.group}: the next push stops it, or kill -- -${s.leftBehind.group}`;
      console.log(`building: ${s.building ?? left ?? '(nothing)'}`);
      console.log(`releases (newest last, keeping ${conf.keep}):\n${s.releases.map((r) => `  ${r}${r === s.live ? '   <- live' : ''}`).join('\n')}`);
      console.log(verdict(s, dir, conf.branch));
      return;
    }
    case 'nginx-config':
      process.stdout.write(renderNginx(readFileSync(nginxTemplate, 'utf8'), {
        dir, listen: values.listen, serverName: values['server-name'], headers: resolve(values.headers ?? join(serverLayout(dir).live, nginxFragments.headers.file)),
      }));
      return;
    case 'seed-cache':
      if (!values.from) fail('seed-cache needs --from <project checkout>');
      return seedCache(dir, resolve(values.from), values.lockfile ? resolve(values.lockfile) : undefined);
    default:
      fail(`unknown command "${command}"\n\n${usage}`);
  }
}

main(process.argv.slice(2));
