// A temporary publish server (npm run publish -- init) and authors who git push to it.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanEnv, projectRoot as root } from '../astro-build.ts';
import { tempDir } from './temp.ts';

export const cli = join(root, 'scripts/publish/cli.ts');

export function publishCli(...args: string[]): { code: number; output: string } {
  return publishCliWith({}, ...args);
}

/** publishCli with extra environment, e.g. RZ_NOW for the daily `scheduled` run. */
export function publishCliWith(env: Record<string, string>, ...args: string[]): { code: number; output: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: cleanEnv(env), timeout: 120_000 });
  return { code: r.status ?? 1, output: `${r.stdout}${r.stderr}` };
}

const gitEnv = (): NodeJS.ProcessEnv => cleanEnv({
  GIT_AUTHOR_NAME: 'Test Author', GIT_AUTHOR_EMAIL: 'author@example.org',
  GIT_COMMITTER_NAME: 'Test Author', GIT_COMMITTER_EMAIL: 'author@example.org',
  GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0',
});

export function git(cwd: string, ...args: string[]): string {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', env: gitEnv() });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed in ${cwd}:\n${r.stdout}${r.stderr}`);
  return r.stdout.trim();
}

export interface Push { code: number; output: string }
export interface RunningPush { pid: number; output: () => string; done: Promise<Push>; kill: (signal: NodeJS.Signals) => void }

/** `git push [extra...] live main` in the background, in its own process group (so the whole push can be killed). */
export function startPush(cwd: string, ...extra: string[]): RunningPush {
  return startPushOf(cwd, extra, ['main']);
}

/** `git push live <refspecs...>` (another branch, a tag, `:branch`) in the background. */
export const startPushRefs = (cwd: string, ...refspecs: string[]): RunningPush => startPushOf(cwd, [], refspecs);
export const pushRefs = (cwd: string, ...refspecs: string[]): Promise<Push> => startPushRefs(cwd, ...refspecs).done;

function startPushOf(cwd: string, extra: string[], refspecs: string[]): RunningPush {
  const child = spawn('git', ['push', ...extra, 'live', ...refspecs], { cwd, env: gitEnv(), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const done = new Promise<Push>((ok) => child.on('close', (code, signal) => ok({ code: code ?? (signal ? 128 : 1), output })));
  return {
    pid: child.pid!,
    output: () => output,
    done,
    kill: (signal) => { try { process.kill(-child.pid!, signal); } catch { /* gone */ } },
  };
}

export const push = (cwd: string): Promise<Push> => startPush(cwd).done;

/** An author's repository holding the site as committed at the project's HEAD (others' uncommitted work left out). */
export function authorRepo(remote: string): string {
  const dir = tempDir('rz-author-');
  const archive = spawnSync('sh', ['-c', `git -C "${root}" archive HEAD | tar -x -C "${dir}"`], { encoding: 'utf8' });
  if (archive.status !== 0) throw new Error(archive.stderr);
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'The blog as it is');
  git(dir, 'remote', 'add', 'live', remote);
  return dir;
}

export function cloneAuthor(remote: string): string {
  const dir = tempDir('rz-author2-');
  git(dir, 'clone', '-q', '-o', 'live', remote, '.');
  return dir;
}

export function addPost(repo: string, slug: string, frontmatter: string, body: string): void {
  mkdirSync(join(repo, 'content/posts'), { recursive: true });
  writeFileSync(join(repo, 'content/posts', `${slug}.md`), `---\n${frontmatter}\n---\n\n${body}\n`);
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', `Post ${slug}`);
}

export const liveTarget = (dir: string): string => readlinkSync(join(dir, 'live'));

export function makeServerDir(): string {
  return tempDir('rz-server-');
}
