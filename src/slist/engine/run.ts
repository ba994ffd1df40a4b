// Runs and immutable snapshots, with every sentence: what the UI draws and the CLI prints. Slow
// path (allocates per step); the exploration and the random runner use core.ts directly.
import * as K from './core.ts';
import { hexWord, packHeader, type HeaderValue } from './layouts.ts';
import { routineOf, pcLabel, type PcLabel } from './routines.ts';
import { getPreset, PRESET_NAMES } from './presets.ts';
import type { Run, RunEvent, Settings, Setup, Violation, ViolationKind } from './types.ts';

export type OwnerLabel = 'list' | 'freed' | `thread:${number}`;

export interface EntrySnapshot {
  readonly name: string;
  readonly address: string;
  readonly next: string | null;
  readonly owner: OwnerLabel;
}

export interface ThreadSnapshot {
  readonly name: string;
  readonly cpu: number;
  readonly status: 'running' | 'ready' | 'stalled' | 'done';
  /** Instruction index in the program, -1 when done. */
  readonly ip: number;
  readonly instruction: string;
  readonly pc: PcLabel;
  readonly routine: 'pop' | 'push' | null;
  /** The header snapshot the thread holds (pop: since Resume; push: since Push). */
  readonly snapshot: { readonly first: string | null; readonly depth: number; readonly sequence: number } | null;
  /** Pop's `next` register (read at Fault). */
  readonly next: string | null;
  /** Entry being pushed. */
  readonly entry: string | null;
  readonly hand: readonly string[];
  /** Other CPUs' micro-steps since this thread's last micro-step (the speed bound's count). */
  readonly since: number;
}

export interface SListState {
  readonly header: {
    readonly first: string | null;
    readonly depth: number;
    readonly sequence: number;
    /** Real header words in hex for the layout (x86/teach: two dwords; x64: two qwords). */
    readonly words: readonly [string, string];
  };
  readonly entries: readonly EntrySnapshot[];
  /** Walk from the header; stops at a repeat (marked with a trailing '…'). */
  readonly list: readonly string[];
  readonly freePool: readonly string[];
  readonly threads: readonly ThreadSnapshot[];
  readonly cpus: readonly { readonly thread: number | null; readonly stalled: boolean }[];
  readonly pushes: number;
  readonly microSteps: number;
  readonly faults: number;
  readonly casFailures: number;
  readonly benignStaleCas: number;
  readonly violation: ViolationKind | null;
}

/** One applied (or refused) event. */
export interface StepRecord {
  readonly event: RunEvent;
  readonly label: string;
  readonly applied: boolean;
  readonly sentence: string;
  /** For pop CAS steps: was the snapshot stale (a push happened since Resume)? */
  readonly staleCas: boolean;
  readonly micro: readonly { readonly thread: number; readonly pc: PcLabel; readonly outcome: string; readonly sentence: string }[];
}

export interface ReplayResult {
  readonly settings: Settings;
  readonly setup: Setup;
  /** states[0] is the initial state; states[i + 1] follows steps[i]. */
  readonly states: readonly SListState[];
  readonly steps: readonly StepRecord[];
  readonly violation: Violation | null;
  /** The compiled model and the engine's own state behind each of `states` (for tryEvent; opaque). */
  readonly model: K.Model;
  readonly raw: readonly Float64Array[];
}

export function resolveRun(run: Pick<Run, 'preset' | 'settings' | 'setup'>): { settings: Settings; setup: Setup } {
  const p = run.preset !== undefined ? getPreset(run.preset) : undefined;
  if (run.preset !== undefined && !p) throw new Error(`unknown preset ${run.preset}; presets: ${PRESET_NAMES.join(', ')}`);
  const settings: Settings = { ...(p?.settings ?? K.DEFAULT_SETTINGS), ...(run.settings ?? {}) };
  const setup = run.setup ?? p?.setup;
  if (!setup) throw new Error('a run needs a preset or a setup');
  return { settings, setup };
}

