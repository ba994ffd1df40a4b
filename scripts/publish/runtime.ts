// The publish hook's TypeScript half, run on the server by the server's Node (types stripped):
// everything the hook decides or reads, and the switch of live, so that bash keeps only locks,
// the build's steps in process groups, and signals. `init` copies it, and the files it imports (runtimeFiles in lib.ts), under
// <dir>/bin/runtime/. RZ_SERVER names the server folder. A failure it reports is printed as the
// hook prints (publish: ...) and exits 1.
//   node runtime.ts <command> [args]   (commands: below)
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, readlinkSync, renameSync, rmSync, statfsSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { constants } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fragmentProblems, nginxFragments, type NginxFragment } from '../../src/lib/nginx-fragments.ts';
import { nowOf } from '../../src/lib/instants.ts';
import { builtAt, isRelease, parseBuilding, releaseId, releaseOf, serverLayout, type ServerLayout } from './layout.ts';
import { dueScheduled, nginxFileEntry, readPublishManifest, type PublishManifest } from './manifest.ts';
import { afterPublishLines, coldBuildNote, hookFailure, npmFailureKind, readPush, reloadNotes, stepFailure } from './messages.ts';
import { historyAfter, parseHistory, releasesToPrune, rollbackFrom } from './releases.ts';

class Refusal extends Error {}

/** The site's build cache folder in a work tree: src/node/build-cache.ts's (runtime.test.ts checks they agree). */
export const cacheFolder = '.cache';

const readText = (file: string): string | undefined => {
  try { return readFileSync(file, 'utf8'); } catch (e) { if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined; throw e; }
};
const link = (file: string): string | undefined => { try { return basename(readlinkSync(file)); } catch { return undefined; } };
const releases = (l: ServerLayout): string[] => (existsSync(l.releases) ? readdirSync(l.releases).filter(isRelease).sort() : []);
const freeKb = (dir: string): number | undefined => { try { const s = statfsSync(dir); return Math.floor((s.bavail * s.bsize) / 1024); } catch { return undefined; } };
/** Replaces a file whole (a reader sees the old text or the new). */
const writeWhole = (file: string, text: string): void => { writeFileSync(`${file}.tmp`, text); renameSync(`${file}.tmp`, file); };

/** node_modules cache key: the lockfile, the package.json beside it (npm ci checks one against the other) and Node's version (native packages follow its ABI). */
export function cacheKey(lockfile: string, nodeVersion = process.version): string {
  const h = createHash('sha256');
  for (const f of [lockfile, join(dirname(lockfile), 'package.json')]) { const t = readText(f); if (t !== undefined) h.update(t); }
  return h.update(`${nodeVersion}\n`).digest('hex').slice(0, 16);
}

/** The fields of /proc/<pid>/stat after "pid (comm) ": state, ppid, pgrp, ... (starttime is the 20th). */
const statFields = (pid: string): string[] | undefined => readText(`/proc/${pid}/stat`)?.replace(/^.*\) /s, '').split(' ');

/** A process's start time while it runs (not a zombie): tells a reused pid apart. */
function procStart(pid: string): string | undefined {
  const fields = statFields(pid);
  return fields && fields[0] !== 'Z' ? fields[19] : undefined;
}

/** A process of group `group` still works in the server's folder (the id was not reused). */
function groupWorksIn(group: number, dir: string): boolean {
  for (const pid of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    if (Number(statFields(pid)?.[2]) !== group) continue;
    try { if (readlinkSync(`/proc/${pid}/cwd`).startsWith(`${dir}/`)) return true; } catch { /* gone */ }
  }
  return false;
}

/**
 * The nginx files of a built dist/: each one the manifest lists must be what the build wrote (its
 * SHA-256), and every one, listed or not (a build before manifests listed them), is checked again
 * by the rule that wrote it: the pushed commit's code is not trusted to have used it. The name of
 * the check that failed, if one did; what failed goes to the log.
 */
function checkNginxFiles(dist: string, manifest: PublishManifest, log: string): string | undefined {
  for (const kind of Object.keys(nginxFragments) as NginxFragment[]) {
    const { file, form } = nginxFragments[kind];
    const text = readText(join(dist, file));
    const listed = manifest.nginx.find((n) => n.kind === kind);
    const problems = text === undefined ? [] : fragmentProblems(kind, text);
    if (listed && (text === undefined || nginxFileEntry(kind, text).sha256 !== listed.sha256)) {
      problems.unshift(`dist/${file} is not the file the build wrote (its publish manifest lists ${text === undefined ? 'a file that is missing' : 'another SHA-256'})`);
    }
    if (!problems.length) continue;
    appendFileSync(log, `${problems.slice(0, 5).join('\n')}\ndist/${file} may hold only lines of the form: ${form}\n`);
    return `the ${kind} check`;
  }
  return undefined;
}

