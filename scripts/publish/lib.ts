// Helpers of the publish CLI: settings file, hook scripts, nginx rendering, status.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { type Building, isRelease, parseBuilding, releaseOf, serverLayout } from './layout.ts';

export const here = import.meta.dirname;
export const projectRoot = resolve(here, '../..');
export const hookSource = join(here, 'hook.sh');

/**
 * The TypeScript the hook runs on the server (Node strips the types), copied under <dir>/bin/runtime/
 * at the same paths as in the project, so their imports hold (publish.test.ts checks the list is
 * closed under import): runtime.ts and what it imports.
 */
export const runtimeFiles = [
  'scripts/publish/runtime.ts', 'scripts/publish/layout.ts', 'scripts/publish/releases.ts', 'scripts/publish/messages.ts',
  'scripts/publish/manifest.ts', 'src/lib/instants.ts', 'src/lib/nginx-fragments.ts',
];
export const nginxTemplate = join(projectRoot, 'deploy/nginx.conf');
export const headersFile = join(projectRoot, 'deploy/security-headers.conf');

export interface Settings {
  nodeBin: string;
  npmCli: string;
  branch: string;
  keep: number;
  lockTimeout: number;
  /** run `npm run check -- <checkArgs>` after the build (when the site has scripts/check.ts) */
  checks: boolean;
  checkArgs: string;
  /** a shell command run after each switch of live, e.g. an nginx reload; '' for none */
  afterPublish: string;
  /** exported to the build, e.g. RZ_SITE_URL */
  buildEnv: Record<string, string>;
}

/** The site's `npm run check` checks the dist the hook just built instead of building again. */
export const defaultCheckArgs = '--dist dist';

/** A POSIX shell word that stands for exactly `s`. */
export function shellQuote(s: string): string {
  return `'${s.replaceAll("'", `'\\''`)}'`;
}

/** <dir>/publish.conf, sourced by the hook. */
export function renderConf(s: Settings): string {
  const lines = [
    '# Written by `npm run publish -- init`; read by bin/publish-hook. Run init again to change it.',
    `NODE_BIN=${shellQuote(s.nodeBin)}`,
    `NPM_CLI=${shellQuote(s.npmCli)}`,
    `BRANCH=${shellQuote(s.branch)}`,
    `KEEP=${s.keep}`,
    `LOCK_TIMEOUT=${s.lockTimeout}`,
    `CHECKS=${s.checks ? 'on' : 'off'}`,
    `CHECK_ARGS=${shellQuote(s.checkArgs)}`,
    `AFTER_PUBLISH=${shellQuote(s.afterPublish)}`,
  ];
  for (const [k, v] of Object.entries(s.buildEnv)) lines.push(`export BUILD_ENV_${k}=${shellQuote(v)}`);
  return `${lines.join('\n')}\n`;
}

/** Reads back what renderConf wrote (for `status` and re-running init). */
export function parseConf(text: string): Settings {
  const vars = new Map<string, string>();
  for (const line of text.split('\n')) {
    const m = /^(?:export )?([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (!m) continue;
    let v = m[2]!;
    if (v.startsWith("'")) v = v.slice(1, -1).replaceAll(`'\\''`, "'");
    vars.set(m[1]!, v);
  }
  const buildEnv: Record<string, string> = {};
  for (const [k, v] of vars) if (k.startsWith('BUILD_ENV_')) buildEnv[k.slice('BUILD_ENV_'.length)] = v;
  return {
    nodeBin: vars.get('NODE_BIN') ?? '',
    npmCli: vars.get('NPM_CLI') ?? '',
    branch: vars.get('BRANCH') ?? 'main',
    keep: Number(vars.get('KEEP') ?? 5),
    lockTimeout: Number(vars.get('LOCK_TIMEOUT') ?? 600),
    checks: vars.get('CHECKS') !== 'off',
    checkArgs: vars.get('CHECK_ARGS') ?? defaultCheckArgs,
    afterPublish: vars.get('AFTER_PUBLISH') ?? '',
    buildEnv,
  };
}