export function eventLabel(m: K.Model, e: RunEvent): string {
  const tn = (t: number) => m.setup.threads[t]?.name ?? `T?${t}`;
  switch (e.kind) {
    case 'step': return `step ${tn(e.thread)}`;
    case 'op': return `op ${tn(e.thread)}`;
    case 'preempt': return `preempt ${tn(e.thread)}`;
    case 'interrupt': return `interrupt CPU${e.cpu}`;
    case 'stall': return `stall CPU${e.cpu}`;
    case 'resume': return `resume CPU${e.cpu}`;
    case 'free': return `free ${m.names[e.entry] ?? '?'}`;
  }
}

function instrText(ins: import('./types.ts').Instr | undefined): string {
  if (!ins) return 'done';
  switch (ins.op) {
    case 'push': case 'free': return ins.entry ? `${ins.op} ${ins.entry}` : ins.op;
    case 'loop': return `loop ${ins.to ?? 0}`;
    default: return ins.op;
  }
}

export function snapshot(m: K.Model, s: Float64Array): SListState {
  const nm = (e: number): string | null => (e >= 0 ? (m.names[e] ?? null) : null);
  const owner = (o: number): OwnerLabel => (o === K.LIST ? 'list' : o === K.FREED ? 'freed' : `thread:${o}`);
  const hv: HeaderValue = { next: s[K.H_FIRST]! >= 0 ? m.layout.entryAddress(s[K.H_FIRST]!) : 0n, depth: s[K.H_DEPTH]!, sequence: s[K.H_SEQ]! };
  const words = packHeader(m.layout, hv);
  const entries: EntrySnapshot[] = m.names.map((name, i) => ({
    name, address: hexWord(m.layout, m.layout.entryAddress(i)),
    next: nm(s[m.E + 2 * i]!), owner: owner(s[m.E + 2 * i + 1]!),
  }));
  const list: string[] = [];
  const seen = new Set<number>();
  for (let e = s[K.H_FIRST]!; e >= 0; e = s[m.E + 2 * e]!) {
    if (seen.has(e)) { list.push(`${m.names[e]}…`); break; }
    seen.add(e);
    list.push(m.names[e]!);
  }
  const freePool: string[] = [];
  for (let k = 1; k <= s[m.F]!; k++) freePool.push(m.names[s[m.F + k]!]!);
  const threads: ThreadSnapshot[] = m.setup.threads.map((th, t) => {
    const b = m.T + t * m.S;
    const st = s[b + K.T_STATUS]!;
    const stalled = s[m.C + 2 * th.cpu] !== 0 && s[m.C + 2 * th.cpu + 1] === t;
    const mpc = s[b + K.T_MPC]!;
    const pc = pcLabel(mpc);
    const hasSnap = (mpc >= K.POP_TEST && mpc <= K.POP_END) || mpc === K.PUSH_CAS;
    const hand: string[] = [];
    for (let k = 0; k < s[b + K.T_HANDN]!; k++) hand.push(m.names[s[b + K.T_HAND + k]!]!);
    const ip = s[b + K.T_IP]!;
    return {
      name: th.name, cpu: th.cpu,
      status: st === K.DONE ? 'done' : stalled ? 'stalled' : st === K.RUN ? 'running' : 'ready',
      ip, instruction: instrText(ip >= 0 ? th.program[ip] : undefined), pc, routine: routineOf(pc),
      snapshot: hasSnap ? { first: nm(s[b + K.T_SFIRST]!), depth: s[b + K.T_SDEPTH]!, sequence: s[b + K.T_SSEQ]! } : null,
      next: mpc === K.POP_END ? nm(s[b + K.T_NEXT]!) : null,
      entry: nm(s[b + K.T_ENTRY]!), hand, since: s[b + K.T_SINCE]!,
    };
  });
  const cpus = Array.from({ length: m.nc }, (_, c) => ({ thread: s[m.C + 2 * c + 1]! >= 0 ? s[m.C + 2 * c + 1]! : null, stalled: s[m.C + 2 * c] !== 0 }));
  const v = s[m.X + K.X_VIOL]!;
  return {
    header: { first: nm(s[K.H_FIRST]!), depth: s[K.H_DEPTH]!, sequence: s[K.H_SEQ]!, words: [hexWord(m.layout, words[0]), hexWord(m.layout, words[1])] },
    entries, list, freePool, threads, cpus,
    pushes: s[m.X + K.X_PUSHES]!, microSteps: s[m.X + K.X_MICRO]!, faults: s[m.X + K.X_FAULTS]!,
    casFailures: s[m.X + K.X_CASFAIL]!, benignStaleCas: s[m.X + K.X_BENIGN]!,
    violation: v ? K.VIOLATION_KINDS[v - 1]! : null,
  };
}

