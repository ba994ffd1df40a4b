// Social cards: milliseconds per card (drawn in this process, from the corpus's own titles), and
// what cards add to the 1,000-post build, cold and warm with one post's title changed: the same
// builds with RZ_CARDS=off are the baseline, run alternately in the same run (medians of RUNS).
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { corpus, timedBuild, type Row } from './support.ts';
import { tempDir } from '../harness/temp.ts';
import { drawCard } from '../../src/cards/draw.ts';
import { publishedCardPosts, siteCards } from '../../src/cards/contents.ts';
import { inspectPostSources } from '../../src/lib/frontmatter-check.ts';
import { site } from '../../src/site.config.ts';

const RUNS = Number(process.env['RZ_BENCH_RUNS'] ?? 3);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const list = (xs: number[]) => xs.map((x) => x.toFixed(1)).join(', ');

export default async function benchCards(): Promise<Row[]> {
  const section = 'cards';
  const rows: Row[] = [];
  const dir = tempDir('rz-bench-cards-');
  cpSync(corpus(1000), dir, { recursive: true });
  const files = readdirSync(dir).filter((f) => f.endsWith('.md')).sort();

  // per card, in this process: the site's own cards of the first 60 posts
  const sources = files.slice(0, 60).map((f) => ({ path: f, source: readFileSync(join(dir, f), 'utf8') }));
  const cards = [...siteCards(publishedCardPosts(inspectPostSources(sources).posts, new Date()), site).values()];
  const t0 = performance.now();
  await drawCard(cards[0]!);
  const first = performance.now() - t0;
  const each: number[] = [];
  for (const c of cards.slice(1)) { const t = performance.now(); await drawCard(c); each.push(performance.now() - t); }
  rows.push({ section, name: 'one card drawn (satori + resvg)', value: median(each), unit: 'ms', note: `median of ${each.length}; the first in a process ${first.toFixed(0)} ms (fonts loaded)` });

  // the 1,000-post build, cards on and off, cold then warm with one post's title changed
  const edited = join(dir, files[500]!);
  const original = readFileSync(edited, 'utf8');
  const t = { cold: { on: [] as number[], off: [] as number[] }, warm: { on: [] as number[], off: [] as number[] } };
  for (let i = 0; i < RUNS; i++) {
    for (const mode of ['on', 'off'] as const) {
      const env = { RZ_CONTENT_DIR: dir, RZ_CARDS: mode };
      t.cold[mode].push(timedBuild(`cards-${mode}`, env).seconds);
      writeFileSync(edited, original.replace(/^title: "?(.*?)"?$/m, (_, title: string) => `title: "${title.replace(/"/g, '')} (edited ${i})"`));
      t.warm[mode].push(timedBuild(`cards-${mode}`, env, { warm: true }).seconds);
      writeFileSync(edited, original);
    }
  }
  const cost = (k: 'cold' | 'warm') => median(t[k].on) - median(t[k].off);
  rows.push({ section, name: 'build, 1,000 posts, cold, with cards', value: median(t.cold.on), unit: 's', note: `${list(t.cold.on)} s; without (RZ_CARDS=off): ${list(t.cold.off)} s` });
  rows.push({ section, name: 'cards add to the cold build', value: cost('cold'), unit: 's', note: `×${(median(t.cold.on) / median(t.cold.off)).toFixed(2)}; goal <= 8 s` });
  rows.push({ section, name: 'build, 1,000 posts, one title changed (warm), with cards', value: median(t.warm.on), unit: 's', note: `${list(t.warm.on)} s; without: ${list(t.warm.off)} s` });
  rows.push({ section, name: 'cards add to the warm build', value: cost('warm'), unit: 's', note: 'one card drawn; goal <= 0.2 s' });
  return rows;
}