/** The posts of the work tree: every .md and .mdx file under the posts folder (the collection's pattern). */
function postFiles(dir: string): number {
  try { return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.mdx?$/.test(f)).length; } catch { return 0; }
}

/** package.json's build and check scripts, each in <dir>/scripts/<name>, read by the hook's run_script (none when missing). */
function writePackageScripts(dir: string): void {
  let scripts: Record<string, unknown> = {};
  try { scripts = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts?: Record<string, unknown> }).scripts ?? {}; } catch { /* the hook says the script is missing */ }
  mkdirSync(join(dir, 'scripts'), { recursive: true });
  for (const name of ['build', 'check']) if (typeof scripts[name] === 'string') writeFileSync(join(dir, 'scripts', name), scripts[name]);
}

/**
 * The site's build caches (.cache/) go from push to push: copied into the work tree before a
 * build (copies, not links: the build rewrites files in place), replaced by the build's own
 * after one that passed.
 */
function restoreBuildCache(l: ServerLayout): void {
  if (!existsSync(l.buildCache)) return;
  try {
    cpSync(`${l.buildCache}/`, cacheFolder, { recursive: true, preserveTimestamps: true, verbatimSymlinks: true });
  } catch {
    say(`warning: could not copy the build cache (see ${dirname(l.buildCache)}); building without it`);
    rmSync(cacheFolder, { recursive: true, force: true });
  }
}
function keepBuildCache(l: ServerLayout, id: string): void {
  if (!existsSync(cacheFolder)) return;
  const kept = `build-${id}`;
  try {
    renameSync(cacheFolder, join(dirname(l.buildCache), kept));
    relink(kept, l.buildCacheNext, l.buildCache);
  } catch {
    say('warning: could not keep the build cache; the next build starts without it');
    return;
  }
  for (const n of readdirSync(dirname(l.buildCache))) if (n.startsWith('build-') && n !== kept) rmSync(join(dirname(l.buildCache), n), { recursive: true, force: true });
}

/** Points a symlink at `target` by renaming a fresh one over it: readers see the old or the new. */
function relink(target: string, next: string, file: string): void {
  rmSync(next, { force: true });
  symlinkSync(target, next);
  renameSync(next, file);
}

/**
 * live -> releases/id: first previous -> the outgoing release, so that an asset of the outgoing
 * release is always in live or previous. Returns what live named before.
 */
function switchTo(l: ServerLayout, id: string): string | undefined {
  const was = link(l.live);
  if (was === id) return was;
  if (was) relink(`releases/${was}`, l.previousNext, l.previous);
  relink(`releases/${id}`, l.liveNext, l.live);
  return was;
}

function nginxNotes(l: ServerLayout, quiet: boolean): void {
  if (quiet) return; // the after-publish command reloads nginx
  const files = (root: string) => ({ headers: readText(join(root, nginxFragments.headers.file)), redirects: readText(join(root, nginxFragments.redirects.file)) });
  for (const n of reloadNotes(files(l.previous), files(l.live))) say(n);
}

/** Publishes release id: the switch, the history, then pruning to `keep` releases (once: live naming id already is done). */
function publish(l: ServerLayout, id: string, keep: number, quiet: boolean): void {
  rmSync(l.rolledBack, { force: true });
  if (switchTo(l, id) === id) return;
  writeWhole(l.history, `${historyAfter(parseHistory(readText(l.history) ?? ''), id).join('\n')}\n`);
  for (const old of releasesToPrune(releases(l), keep, link(l.live), link(l.previous))) {
    for (const f of [join(l.releases, old), join(l.scheduled, `${old}.json`), join(l.scheduled, old)]) rmSync(f, { recursive: true, force: true });
  }
  nginxNotes(l, quiet);
}

