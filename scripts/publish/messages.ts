// What the publish hook tells the author, decided from facts: whose fault a failed step is,
// what a push of refs publishes, and what to do after a publish. Pure: the runtime gathers the
// facts (logs, free space, git) and prints the answer.

/** KB -> "12 KB", "340 MB", "2 GB" */
export function humanKb(kb: number): string {
  if (kb >= 1048576) return `${Math.floor(kb / 1048576)} GB`;
  if (kb >= 1024) return `${Math.floor(kb / 1024)} MB`;
  return `${kb} KB`;
}

/** Less than this much free space (KB) is a full disk. */
const fullDiskKb = 1024;
const noSpace = /ENOSPC|No space left on device/;

export interface StepFailure {
  /** "the build", "npm ci", "the site's checks"... */
  what: string;
  /** the step's exit status (128 + N: killed by signal N) */
  rc: number;
  /** the author's (a failing build or checks) unless the server caused it */
  kind: 'author' | 'server';
  /** the hook's command: pre-receive, republish, scheduled */
  command: string;
  log: string;
  /** free KB where the server keeps its files, if known */
  freeKb: number | undefined;
  dir: string;
}

/** The last line of a failed step: whose problem it is, and what to do. */
export function stepFailure(f: StepFailure): string {
  if (f.rc >= 128) return `${f.what} was stopped on the server (signal ${f.rc - 128}) — not a problem with your commit; push again.`;
  if (noSpace.test(f.log) || (f.freeKb !== undefined && f.freeKb < fullDiskKb)) {
    return `the server is out of disk space (${humanKb(f.freeKb ?? 0)} free in ${f.dir}): not a problem with your commit; free space on the server, then push again.`;
  }
  if (f.kind === 'server') return `${f.what} failed on the server (see its output above): not a problem with your commit; push again once the server is fixed.`;
  if (f.command === 'republish') return 'not republished: fix the error above in a new commit, and push it.';
  return 'push rejected: fix the error above, commit, and push again.';
}

/** A command of the hook itself failed (extracting, copying, moving): not the commit's fault. */
export function hookFailure(line: string, rc: string, freeKb: number | undefined, dir: string): string {
  if (freeKb !== undefined && freeKb < fullDiskKb) {
    return `the server is out of disk space (${humanKb(freeKb)} free in ${dir}): not a problem with your commit; nothing was published. Free space on the server, then push again.`;
  }
  return `the server could not prepare the build (publish-hook line ${line} exited ${rc}): not a problem with your commit; nothing was published. See the server's disk and logs, then push again.`;
}

/** npm ci failed: a lockfile npm refuses is the commit's; anything else (the network, the registry) the server's. */
export const npmFailureKind = (log: string): 'author' | 'server' =>
  /EUSAGE|in sync|ETARGET|E404|ERESOLVE|EJSONPARSE|Invalid package/.test(log) ? 'author' : 'server';

const zero = /^0+$/;

/**
 * What a push's ref updates (pre-receive's "old new ref" lines) mean: the published branch's
 * update, if any, and a line for every other ref, which is kept but never built.
 */
export function readPush(lines: readonly string[], branch: string, current: string | undefined):
  { update?: { old: string; new: string }; say: string[]; refuse?: string } {
  const say: string[] = [];
  let update: { old: string; new: string } | undefined;
  for (const line of lines) {
    const [old = '', sha = '', ref = ''] = line.trim().split(/\s+/);
    if (!ref) continue;
    const name = ref.replace(/^refs\/[^/]+\//, '');
    if (ref !== `refs/heads/${branch}`) {
      if (zero.test(sha)) { say.push(`deleted ${name} (not published: only ${branch} is)`); continue; }
      const as = ref.startsWith('refs/tags/') ? `${name}^{commit}` : name;
      const site = current ? `${branch} at ${current.slice(0, 12)}` : 'nothing yet';
      say.push(`not published: ${name} is kept in the repository, but only ${branch} is built; the site still shows ${site}. To publish it: git push <remote> ${as}:${branch}`);
      continue;
    }
    if (zero.test(sha)) return { say, refuse: `refusing to delete ${branch}: the site is built from it.` };
    update = { old, new: sha };
  }
  return { ...(update ? { update } : {}), say };
}

/**
 * With no after-publish command set, what the author must do for nginx to follow the new
 * release: it reads the headers and redirects files only when it loads.
 */
export interface NginxFiles { headers: string | undefined; redirects: string | undefined }
export function reloadNotes(previous: NginxFiles, live: NginxFiles): string[] {
  const notes: string[] = [];
  if (previous.headers !== undefined && previous.headers !== live.headers) {
    notes.push('note: this release\'s security headers (CSP) differ from the last one\'s: reload nginx (sudo nginx -s reload) so it sends them; init with --after-publish "sudo nginx -s reload" to do it on each publish.');
  }
  const rules = (text: string | undefined) => (text ?? '').split('\n').filter((l) => l.startsWith('location')).join('\n');
  if (rules(previous.redirects) !== rules(live.redirects)) {
    notes.push('note: this release\'s redirects of old URLs (aliases) differ from the last one\'s: reload nginx (sudo nginx -s reload) so it answers them with a 301 (until then the redirect pages send readers on).');
  }
  return notes;
}

/**
 * What a push that finds no build cache (the first on a server, or after the cache was lost) says
 * before it starts: a cold build and every check, with how long that takes. `posts` counts the
 * post files (drafts too). The rate is this
 * project's `npm run bench -- publish` on a 2-core machine: 26.7 s for the four posts and 95.5 s
 * for 1,004, a first push with its packages already cached; installing them adds npm's time.
 */
export function coldBuildNote(posts: number, installing: boolean): string {
  const seconds = Math.round((26 + 0.069 * posts) / 5) * 5;
  const time = seconds >= 120 ? `about ${Math.round(seconds / 60)} minutes` : `about ${seconds} s`;
  return `no build cache on this server yet: this push builds the site from its ${posts} post file${posts === 1 ? '' : 's'} and runs every check, ${time} on a 2-core machine` +
    `${installing ? ', after npm installs the packages' : ''}; later pushes of a post reuse it and take seconds.`;
}

/**
 * What the after-publish command (e.g. `sudo nginx -s reload`) leaves for the author: one line
 * when it worked (nginx's own "[notice] … signal process started" is noise), its output and a
 * warning when it failed; the release is live either way.
 */
export function afterPublishLines(command: string, ok: boolean, output: string): string[] {
  if (ok) return [/\bnginx\b/.test(command) ? 'nginx reloaded' : `after publish: ran ${command}`];
  return [...output.trim().split('\n').filter(Boolean).map((l) => `  | ${l}`), `warning: the after-publish command failed (the release is live all the same): ${command}`];
}