const hdr = (m: K.Model, first: number, depth: number, seq: number): string => {
  const f = first >= 0 ? m.names[first] : 'null';
  return m.layout.seqBits === 0 ? `(${f}, depth ${depth})` : `(${f}, depth ${depth}, sequence ${seq})`;
};

const OUTCOME_NAMES: Record<number, string> = {
  [K.O_SNAPSHOT]: 'snapshot', [K.O_EMPTY]: 'empty', [K.O_TEST]: 'test', [K.O_READ_NEXT]: 'read-next', [K.O_FAULT_RESTART]: 'fault-restart',
  [K.O_CAS_OK]: 'cas-ok', [K.O_CAS_FAIL]: 'cas-failed', [K.O_CAS_STALE_OK]: 'cas-stale-harmless', [K.O_CAS_CORRUPT]: 'cas-stale-corrupt',
  [K.O_PUSH_LINK]: 'push-link', [K.O_PUSH_OK]: 'push-ok', [K.O_PUSH_FAIL]: 'push-cas-failed', [K.O_ALLOC]: 'alloc', [K.O_ALLOC_NONE]: 'alloc-none',
  [K.O_FREE]: 'free', [K.O_FREE_SKIP]: 'free-skip', [K.O_PUSH_SKIP]: 'push-skip', [K.O_FLUSH]: 'flush', [K.O_CRASH]: 'crash',
  [K.O_INT_RESET]: 'fixup-restart', [K.O_INT]: 'interrupt', [K.O_PREEMPT]: 'preempt', [K.O_STALL]: 'stall', [K.O_UNSTALL]: 'unstall', [K.O_DISPATCH]: 'dispatch',
};

