// Scale benchmark (issue 19): the 1,000-post reference corpus, this site against the plain
// baseline (plain.config.mjs: the same pages without this project's extras) in the same run.
//   cold build and its peak memory (median of RZ_BENCH_RUNS, site and plain alternating);
//   a warm build with one post changed, against the plain cold build; its search step; its output
//   byte-identical to a cold build of the same posts; the content layer's data store and bundle;
//   `astro dev` until `/` answers, and the in-memory search index after that.
// Push to live is the publish section (npm run bench -- publish).
import { appendFileSync, cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { astroDev } from '../astro-build.ts';
import { freePort } from '../harness/server.ts';
import { cacheRoot } from '../../src/node/build-cache.ts';
import { benchDir, corpus, listFiles, root, timedBuild, type Row } from './support.ts';

const RUNS = Number(process.env['RZ_BENCH_RUNS'] ?? 3);
const N = 1000;
const plainConfig = relative(root, join(import.meta.dirname, 'plain.config.mjs'));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const list = (xs: number[], d = 1) => xs.map((x) => x.toFixed(d)).join(', ');
const ratio = (a: number, b: number) => `×${(a / b).toFixed(2)}`;

type Built = ReturnType<typeof timedBuild>;

const build = (name: string, contentDir: string, opts: { plain?: boolean; warm?: boolean } = {}): Built =>
  timedBuild(name, { RZ_CONTENT_DIR: contentDir }, { peak: true, warm: opts.warm ?? false, ...(opts.plain ? { config: plainConfig } : {}) });

/** Two built folders hold the same files with the same bytes (the first difference, or undefined). */
function firstDifference(a: string, b: string): string | undefined {
  const fa = listFiles(a).map((f) => relative(a, f)).sort();
  const fb = listFiles(b).map((f) => relative(b, f)).sort();
  if (fa.join('\n') !== fb.join('\n')) return `file lists differ (${fa.length} and ${fb.length} files)`;
  return fa.find((f) => !readFileSync(join(a, f)).equals(readFileSync(join(b, f))));
}

/** The site's content-layer data store (.cache/astro-<code key>/), read right after a site build (a cold build clears .cache/). */
function dataStoreBytes(): number {
  const dir = cacheRoot(root);
  const stores = existsSync(dir) ? readdirSync(dir).filter((n) => /^astro-[0-9a-f]+$/.test(n)).map((n) => join(dir, n, 'data-store.json')).filter(existsSync) : [];
  return stores.length === 1 ? statSync(stores[0]!).size : NaN;
}

const searchStepMs = (output: string) => Number(/search index: .* finished in (\d+) ms/.exec(output)?.[1] ?? NaN);
/** Vite's first "built in" line of a build: the server bundle, which carries the content store. */
const bundleSeconds = (output: string) => {
  const m = /✓ built in (\d+(?:\.\d+)?)(ms|s)/.exec(output.replace(/\x1b\[[0-9;]*m/g, ''));
  return m ? Number(m[1]) / (m[2] === 'ms' ? 1000 : 1) : NaN;
};

/** `astro dev` until GET / answers 200, then (site only) until the search index answers. */
async function devStart(contentDir: string, plain: boolean): Promise<{ home: number; index?: number }> {
  const port = await freePort();
  const t = performance.now();
  const dev = astroDev({ cwd: root, port, env: { RZ_CONTENT_DIR: contentDir }, ...(plain ? { config: plainConfig } : {}) });
  const until = async (path: string, limitS: number) => {
    for (const end = Date.now() + limitS * 1000; Date.now() < end; await new Promise((r) => setTimeout(r, 100))) {
      const ok = await fetch(`${dev.origin}${path}`).then((r) => r.ok, () => false);
      if (ok) return (performance.now() - t) / 1000;
    }
    throw new Error(`astro dev: ${path} did not answer within ${limitS} s:\n${dev.log().slice(-2000)}`);
  };
  try {
    const home = await until('/', 180);
    if (plain) return { home };
    const index = (await until('/pagefind/pagefind-entry.json', 180)) - home;
    return { home, index };
  } finally {
    dev.stop();
    await new Promise((r) => setTimeout(r, 500));
  }
}

export default async function benchScale(): Promise<Row[]> {
  const rows: Row[] = [];
  const section = 'scale';
  const posts = join(benchDir, `corpus-${N}-edited`);
  rmSync(posts, { recursive: true, force: true });
  cpSync(corpus(N), posts, { recursive: true });

  const cold = { site: [] as Built[], plain: [] as Built[] };
  for (let i = 0; i < RUNS; i++) {
    cold.site.push(build('scale-site', posts));
    cold.plain.push(build('scale-plain', posts, { plain: true }));
  }
  const siteS = median(cold.site.map((b) => b.seconds));
  const plainS = median(cold.plain.map((b) => b.seconds));
  const siteMb = median(cold.site.map((b) => b.peakMb));
  const plainMb = median(cold.plain.map((b) => b.peakMb));
  rows.push({ section, name: `cold build, ${N} posts`, value: siteS, unit: 's', note: `${ratio(siteS, plainS)} plain (target ≤ ×1.25); median of ${RUNS}: ${list(cold.site.map((b) => b.seconds))} s` });
  rows.push({ section, name: `plain cold build, ${N} posts`, value: plainS, unit: 's', note: `median of ${RUNS}: ${list(cold.plain.map((b) => b.seconds))} s` });
  rows.push({ section, name: `peak memory, cold build, ${N} posts`, value: siteMb, unit: 'MB', note: `${ratio(siteMb, plainMb)} plain's ${plainMb.toFixed(0)} MB (target ≤ ×1.15)` });

  // Warm: a cold site build's caches, one post edited each round.
  build('scale-site', posts);
  rows.push({ section, name: 'data store (content layer)', value: dataStoreBytes() / 1024 / 1024, unit: 'MB', note: `server bundle built in ${bundleSeconds(cold.site.at(-1)!.output).toFixed(1)} s (plain ${bundleSeconds(cold.plain.at(-1)!.output).toFixed(1)} s)` });
  const file = readdirSync(posts).filter((f) => f.endsWith('.md')).sort()[0]!;
  const warm: Built[] = [];
  for (let i = 0; i < RUNS; i++) {
    appendFileSync(join(posts, file), `\nEdited for the scale benchmark, round ${i}.\n`);
    warm.push(build('scale-warm', posts, { warm: true }));
  }
  const warmS = median(warm.map((b) => b.seconds));
  const search = median(warm.map((b) => searchStepMs(b.output)));
  rows.push({ section, name: `warm build, ${N} posts, one post changed`, value: warmS, unit: 's', note: `${ratio(warmS, plainS)} the plain cold build (target ≤ ×0.5); median of ${RUNS}: ${list(warm.map((b) => b.seconds))} s` });
  rows.push({ section, name: 'search step of the warm build', value: search, unit: 'ms', note: `after the last page (target ≤ 1,000 ms); ${list(warm.map((b) => searchStepMs(b.output)), 0)} ms` });
  const again = build('scale-cold-check', posts);
  const diff = firstDifference(warm.at(-1)!.outDir, again.outDir);
  rows.push({ section, name: 'warm output = cold output', value: diff ? 0 : 1, unit: 'bool', note: diff ? `differs: ${diff}` : `byte-identical (${listFiles(again.outDir).length} files)` });

  const dev = { site: [] as Array<{ home: number; index?: number }>, plain: [] as number[] };
  for (let i = 0; i < RUNS; i++) {
    dev.site.push(await devStart(posts, false));
    dev.plain.push((await devStart(posts, true)).home);
  }
  const devSite = median(dev.site.map((d) => d.home));
  const devPlain = median(dev.plain);
  rows.push({ section, name: `astro dev until / answers, ${N} posts`, value: devSite, unit: 's', note: `${ratio(devSite, devPlain)} plain's ${devPlain.toFixed(1)} s (target ≤ ×1.25); ${list(dev.site.map((d) => d.home))} s` });
  const idx = median(dev.site.map((d) => d.index ?? NaN));
  rows.push({ section, name: 'dev search index ready, after /', value: idx, unit: 's', note: `built on the first search request (target ≤ 10 s); ${list(dev.site.map((d) => d.index ?? NaN))} s` });
  rmSync(posts, { recursive: true, force: true });
  return rows;
}
