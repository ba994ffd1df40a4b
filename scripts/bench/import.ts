// Import benchmark: `npm run import -- blogger` on a Blogger backup made from the reference
// corpus (blogger-export.ts), 200 and 1,000 posts, without images, each import in a process of
// its own (import-run.ts): time (median of RZ_BENCH_RUNS) against the 30 s goal, time per post,
// a re-run, and memory: the process's peak RSS, and the live heap (sampled after forced
// collections in a separate run) at 1,000 posts against 200: flat when it does not grow with the archive.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { benchDir, corpus, type Row } from './support.ts';
import { writeBloggerExport } from './blogger-export.ts';

const RUNS = Number(process.env['RZ_BENCH_RUNS'] ?? 3);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

interface Run { seconds: number; maxRssMb: number; liveMb: number; written: number; unchanged: number; listings: number }
function run(input: string, out: string, liveHeap = false): Run {
  const args = liveHeap ? ['--expose-gc', join(import.meta.dirname, 'import-run.ts'), input, out, '--live-heap'] : [join(import.meta.dirname, 'import-run.ts'), input, out];
  const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`import failed:\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Run;
}

export default async function benchImport(): Promise<Row[]> {
  const dir = join(benchDir, 'import');
  mkdirSync(dir, { recursive: true });
  const rows: Row[] = [];
  const live: Record<number, number> = {};
  for (const n of [200, 1000]) {
    const file = join(dir, `blogger-${n}.xml`);
    const posts = writeBloggerExport(corpus(n), file);
    const mb = statSync(file).size / 1024 / 1024;
    const cold: Run[] = [];
    let again: Run | undefined;
    for (let i = 0; i < RUNS; i++) {
      const out = join(dir, `out-${n}`);
      rmSync(out, { recursive: true, force: true });
      cold.push(run(file, out));
      if (i === 0) again = run(file, out);
    }
    const t = median(cold.map((c) => c.seconds));
    const out = join(dir, `out-${n}`);
    rmSync(out, { recursive: true, force: true });
    live[n] = run(file, out, true).liveMb;
    const note = `${posts} posts, ${mb.toFixed(1)} MB export, ${cold[0]!.listings} listings; ${RUNS > 1 ? `median of ${RUNS}: ${cold.map((c) => c.seconds.toFixed(1)).join(', ')} s` : 'one run'}`;
    if (n === 1000) rows.push({ section: 'import', name: `import ${n} posts, no images`, value: t, unit: 's', note: `${note}; ${(t / 30).toFixed(2)}x the 30 s goal` });
    else rows.push({ section: 'import', name: `import ${n} posts, no images`, value: t, unit: 's', note });
    rows.push({ section: 'import', name: `  per post (${n})`, value: (t * 1000) / posts, unit: 'ms' });
    rows.push({ section: 'import', name: `  run again, nothing to write (${n})`, value: again!.seconds, unit: 's', note: `${again!.unchanged} unchanged, ${again!.written} written` });
    rows.push({ section: 'import', name: `  peak RSS (${n})`, value: Math.max(...cold.map((c) => c.maxRssMb)), unit: 'MB', note: 'what V8 let the heap grow to before collecting' });
    rows.push({ section: 'import', name: `  live heap, peak after GC (${n})`, value: live[n]!, unit: 'MB' });
  }
  rows.push({ section: 'import', name: 'live heap, 1,000 vs 200 posts', value: live[1000]! / live[200]!, unit: 'x', note: `1,000 posts' export is 5x 200's; flat is ~1x plus the export's text (each post converted, written and let go)` });
  return rows;
}