/** Sentence for one micro-step of thread t, from the states before (a) and after (b). */
function microSentence(m: K.Model, a: Float64Array, b: Float64Array, t: number, r: number): string {
  const tn = m.setup.threads[t]!.name;
  const tb = m.T + t * m.S;
  const nm = (e: number) => (e >= 0 ? m.names[e]! : 'null');
  const sf = a[tb + K.T_SFIRST]!, sd = a[tb + K.T_SDEPTH]!, ss = a[tb + K.T_SSEQ]!;
  const diff = (): string => {
    const parts: string[] = [];
    if (a[K.H_FIRST] !== sf) parts.push(`first ${nm(a[K.H_FIRST]!)}, expected ${nm(sf)}`);
    if (m.compareDepth && a[K.H_DEPTH] !== sd) parts.push(`depth ${a[K.H_DEPTH]}, expected ${sd}`);
    if (a[K.H_SEQ] !== ss) parts.push(`sequence ${a[K.H_SEQ]}, expected ${ss}`);
    return parts.join('; ');
  };
  const pushesSince = a[m.X + K.X_PUSHES]! - a[tb + K.T_SPUSH]!;
  switch (r) {
    case K.O_SNAPSHOT: return `${tn} snapshots the header ${hdr(m, b[tb + K.T_SFIRST]!, b[tb + K.T_SDEPTH]!, b[tb + K.T_SSEQ]!)} at Resume`;
    case K.O_EMPTY: return `${tn} sees an empty list: pop returns null`;
    case K.O_TEST: return `${tn} checks its snapshot: first is ${nm(sf)}, not null`;
    case K.O_READ_NEXT: return `${tn} reads ${nm(sf)}->Next = ${nm(b[tb + K.T_NEXT]!)} at Fault`;
    case K.O_FAULT_RESTART: return `${tn} faults reading ${nm(sf)}->Next (${nm(sf)} was freed); the fault handler sets the PC back to Resume`;
    case K.O_CRASH: return `${tn} reads freed entry ${nm(sf)} and there is no fault restart: access violation`;
    case K.O_CAS_OK: return `${tn} CAS succeeded: header ${hdr(m, b[K.H_FIRST]!, b[K.H_DEPTH]!, b[K.H_SEQ]!)}; ${tn} owns ${nm(sf)}`;
    case K.O_CAS_FAIL: return `${tn} CAS failed: ${diff()}; retrying`;
    case K.O_CAS_STALE_OK: return `${tn} CAS succeeded on a stale snapshot (${pushesSince} push${pushesSince === 1 ? '' : 'es'} since Resume), but ${nm(sf)}->Next is still ${nm(a[tb + K.T_NEXT]!)}: no harm`;
    case K.O_CAS_CORRUPT: return `${tn} CAS succeeded on a stale snapshot after ${pushesSince} push${pushesSince === 1 ? '' : 'es'}: ${nm(sf)}->Next is now ${nm(a[m.E + 2 * sf]!)}, not ${nm(a[tb + K.T_NEXT]!)}, yet the head becomes ${nm(a[tb + K.T_NEXT]!)}`;
    case K.O_PUSH_LINK: {
      const e = b[tb + K.T_ENTRY]!;
      return `${tn} snapshots the header ${hdr(m, b[tb + K.T_SFIRST]!, b[tb + K.T_SDEPTH]!, b[tb + K.T_SSEQ]!)} and writes ${nm(e)}->Next = ${nm(b[tb + K.T_SFIRST]!)}`;
    }
    case K.O_PUSH_OK: return `${tn} CAS succeeded: pushes ${nm(a[tb + K.T_ENTRY]!)}; header ${hdr(m, b[K.H_FIRST]!, b[K.H_DEPTH]!, b[K.H_SEQ]!)}`;
    case K.O_PUSH_FAIL: return `${tn} push CAS failed: ${diff()}; retrying`;
    case K.O_PUSH_SKIP: return `${tn} holds no entry for "${instrText(m.setup.threads[t]!.program[a[tb + K.T_IP]!])}": skips it`;
    case K.O_ALLOC: return `${tn} allocates ${nm(a[m.F + a[m.F]!]!)} (reused freed memory)`;
    case K.O_ALLOC_NONE: return `${tn} finds no free entry to allocate: skips it`;
    case K.O_FREE: return `${tn} frees ${nm(b[m.F + b[m.F]!]!)}`;
    case K.O_FREE_SKIP: return `${tn} holds no entry for "${instrText(m.setup.threads[t]!.program[a[tb + K.T_IP]!])}": skips it`;
    case K.O_FLUSH: return `${tn} flushes the list: header ${hdr(m, b[K.H_FIRST]!, b[K.H_DEPTH]!, b[K.H_SEQ]!)}`;
  }
  return `${tn}: ${OUTCOME_NAMES[r] ?? r}`;
}