/** site.git/hooks/<name>: finds <dir>/bin/publish-hook relative to itself, so <dir> can move. */
export function hookScript(name: 'pre-receive' | 'post-receive'): string {
  return [
    '#!/bin/sh',
    `# Ring Zero publish: see ../../bin/publish-hook (installed by \`npm run publish -- init\`).`,
    'dir=$(cd "$(dirname "$0")/../.." && pwd -P)',
    `exec bash "$dir/bin/publish-hook" ${name}`,
    '',
  ].join('\n');
}

export interface NginxOptions { dir: string; listen: string; serverName: string; headers: string }

export function renderNginx(template: string, o: NginxOptions): string {
  const values: Record<string, string> = { DIR: o.dir, LISTEN: o.listen, SERVER_NAME: o.serverName, HEADERS: o.headers };
  const out = template.replace(/\{\{([A-Z_]+)\}\}/g, (all, k: string) => values[k] ?? all);
  const left = /\{\{[A-Z_]+\}\}/.exec(out);
  if (left) throw new Error(`nginx template: unknown placeholder ${left[0]}`);
  return out;
}

export interface Status {
  /** the commit the published branch names, null before the first push */
  main: string | null;
  /** the newest release built from it */
  mainRelease: string | null;
  live: string | null;
  previous: string | null;
  /** the release a rollback made live (run/rolled-back), until the next publish */
  rolledBack: string | null;
  releases: string[];
  building: string | null;
  /** a build whose push (the hook) was killed outright while its processes (one group) still run */
  leftBehind: { sha: string; group: number } | null;
}

export function readStatus(dir: string, branch = 'main'): Status {
  const l = serverLayout(dir);
  const link = (file: string): string | null => {
    try { return basename(readlinkSync(file)); } catch { return null; }
  };
  const releases = existsSync(l.releases) ? readdirSync(l.releases).filter(isRelease).sort() : [];
  let building: string | null = null;
  let leftBehind: Status['leftBehind'] = null;
  let b: Building | undefined;
  try { b = parseBuilding(readFileSync(l.building, 'utf8')); } catch { /* not building */ }
  if (b && isAlive(b.pid)) building = b.sha || null;
  else if (b?.group && isAlive(-b.group)) leftBehind = { sha: b.sha, group: b.group };
  let rolledBack: string | null = null;
  try { rolledBack = readFileSync(l.rolledBack, 'utf8').split(/\s/)[0] || null; } catch { /* none */ }
  const r = spawnSync('git', ['--git-dir', l.siteGit, 'rev-parse', '-q', '--verify', `refs/heads/${branch}`], { encoding: 'utf8' });
  const main = r.status === 0 ? r.stdout.trim() : null;
  const mainRelease = main ? (releaseOf(releases, main) ?? null) : null;
  return { main, mainRelease, live: link(l.live), previous: link(l.previous), rolledBack, releases, building, leftBehind };
}

/** What `status` prints below the listing: whether live serves what the branch names, and the fix if not. */
export function verdict(s: Status, dir: string, branch = 'main'): string {
  if (!s.main) return `nothing pushed to ${branch} yet`;
  if (s.live && s.live === s.mainRelease) return `ok: live serves ${branch} (${s.main.slice(0, 12)})`;
  if (s.live && s.live === s.rolledBack) {
    return `live: rolled back on purpose; the next push publishes ${branch} again (to publish it now: npm run publish -- republish ${dir})`;
  }
  const its = s.mainRelease ? `its release is ${s.mainRelease}` : 'no release of it is kept';
  return [
    `mismatch: live serves ${s.live ?? '(nothing)'}, but ${branch} is ${s.main.slice(0, 12)} (${its}).${s.building ? ' A push is building now: it may settle this; run status again when it is done.' : ''}`,
    `fix: npm run publish -- republish ${dir}   (publishes ${branch}'s release under the build lock, building it from site.git if none is kept)`,
  ].join('\n');
}

/** Whether a process (or, for a negative id, any process of that group) still runs. */
function isAlive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch { return false; }
}

/** The placeholder release of a fresh server, so `live` exists before the first push. */
export const placeholderId = '00000000T000000-placeholder';
export const placeholderHtml = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Nothing published yet</title></head>
<body><p>Nothing published yet: <code>git push</code> to the server's site.git publishes the site.</p></body></html>
`;