/** live -> the release published before the current one that is still kept; the history walks back. */
function rollback(l: ServerLayout, quiet: boolean): string {
  const current = link(l.live);
  if (!current) throw new Refusal('nothing is live yet: nothing to roll back.');
  const kept = new Set(releases(l));
  const r = rollbackFrom(parseHistory(readText(l.history) ?? ''), current, (id) => kept.has(id));
  if (!r) throw new Refusal(`no earlier release is kept (see ${l.releases}): nothing to roll back to.`);
  switchTo(l, r.to);
  writeWhole(l.history, `${r.history.join('\n')}\n`);
  writeFileSync(l.rolledBack, `${r.to} ${current}\n`);
  say(`rolled back: live -> releases/${r.to} (was ${current}). The next push publishes again.`);
  nginxNotes(l, quiet);
  return r.to;
}

/** A log over `max` lines keeps its last `keep`, rewritten in place (its writers append). */
function trimLog(file: string, max: number, keep: number): void {
  const lines = (readText(file) ?? '').split('\n');
  if (lines.length > max) writeFileSync(file, lines.slice(-keep - 1).join('\n'));
}

/** node_modules -> cache/modules/<key>/node_modules, the set marked as used (pruning keeps the most recently used). */
function usePackages(l: ServerLayout, key: string): void {
  const now = new Date();
  utimesSync(join(l.modules, key), now, now);
  symlinkSync(join(l.modules, key, 'node_modules'), 'node_modules');
}

/** Keeps the `keep` most recently used entries of a cache folder (a build touches the one it uses). */
function pruneCache(folder: string, keep: number): void {
  const used = (n: string) => { try { return statSync(join(folder, n)).mtimeMs; } catch { return -1; } }; // (removed meanwhile)
  const entries = readdirSync(folder).filter((n) => !n.startsWith('.'))
    .map((n) => ({ n, t: used(n) })).filter((e) => e.t >= 0).sort((a, b) => b.t - a.t);
  for (const { n } of entries.slice(keep)) rmSync(join(folder, n), { recursive: true, force: true });
}

