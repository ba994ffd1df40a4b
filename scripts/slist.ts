// npm run --silent slist -- <preset> [options]: explore a preset of the SList model and print the trace.
import { analyse, getPreset, PRESETS, type Analysis, type Settings } from '../src/slist/engine/index.ts';

const USAGE = `usage: npm run --silent slist -- <preset> [--seq-bits N] [--fixup on|off] [--rule x86|x64]
                 [--speed-bound R] [--seed S] [--scheduler shortest|random] [--json]
                 [--push-rate P] [--max-depth D] [--max-states N] [--time-ms T] [--events N]
  --seq-bits N     use the teaching layout with an N-bit sequence (0..16; 0 = pointer-only CAS)
  --fixup on|off   KiCheckForSListAddress restart on interrupt/preemption
  --rule x86|x64   fixup range: x86 Resume <= PC <= End, x64 Resume < PC <= End
  --speed-bound R  other CPUs' micro-steps between two of a running thread's (0 = unbounded)
  --scheduler      shortest (A* over scheduler events) or random (seeded runner)
  --json           print one JSON object instead of the readable trace
presets: ${PRESETS.map((p) => p.name).join(', ')}`;

function fail(msg: string): never {
  process.stderr.write(`${msg}\n${USAGE}\n`);
  process.exit(2);
}

const args = process.argv.slice(2);
let presetName: string | undefined;
const over: { -readonly [K in keyof Settings]?: Settings[K] } = {};
let seed = 1;
let scheduler: 'shortest' | 'random' = 'shortest';
let json = false;
const bounds: { maxDepth?: number; maxStates?: number; timeMs?: number; randomEvents?: number } = {};
const int = (flag: string, v: string | undefined, lo: number, hi: number): number => {
  if (v === undefined || !/^-?\d+$/.test(v)) fail(`${flag} needs an integer`);
  const n = Number(v);
  if (n < lo || n > hi) fail(`${flag} must be ${lo}..${hi}`);
  return n;
};
for (let i = 0; i < args.length; i++) {
  const a = args[i]!;
  const v = args[i + 1];
  switch (a) {
    case '--seq-bits': over.layout = 'teach'; over.seqBits = int(a, v, 0, 16); i++; break;
    case '--fixup': if (v !== 'on' && v !== 'off') fail('--fixup on|off'); over.fixup = v === 'on'; i++; break;
    case '--rule': if (v !== 'x86' && v !== 'x64') fail('--rule x86|x64'); over.rule = v; i++; break;
    case '--speed-bound': over.speedBound = int(a, v, 0, 1_000_000); i++; break;
    case '--seed': seed = int(a, v, 0, 2 ** 32 - 1); i++; break;
    case '--scheduler': if (v !== 'shortest' && v !== 'random') fail('--scheduler shortest|random'); scheduler = v; i++; break;
    case '--push-rate': over.pushRate = int(a, v, 1, Number.MAX_SAFE_INTEGER); i++; break;
    case '--max-depth': bounds.maxDepth = int(a, v, 1, 1_000_000); i++; break;
    case '--max-states': bounds.maxStates = int(a, v, 1, 100_000_000); i++; break;
    case '--time-ms': bounds.timeMs = int(a, v, 1, 3_600_000); i++; break;
    case '--events': bounds.randomEvents = int(a, v, 1, 1e9); i++; break;
    case '--json': json = true; break;
    case '-h': case '--help': process.stdout.write(`${USAGE}\n`); process.exit(0);
    default:
      if (a.startsWith('-')) fail(`unknown option ${a}`);
      if (presetName !== undefined) fail(`one preset only (got ${presetName} and ${a})`);
      presetName = a;
  }
}
if (presetName === undefined) fail('missing preset');
if (!getPreset(presetName)) {
  process.stderr.write(`unknown preset ${presetName}\npresets:\n${PRESETS.map((p) => `  ${p.name.padEnd(28)} ${p.title}`).join('\n')}\n`);
  process.exit(2);
}

const r: Analysis = analyse({ preset: presetName, settings: over, seed, scheduler, ...bounds });
if (json) {
  const { preset, settings, found, violation, pushesDuringWindow, steps, statesExplored, ms, trace } = r;
  process.stdout.write(JSON.stringify({
    preset, settings, found, violation, pushesDuringWindow, steps, statesExplored, ms: Math.round(ms * 10) / 10, trace,
    stoppedBy: r.stoppedBy, exhausted: r.exhausted, statesRuledOut: r.statesRuledOut, proof: r.proof, verdict: r.verdict,
    traceOf: r.traceOf, wrap: r.wrap,
  }) + '\n');
} else {
  const s = r.settings;
  const out: string[] = [];
  out.push(`${presetName}: layout ${s.layout}${s.layout === 'teach' ? ` (${s.seqBits}-bit sequence)` : ''}, fixup ${s.fixup ? 'on' : 'off'} (${s.rule} rule), R = ${s.speedBound || 'unbounded'}, stalls ${s.stalls ? 'on' : 'off'}, scheduler ${r.scheduler}${r.scheduler === 'random' ? ` (seed ${seed})` : ''}`);
  if (r.found) out.push(`CORRUPTS: ${r.violation?.kind} after ${r.steps} events${r.pushesDuringWindow !== null ? `, ${r.pushesDuringWindow} pushes during the window` : ''} (${r.statesExplored.toLocaleString('en')} states, ${r.ms.toFixed(0)} ms)`);
  else out.push(`${r.verdict.kind === 'limit' ? 'INCONCLUSIVE' : 'SAFE'} (${r.verdict.kind === 'limit' ? `stopped by ${r.stoppedBy}` : r.verdict.kind === 'bound' ? 'proved by the bound' : 'every reachable state explored'}, ${r.ms.toFixed(0)} ms): ${r.verdict.sentence}`);
  if (r.traceOf === 'demo') out.push('', 'the preset\'s demonstration schedule:');
  else if (r.traceOf === 'schedule') out.push('', 'schedule:');
  const lines = r.trace;
  const show = lines.length > 60 ? [...lines.slice(0, 30), null, ...lines.slice(-25)] : lines;
  for (const l of show) out.push(l ? `${String(l.step).padStart(5)}  ${l.event.padEnd(13)} ${l.sentence}` : `        … ${lines.length - 55} more steps …`);
  if (r.violation) {
    out.push('', r.violation.sentence);
    for (const c of r.violation.consequences) out.push(`  - ${c}`);
  }
  process.stdout.write(out.join('\n') + '\n');
}