function refusal(m: K.Model, s: Float64Array, e: RunEvent): string {
  const label = eventLabel(m, e);
  if (e.kind === 'free') {
    const th = m.setup.threads[e.thread];
    const name = m.names[e.entry] ?? '?';
    const why = K.freeRefusal(m, s, e.thread, e.entry);
    return `${label}: not possible, ${why === K.FREE_STOPPED ? 'the run stopped at a violation' : why === K.FREE_PUSHING ? `${th!.name} is pushing ${name}` : `${th?.name ?? 'the thread'} does not hold ${name}`}`;
  }
  if (s[m.X + K.X_VIOL] !== 0) return `${label}: not possible, the run stopped at a violation`;
  const t = 'thread' in e ? e.thread : -1;
  if (t >= m.nt || ('cpu' in e && e.cpu >= m.nc)) return `${label}: no such ${t >= 0 ? 'thread' : 'CPU'}`;
  if (e.kind === 'step' || e.kind === 'op' || e.kind === 'preempt') {
    const b = m.T + t * m.S;
    const st = s[b + K.T_STATUS]!;
    if (st === K.DONE) return `${label}: not possible, the thread has finished its program`;
    if (st === K.READY) return `${label}: not possible, the thread is off its CPU (preempted)`;
    if (s[m.C + 2 * m.cpuOf[t]!] !== 0) return `${label}: not possible, CPU${m.cpuOf[t]} is stalled by the hypervisor`;
    if (e.kind === 'preempt') return `${label}: preemption is off in the settings`;
    if (e.kind === 'op' && !(s[b + K.T_MPC]! >= K.POP_RESUME && s[b + K.T_MPC]! <= K.PUSH_CAS)) return `${label}: op is for pop and push only; use step`;
    return `${label}: not possible, the speed bound R = ${m.R} is used up (another running thread must step first)`;
  }
  if (e.kind === 'stall') return `${label}: not possible (${m.settings.stalls ? 'CPU already stalled or idle' : 'stalls are off in the settings'})`;
  if (e.kind === 'interrupt') return `${label}: not possible (${m.settings.interrupts ? 'CPU stalled or idle' : 'interrupts are off in the settings'})`;
  return `${label}: not possible (the CPU is neither stalled nor idle with a ready thread)`;
}

/** Apply one event to a copy of s, with sentences. */
export function applyEvent(m: K.Model, s: Float64Array, e: RunEvent): { state: Float64Array; record: StepRecord } {
  const label = eventLabel(m, e);
  const code = K.encodeEvent(e);
  const before = s;
  const cur = s.slice();
  const micro: { thread: number; pc: PcLabel; outcome: string; sentence: string }[] = [];
  let staleCas = false;
  const microStep = (t: number): number => {
    const a = cur.slice();
    const tb = m.T + t * m.S;
    const pc = pcLabel(a[tb + K.T_MPC]!);
    const r = K.step(m, cur, t);
    if (r === K.O_NOT_ENABLED) return r;
    if (r === K.O_CAS_STALE_OK || r === K.O_CAS_CORRUPT) staleCas = true;
    micro.push({ thread: t, pc, outcome: OUTCOME_NAMES[r] ?? String(r), sentence: microSentence(m, a, cur, t, r) });
    return r;
  };
  const refuse = () => ({ state: before, record: { event: e, label, applied: false, sentence: refusal(m, before, e), staleCas: false, micro: [] } });
  let sentence = '';
  if (e.kind === 'free') {
    if (K.apply(m, cur, code) === K.O_NOT_ENABLED) return refuse();
    const name = m.names[e.entry]!;
    sentence = `${m.setup.threads[e.thread]!.name} frees ${name}: its memory goes back to the allocator, and a pop that still reads ${name}->Next will fault`;
  } else if (e.kind === 'step') {
    if (microStep(e.thread) === K.O_NOT_ENABLED) return refuse();
    sentence = micro[0]!.sentence;
  } else if (e.kind === 'op') {
    if (!K.canOp(m, cur, e.thread)) return refuse();
    let done = false;
    for (let k = 0; k < 64 && !done; k++) {
      const r = microStep(e.thread);
      if (r === K.O_NOT_ENABLED) return refuse();
      done = K.completesOp(r) || cur[m.X + K.X_VIOL] !== 0;
    }
    if (!done) return refuse();
    sentence = micro.map((x) => x.sentence).join('; ');
  } else {
    const tOf = (c: number) => cur[m.C + 2 * c + 1]!;
    const t = e.kind === 'preempt' ? e.thread : tOf(e.cpu);
    const tn = t >= 0 ? m.setup.threads[t]!.name : '';
    const pc = t >= 0 ? pcLabel(cur[m.T + t * m.S + K.T_MPC]!) : 'Done';
    const r = K.apply(m, cur, code);
    if (r === K.O_NOT_ENABLED) return refuse();
    const cpu = e.kind === 'preempt' ? m.cpuOf[e.thread]! : e.cpu;
    const range = m.settings.rule === 'x86' ? 'Resume <= PC <= End' : 'Resume < PC <= End';
    const who = e.kind === 'preempt' ? `${tn} is preempted on CPU${cpu}` : `Interrupt on CPU${cpu}`;
    switch (r) {
      case K.O_INT_RESET: sentence = `${who}: ${tn}'s PC ${pc} is within ${range}, so KiCheckForSListAddress sets it back to Resume`; break;
      case K.O_INT: sentence = `${who}: ${m.settings.fixup ? `${tn}'s PC ${pc} is outside ${range}, nothing to fix up` : `the fixup is off, ${tn} keeps its PC ${pc}`}`; break;
      case K.O_PREEMPT: sentence = `${who}: ${m.settings.fixup ? `${tn}'s PC ${pc} is outside ${range}, nothing to fix up` : `the fixup is off, ${tn} keeps its PC ${pc}${pc === 'End' || pc === 'Fault' || pc === 'Test' ? ' and its snapshot' : ''}`}`; break;
      case K.O_STALL: sentence = `The hypervisor stalls CPU${cpu}: ${tn} stops at ${pc}; the guest sees no interrupt, so no fixup runs`; break;
      case K.O_UNSTALL: sentence = `CPU${cpu} resumes: ${tn} continues at ${pc}`; break;
      case K.O_DISPATCH: {
        const u = tOf(cpu);
        sentence = `CPU${cpu} runs ${m.setup.threads[u]!.name} again, at ${pcLabel(cur[m.T + u * m.S + K.T_MPC]!)}`;
        break;
      }
    }
    if (e.kind === 'preempt') {
      const u = tOf(cpu);
      if (u >= 0) sentence += `; CPU${cpu} switches to ${m.setup.threads[u]!.name}`;
    }
  }
  return { state: cur, record: { event: e, label, applied: true, sentence, staleCas, micro } };
}

