// Island benchmark: the gzipped JavaScript the SList post's simulator island loads, from a real
// build: Preact (+ hooks), Astro's Preact renderer, the island chunk (UI + engine), the total the
// 25 KB budget counts, and the exploration worker (loaded only on "Find shortest corruption", not counted).
// `npm run bench` imports the default export; `node scripts/bench/island.ts [--dist DIR]` prints a table
// (with --dist it measures an existing build instead of building into .bench/island).
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

import { moduleClosure, timedBuild, type Row } from './support.ts';

const POST = 'posts/exinterlockedpopentryslist-processing-by-scheduler/index.html';
const BUDGET = 25 * 1024;

const gz = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;

export function measureIsland(dist: string): Row[] {
  const html = readFileSync(join(dist, POST), 'utf8');
  const island = /<astro-island[^>]*component-url="([^"]+)"[^>]*renderer-url="([^"]+)"/.exec(html);
  if (!island) throw new Error(`no <astro-island> in ${POST}`);
  const files = new Set([...moduleClosure(dist, island[1]!), ...moduleClosure(dist, island[2]!)]);
  const group = { preact: 0, renderer: 0, island: 0 };
  for (const f of files) {
    const size = gz(join(dist, f));
    if (/\/(preact|hooks)\.module\./.test(f)) group.preact += size;
    else if (f === island[1]) group.island += size;
    else group.renderer += size;
  }
  const total = group.preact + group.renderer + group.island;
  const islandCode = readFileSync(join(dist, island[1]!), 'utf8');
  const workerUrl = /["'`](\/[^"'`]*worker[^"'`]*\.js)["'`]/.exec(islandCode)?.[1] ?? /new URL\(["'`]([^"'`]+\.js)["'`]/.exec(islandCode)?.[1];
  const workerFile = workerUrl ? join(dist, workerUrl.startsWith('/') ? workerUrl : new URL(workerUrl, `http://x${island[1]}`).pathname) : '';
  const rows: Row[] = [
    { section: 'island', name: 'island JS: Preact + hooks', value: group.preact / 1024, unit: 'KB', note: 'gzip -9' },
    { section: 'island', name: 'island JS: Astro Preact renderer', value: group.renderer / 1024, unit: 'KB', note: 'client.js + preload helper' },
    { section: 'island', name: 'island JS: simulator (UI + engine)', value: group.island / 1024, unit: 'KB', note: 'one chunk; the exploration is not in it' },
    { section: 'island', name: 'island JS: total loaded', value: total / 1024, unit: 'KB', note: `${files.size} files; budget 25 KB: ${total <= BUDGET ? 'within' : 'OVER'}` },
  ];
  if (workerFile && existsSync(workerFile)) {
    rows.push({ section: 'island', name: 'exploration worker (on demand)', value: gz(workerFile) / 1024, unit: 'KB', note: 'loaded on "Find shortest corruption"; not in the total' });
  }
  return rows;
}

export default async function benchIsland(): Promise<Row[]> {
  const i = process.argv.indexOf('--dist');
  const dist = i > 0 && process.argv[i + 1] ? resolve(process.argv[i + 1]!) : timedBuild('island').outDir;
  return measureIsland(dist);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const rows = await benchIsland();
  for (const r of rows) console.log(`${r.name.padEnd(40)} ${r.value.toFixed(2).padStart(8)} ${r.unit}  ${r.note ?? ''}`);
}
