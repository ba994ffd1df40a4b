// Publish benchmark: `git push` to a real `npm run publish -- init` server with the site's full
// checks (astro check included), timed until the hook has switched `live`. For the four posts
// and for the reference corpus plus the four posts: the cold first push, then a push that
// changes one post (median of RZ_BENCH_RUNS), each beside cold builds of the same commit, the
// site's `npm run build` and the plain baseline's (plain.config.mjs, medians too) in the same run; and a warm
// `npm run build` with one post changed.
import { appendFileSync, cpSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { authorRepo, git, makeServerDir, publishCli, push } from '../harness/publish-server.ts';
import { corpus, root, timedBuild, type Row } from './support.ts';

const RUNS = Number(process.env['RZ_BENCH_RUNS'] ?? 3);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const list = (xs: number[]) => xs.map((x) => x.toFixed(1)).join(', ');

async function timedPush(author: string): Promise<number> {
  const t = performance.now();
  const r = await push(author);
  if (r.code !== 0) throw new Error(`push failed:\n${r.output}`);
  return (performance.now() - t) / 1000;
}

function editOnePost(author: string, post: string, i: number): void {
  appendFileSync(join(author, 'content/posts', post), `\nEdited for the publish benchmark, round ${i}.\n`);
  git(author, 'commit', '-qam', `Edit ${post} (${i})`);
}

export default async function benchPublish(): Promise<Row[]> {
  const rows: Row[] = [];
  const section = 'publish';
  for (const n of [0, 1000]) {
    const label = n ? `${n + 4} posts` : '4 posts';
    const server = makeServerDir();
    const dirs = [server];
    try {
      const init = publishCli('init', server, '--keep', '3');
      if (init.code !== 0) throw new Error(init.output);
      const author = authorRepo(join(server, 'site.git'));
      dirs.push(author);
      if (n) {
        cpSync(corpus(n), join(author, 'content/posts'), { recursive: true });
        git(author, 'add', '-A');
        git(author, 'commit', '-qm', `The reference corpus, ${n} posts`);
      }
      const seed = publishCli('seed-cache', server, '--from', root, '--lockfile', join(author, 'package-lock.json'));
      if (seed.code !== 0) throw new Error(seed.output);

      const first = await timedPush(author);
      // Cold builds of the same commit in the author's checkout (packages linked in): the plain
      // baseline's and `npm run build`, in turn, medians of RUNS (a cold build clears the
      // checkout's caches; the warm builds below start from the site's, made last)
      symlinkSync(join(root, 'node_modules'), join(author, 'node_modules'));
      const plains: number[] = [];
      const colds: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        plains.push(timedBuild(`publish-plain-${n}`, {}, { cwd: author, config: 'scripts/bench/plain.config.mjs' }).seconds);
        colds.push(timedBuild(`publish-cold-${n}`, {}, { cwd: author }).seconds);
      }
      const plain = median(plains);
      const cold = median(colds);
      rows.push({ section, name: `cold builds, ${label}: npm run build / plain`, value: cold, unit: 's', note: `×${(cold / plain).toFixed(2)} plain (${plain.toFixed(1)} s); medians of ${RUNS}: ${list(colds)} s / ${list(plains)} s` });
      rows.push({ section, name: `first push, ${label} (cold)`, value: first, unit: 's', note: `×${(first / cold).toFixed(2)} of a cold npm run build (${cold.toFixed(1)} s); build, astro check, every check` });

      const post = readdirSync(join(author, 'content/posts')).filter((f) => f.endsWith('.md')).sort()[0]!;
      const pushes: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        editOnePost(author, post, i);
        pushes.push(await timedPush(author));
      }
      const p = median(pushes);
      rows.push({ section, name: `push-to-live, ${label}, one post changed`, value: p, unit: 's', note: `×${(p / plain).toFixed(2)} of a plain cold build (${plain.toFixed(1)} s; target ≤ ×${n ? '0.6' : '1.1'}), ×${(p / cold).toFixed(2)} of the site's; median of ${RUNS}: ${list(pushes)} s` });

      const warm: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        editOnePost(author, post, RUNS + i);
        warm.push(timedBuild(`publish-warm-${n}`, {}, { cwd: author, warm: true }).seconds);
      }
      const w = median(warm);
      rows.push({ section, name: `npm run build, ${label}, one post changed (warm)`, value: w, unit: 's', note: `×${(w / cold).toFixed(2)} of the cold build; median of ${RUNS}: ${list(warm)} s${n ? '; target 8 s' : ''}` });
    } finally {
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
    }
  }
  return rows;
}