/** The violation in state s (after step `stepIndex`, recorded as `record`), in the engine's words, or null. */
function violationOf(m: K.Model, s: Float64Array, stepIndex: number, record: StepRecord): Violation | null {
  const v = s[m.X + K.X_VIOL]!;
  if (!v) return null;
  const kind = K.VIOLATION_KINDS[v - 1]!;
  const t = s[m.X + K.X_VTHREAD]!;
  const tn = m.setup.threads[t]?.name ?? '?';
  const e = s[m.X + K.X_VENTRY]!;
  const en = e >= 0 ? m.names[e]! : '?';
  const pushes = s[m.X + K.X_VPUSHES]!;
  const consequences = findings(m, s);
  const cause = record.micro.find((x) => x.outcome === 'cas-stale-corrupt' || x.outcome === 'crash')?.sentence ?? null;
  let sentence: string;
  switch (kind) {
    case 'aba': sentence = `ABA: ${tn}'s compare-and-swap found the header pointing to ${en} again after ${pushes} push${pushes === 1 ? '' : 'es'} and succeeded, but ${en}->Next had changed: it installed a stale Next.`; break;
    case 'sequence-wrap': sentence = `Sequence wrap: after ${pushes} pushes the ${Math.log2(m.seqMod)}-bit sequence matched ${tn}'s snapshot again, so its stale compare-and-swap on ${en} succeeded and installed a stale ${en}->Next.`; break;
    case 'stale-next': sentence = `Stale next: ${tn}'s compare-and-swap succeeded although ${en}->Next changed after it was read.`; break;
    case 'crash': sentence = `${tn} read the freed entry ${en} with no fault restart: an access violation.`; break;
    default: sentence = consequences[0] ?? kind;
  }
  return { kind, sentence, thread: t, step: stepIndex, ...(kind === 'aba' || kind === 'sequence-wrap' || kind === 'stale-next' ? { pushesDuringWindow: pushes } : {}), cause, consequences };
}

