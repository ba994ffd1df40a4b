// SList model benchmark: random-runner micro-steps per second, shortest-exploration times for
// classic-aba and header8-hypervisor-stall, states explored per second, and peak memory.
// Part of `npm run bench`; runnable alone: node scripts/bench/slist.ts
import { compile } from '../../src/slist/engine/core.ts';
import { getPreset } from '../../src/slist/engine/presets.ts';
import { runRandom } from '../../src/slist/engine/random.ts';
import { exploreShortest } from '../../src/slist/engine/shortest.ts';

export interface Row { section: string; name: string; value: number; unit: string; note?: string }

let peakRss = 0;
const sample = () => { peakRss = Math.max(peakRss, process.memoryUsage().rss); };

function model(name: string) {
  const p = getPreset(name)!;
  return { m: compile(p.settings, p.setup), p };
}

export default async function bench(): Promise<Row[]> {
  const rows: Row[] = [];
  const row = (name: string, value: number, unit: string, note?: string) => rows.push({ section: 'slist', name, value, unit, ...(note ? { note } : {}) });

  // random runner: best of 3 runs of 5M events on the busy workload (4 threads, 4 CPUs)
  {
    const { m } = model('busy-workload');
    runRandom(m, { seed: 1, events: 500_000, record: false }); // warm up
    let best = 0;
    for (let i = 0; i < 3; i++) {
      const r = runRandom(m, { seed: 100 + i, events: 5_000_000, record: false });
      sample();
      best = Math.max(best, r.microSteps / (r.ms / 1000));
      if (r.found) throw new Error('busy-workload corrupted: model bug');
    }
    row('random runner micro-steps/s', best, '/s', 'busy-workload, 4 threads, interrupts+preemptions, goal >= 5,000,000');
  }

  // shortest explorations: median of 3
  for (const [name, goal] of [['classic-aba', 50], ['header8-hypervisor-stall', 2000]] as const) {
    const { m, p } = model(name);
    const runs = [];
    exploreShortest(m, { maxDepth: p.bounds.maxDepth, maxStates: p.bounds.maxStates, timeMs: 30_000 }); // warm up
    for (let i = 0; i < 3; i++) {
      const r = exploreShortest(m, { maxDepth: p.bounds.maxDepth, maxStates: p.bounds.maxStates, timeMs: 30_000 });
      sample();
      if (!r.found) throw new Error(`${name}: the exploration did not find the corruption`);
      runs.push(r);
    }
    runs.sort((a, b) => a.ms - b.ms);
    const r = runs[1]!;
    row(`shortest ${name}`, r.ms, 'ms', `${r.schedule.length} events, ${r.statesExplored.toLocaleString('en')} states, goal < ${goal} ms`);
    row(`states/s ${name}`, r.statesExplored / (r.ms / 1000), '/s', `${r.eventsTried.toLocaleString('en')} events tried`);
  }
  sample();
  row('peak memory (RSS)', peakRss / 2 ** 20, 'MiB', 'whole benchmark process');
  return rows;
}

if (import.meta.main) {
  const rows = await bench();
  for (const r of rows) console.log(`${r.name.padEnd(40)} ${(r.value >= 100 ? Math.round(r.value).toLocaleString('en') : r.value.toFixed(1)).padStart(14)} ${r.unit.padEnd(4)} ${r.note ?? ''}`);
}