type Output = string | string[] | void;
const commands: Record<string, (l: ServerLayout, args: string[]) => Output | Promise<Output>> = {
  'cache-key': (_, [lockfile = 'package-lock.json']) => cacheKey(lockfile),
  /**
   * (in the work tree of commit sha, before the build) the id of the release the build makes (its
   * time is now), then the packages' cache key if npm must install them (else node_modules is
   * linked to the cached set); the build cache copied in; package.json's build and check scripts
   * written to <tmp>/scripts/ for the hook's run_script
   */
  'prepare-build': (l, [sha = '', tmp = '..']) => {
    if (!existsSync('package-lock.json')) throw new Refusal('the pushed commit has no package-lock.json; nothing was published.');
    const key = cacheKey('package-lock.json');
    const cached = existsSync(join(l.modules, key, 'node_modules'));
    if (!existsSync(l.buildCache)) say(coldBuildNote(postFiles(process.env['RZ_CONTENT_DIR'] || 'content/posts'), !cached));
    restoreBuildCache(l);
    writePackageScripts(tmp);
    if (cached) usePackages(l, key);
    return `${releaseId(new Date(), sha)}${cached ? '' : ` ${key}`}`;
  },
  /**
   * (a step of the hook, in the work tree: its process group stops npm too) npm ci into
   * cache/modules/<key>/ through a staging folder, then linked as node_modules. Exits 2 when npm
   * refused the commit's lockfile (the author's to fix), 3 when npm failed otherwise (the network,
   * the registry: the server's), 128 + N when npm was killed by signal N.
   */
  'install-packages': (l, [key = '', log = '', ...npm]) => {
    const stage = join(l.modules, `.tmp-${key}`);
    rmSync(stage, { recursive: true, force: true });
    mkdirSync(stage, { recursive: true });
    for (const f of ['package.json', 'package-lock.json']) copyFileSync(f, join(stage, f));
    // npm ci: exactly the tree the lockfile lists (it lists every platform's optional packages)
    const [bin = 'npm', ...args] = npm;
    const env = { ...process.env };
    delete env['NODE_COMPILE_CACHE']; // (the runtime's own: npm's modules would fill it, each once per install)
    const r = spawnSync(bin, [...args, 'ci', '--no-audit', '--no-fund', '--loglevel=error', '--cache', l.npmCache], { cwd: stage, stdio: 'inherit', env });
    if (r.error) console.error(`npm could not be started (${bin}): ${r.error.message}`); // (into the step's log, which the author sees)
    if (r.signal) process.exit(128 + (constants.signals[r.signal] ?? 0));
    if (r.status !== 0) process.exit(npmFailureKind(readText(log) ?? '') === 'author' ? 2 : 3);
    mkdirSync(join(stage, 'node_modules'), { recursive: true }); // (a site without dependencies gets none)
    rmSync(join(l.modules, key), { recursive: true, force: true });
    renameSync(stage, join(l.modules, key));
    try { pruneCache(l.modules, 3); } catch { say('warning: could not prune the package cache (cache/modules); the push goes on'); } // (in the step's log)
    usePackages(l, key);
  },
  /**
   * (in the work tree, after the build and its checks) nginx's files checked (the failed check's
   * name, exit 1); then the build's publish manifest kept beside the release, and its build cache
   */
  'accept-build': (l, [id = '', log = '/dev/null']) => {
    const manifest = process.env['RZ_PUBLISH_MANIFEST'] ?? '';
    const text = readText(manifest);
    let read: PublishManifest;
    try { read = readPublishManifest(text); } catch (e) {
      appendFileSync(log, `${manifest}: ${e instanceof Error ? e.message : String(e)}\n`);
      console.log('checking the publish manifest');
      process.exit(1);
    }
    const failed = checkNginxFiles('dist', read, log);
    if (failed) { console.log(failed); process.exit(1); }
    mkdirSync(l.scheduled, { recursive: true });
    if (text !== undefined) copyFileSync(manifest, join(l.scheduled, `${id}.json`));
    else rmSync(join(l.scheduled, `${id}.json`), { force: true });
    keepBuildCache(l, id);
  },
  /**
   * pre-receive's ref lines on stdin: the branch's "old new" and the start time of receive-pack
   * (pid; it updates the branch after the hook) on stdout, a line on stderr for the other refs
   */
  refs: (_, [branch = 'main', receivePack = '']) => {
    const r = spawnSync('git', ['rev-parse', '-q', '--verify', `refs/heads/${branch}`], { encoding: 'utf8' });
    const push = readPush(readFileSync(0, 'utf8').split('\n'), branch, r.status === 0 ? r.stdout.trim() : undefined);
    for (const line of push.say) say(line);
    if (push.refuse) throw new Refusal(push.refuse);
    return push.update ? `${push.update.old} ${push.update.new} ${procStart(receivePack) ?? ''}` : '';
  },
  /**
   * the finisher (build lock held): waits until post-receive flags the commit or receive-pack
   * (pid, start) ends, 600 s at most; then "publish" when the branch names the commit and
   * post-receive did not publish it (the hook switches live), else the release of a push that
   * was not accepted is deleted. What happened goes to the finisher's log.
   */
  finish: async (l, [id = '', sha = '', pid = '', start = '', branch = 'main']) => {
    try { trimLog(l.finishLog, 2000, 1000); } catch { /* a long log is no reason to fail the push */ }
    const flag = `${l.updatedPrefix}${sha}`;
    const end = Date.now() + 600_000;
    const running = () => (start ? procStart(pid) === start : existsSync(`/proc/${pid}`));
    while (!existsSync(flag) && running() && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
    const log = (line: string) => say(`${new Date().toISOString().replace(/\.\d+Z$/, 'Z')} ${id}: ${line}`);
    const published = existsSync(flag);
    rmSync(flag, { force: true });
    if (published) return log('accepted; post-receive published it');
    const git = spawnSync('git', ['--git-dir', l.siteGit, 'rev-parse', '-q', '--verify', `refs/heads/${branch}`], { encoding: 'utf8' });
    if (git.error || git.status === null) throw new Error(`git could not read ${branch}: ${git.error?.message ?? git.signal}`); // (then the release is kept)
    const head = git.stdout.trim();
    if (head === sha) { log('accepted, but post-receive did not run: the hook publishes it'); return 'publish'; }
    rmSync(join(l.releases, id), { recursive: true, force: true });
    log(`not accepted (${branch} is ${head || 'unset'}, not ${sha}; push rejected or the connection dropped): deleted releases/${id}`);
  },
  /** the process group of a build whose push was killed outright, if it still runs here */
  'stale-group': (l) => {
    const b = parseBuilding(readText(l.building) ?? '');
    return b?.group && groupWorksIn(b.group, l.dir) ? String(b.group) : '';
  },
  /** what a failed step printed (its last 200 lines), then whose problem it is and what to do */
  'step-failed': (l, [what = 'a step', rc = '1', kind = 'author', command = '', log = '', sha = '']) => {
    const text = readText(log) ?? '';
    say(`${what} failed for ${sha.slice(0, 12)}; nothing was published, the live site is unchanged. Output:`);
    const lines = text.replace(/\n$/, '').split('\n');
    if (text) for (const line of lines.slice(-200)) sayRaw(`  | ${line}`);
    say(stepFailure({ what, rc: Number(rc), kind: kind === 'server' ? 'server' : 'author', command, log: text, freeKb: freeKb(l.dir), dir: l.dir }));
  },
  'hook-failed': (l, [line = '?', rc = '?']) => hookFailure(line, rc, freeKb(l.dir), l.dir),
  /** the newest kept release of commit sha; with --say, none is said (republish builds it again) */
  'release-of': (l, [sha = '', opt]) => {
    const id = releaseOf(releases(l), sha);
    if (!id && opt === '--say') say(`no release of ${sha.slice(0, 12)} is kept: building it from site.git`);
    return id ?? '';
  },
  /**
   * (switch lock) publishes release id, or with --commit the newest release of a commit; prints
   * the id. Then, unless --quiet (an after-publish command reloads nginx), what nginx needs.
   */
  publish: (l, args) => {
    const [what = '', keep = '5'] = args.filter((a) => !a.startsWith('--'));
    const id = args.includes('--commit') ? releaseOf(releases(l), what) : what;
    if (!id) throw new Refusal(`no release was built for ${what.slice(0, 12)}; the live site is unchanged.`);
    publish(l, id, Number(keep), args.includes('--quiet'));
    return id;
  },
  /** (switch lock) live -> the release before the current one */
  rollback: (l, args) => { rollback(l, args.includes('--quiet')); },
  /**
   * (the daily run, build lock) whether the branch's commit sha must be built again: the day of
   * the first post its live release held back that is now due (RZ_NOW as a build reads it), or
   * nothing, with what is (not) due said
   */
  due: (l, [sha = '', branch = 'main']) => {
    if (existsSync(l.rolledBack)) throw new Refusal('live was rolled back on purpose: scheduled posts wait for the next push (or npm run publish -- republish).');
    const id = releaseOf(releases(l), sha);
    if (!id || link(l.live) !== id) throw new Refusal(`live is not the release of ${branch}'s commit ${sha.slice(0, 12)}: nothing done (npm run publish -- status says how to fix it).`);
    // a release built before manifests kept a list of days, run/scheduled/<id>
    const text = readText(join(l.scheduled, `${id}.json`)) ?? readText(join(l.scheduled, id));
    const r = dueScheduled(readPublishManifest(text), builtAt(id), nowOf(process.env['RZ_NOW'], new Date()));
    if (r.due) { say(`a post scheduled for ${r.due} is due: building ${sha.slice(0, 12)} again`); return r.due; }
    say(r.next ? `nothing is due: the next scheduled post appears on ${r.next} (UTC).` : 'nothing is due: no post is scheduled.');
    return '';
  },
  /**
   * the settings' after-publish command (e.g. an nginx reload, so nginx reads live/'s header and
   * redirect files), run by sh with RZ_LIVE set; what it did said in a line
   */
  'after-publish': (l) => {
    const command = process.env['AFTER_PUBLISH'] ?? '';
    if (!command) return;
    const r = spawnSync('sh', ['-c', command], { env: { ...process.env, RZ_LIVE: l.live }, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
    for (const line of afterPublishLines(command, r.status === 0, `${r.stdout ?? ''}${r.stderr ?? ''}`)) say(line);
  },
};

function say(line: string): void {
  sayRaw(`publish: ${line}`);
}
function sayRaw(line: string): void {
  try { process.stderr.write(`${line}\n`); } catch { /* the client is gone */ }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [command = '', ...args] = process.argv.slice(2);
  try {
    const run = commands[command];
    if (!run) throw new Error(`usage: node runtime.ts ${Object.keys(commands).join('|')} [args]`);
    const out = await run(serverLayout(process.env['RZ_SERVER'] || process.cwd()), args);
    if (out) process.stdout.write(`${Array.isArray(out) ? out.join('\n') : out}\n`);
  } catch (e) {
    say(e instanceof Refusal ? e.message : `the publish runtime failed (the server's fault, not your commit's): ${command}: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  }
}