/** Every inconsistency of the list in state s, as sentences. */
export function findings(m: K.Model, s: Float64Array): string[] {
  const out: string[] = [];
  const seen = new Set<number>();
  let len = 0;
  for (let e = s[K.H_FIRST]!; e >= 0; e = s[m.E + 2 * e]!) {
    const n = m.names[e]!;
    if (seen.has(e)) { out.push(`The list has a cycle: ${n} is reached twice.`); break; }
    seen.add(e);
    len++;
    const o = s[m.E + 2 * e + 1]!;
    if (o === K.FREED) out.push(`${n} is on the list but was freed: the next pop reads freed memory.`);
    else if (o >= 0) out.push(`${n} is on the list but ${m.setup.threads[o]!.name} owns it: it can be handed out twice.`);
  }
  for (let i = 0; i < m.n; i++) if (s[m.E + 2 * i + 1] === K.LIST && !seen.has(i)) out.push(`${m.names[i]} belongs to the list but cannot be reached from the header: it is lost.`);
  if (s[K.H_DEPTH] !== len) out.push(`The header's depth is ${s[K.H_DEPTH]} but the list has ${len} entr${len === 1 ? 'y' : 'ies'}.`);
  return out;
}

/** Compile a run's settings and setup. */
export function modelOf(run: Pick<Run, 'preset' | 'settings' | 'setup'>): K.Model {
  const { settings, setup } = resolveRun(run);
  return K.compile(settings, setup);
}

/** Replay a run: deterministic, the same run gives the same states. */
export function replay(run: Run): ReplayResult {
  const m = modelOf(run);
  let s = K.initialState(m);
  const states: SListState[] = [snapshot(m, s)];
  const raw: Float64Array[] = [s];
  const steps: StepRecord[] = [];
  let violation: Violation | null = null;
  const push = (e: RunEvent) => {
    const r = applyEvent(m, s, e);
    steps.push(r.record);
    s = r.state;
    states.push(r.record.applied ? snapshot(m, s) : states[states.length - 1]!);
    raw.push(s);
    if (!violation && r.record.applied) violation = violationOf(m, s, steps.length - 1, r.record);
  };
  for (const e of run.events) push(e);
  return { settings: m.settings, setup: m.setup, states, steps, violation, model: m, raw };
}

/** What event e would do after `at` steps of a replay (applied, or refused with the reason), without replaying. */
export function tryEvent(r: ReplayResult, at: number, e: RunEvent): StepRecord {
  return applyEvent(r.model, r.raw[at]!, e).record;
}

/** Like replay, but the first events are applied without snapshots: only the last `tail` steps are
 * recorded (for long random runs). step indices in the result count from the first recorded step. */
export function replayTail(run: Run, tail: number): ReplayResult & { readonly skipped: number } {
  const m = modelOf(run);
  const s = K.initialState(m);
  const skip = Math.max(0, run.events.length - tail);
  for (let i = 0; i < skip; i++) K.apply(m, s, K.encodeEvent(run.events[i]!));
  let cur = s;
  const states: SListState[] = [snapshot(m, cur)];
  const raw: Float64Array[] = [cur];
  const steps: StepRecord[] = [];
  let violation: Violation | null = null;
  for (let i = skip; i < run.events.length; i++) {
    const r = applyEvent(m, cur, run.events[i]!);
    steps.push(r.record);
    cur = r.state;
    states.push(r.record.applied ? snapshot(m, cur) : states[states.length - 1]!);
    raw.push(cur);
    if (!violation && r.record.applied) violation = violationOf(m, cur, steps.length - 1, r.record);
  }
  return { settings: m.settings, setup: m.setup, states, steps, violation, skipped: skip, model: m, raw };
}
