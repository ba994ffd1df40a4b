// The simulator's run: the engine's scheduler events plus one event of the reader's own,
// "free an entry a thread holds", replayed into snapshots; and the URL-hash codec.
// Imports the engine's files directly (not index.ts) so the island's chunk leaves out the search.
import * as K from '../../lib/slist/core.ts';
import { applyEvent, findings, modelOf, snapshot, type SListState, type StepRecord } from '../../lib/slist/run.ts';
import { getPreset, PRESETS } from '../../lib/slist/presets.ts';
import type { SchedEvent, Settings } from '../../lib/slist/types.ts';

/** A scheduler event, or the reader frees entry `entry` (an index) that `thread` holds. */
export type UiEvent = SchedEvent | { readonly kind: 'free'; readonly thread: number; readonly entry: number };

/** The settings the reader can change. */
export type UiSettings = Pick<Settings, 'layout' | 'seqBits' | 'fixup' | 'rule' | 'speedBound'>;

export interface UiRun {
  readonly preset: string;
  readonly settings: UiSettings;
  readonly events: readonly UiEvent[];
}

export interface Played {
  readonly model: K.Model;
  /** states[0] initial; states[i + 1] after steps[i]. */
  readonly states: readonly SListState[];
  /** The engine's raw states, for checking a reader's event before adding it. */
  readonly raw: readonly Float64Array[];
  readonly steps: readonly StepRecord[];
  /** Index into steps of the step that corrupted the list, or -1. */
  readonly violationStep: number;
  readonly violation: { readonly kind: string; readonly sentence: string; readonly pushes: number; readonly consequences: readonly string[] } | null;
}

export const settingsOf = (preset: string): UiSettings => {
  const s = (getPreset(preset) ?? PRESETS[0]!).settings;
  return { layout: s.layout, seqBits: s.seqBits, fixup: s.fixup, rule: s.rule, speedBound: s.speedBound };
};

export const presetRun = (preset: string): UiRun => ({ preset, settings: settingsOf(preset), events: getPreset(preset)?.demo ?? [] });

function freeEntry(m: K.Model, s: Float64Array, t: number, e: number): { state: Float64Array; record: StepRecord } {
  const ev: UiEvent = { kind: 'free', thread: t, entry: e };
  const th = m.setup.threads[t];
  const name = m.names[e] ?? '?';
  const b = th ? m.T + t * m.S : -1;
  const n = b >= 0 ? s[b + K.T_HANDN]! : 0;
  let k = 0;
  while (k < n && s[b + K.T_HAND + k] !== e) k++;
  const label = `free ${name}`;
  if (!th || k === n || s[m.X + K.X_VIOL] !== 0 || s[b + K.T_ENTRY] === e) {
    const why = !th || k === n ? `${th?.name ?? 'the thread'} does not hold ${name}` : s[m.X + K.X_VIOL] !== 0 ? 'the run stopped at a violation' : `${th.name} is pushing ${name}`;
    return { state: s, record: { event: ev as unknown as SchedEvent, label, applied: false, sentence: `${label}: not possible, ${why}`, staleCas: false, micro: [] } };
  }
  const c = s.slice();
  for (let j = k; j < n - 1; j++) c[b + K.T_HAND + j] = c[b + K.T_HAND + j + 1]!;
  c[b + K.T_HAND + n - 1] = 0;
  c[b + K.T_HANDN] = n - 1;
  c[m.E + 2 * e + 1] = K.FREED;
  const top = c[m.F]! + 1;
  c[m.F] = top;
  c[m.F + top] = e;
  const sentence = `${th.name} frees ${name}: its memory goes back to the allocator, and a pop that still reads ${name}->Next will fault`;
  return { state: c, record: { event: ev as unknown as SchedEvent, label, applied: true, sentence, staleCas: false, micro: [] } };
}

/** Replay a run into snapshots (the engine's applyEvent/snapshot, plus the reader's free events). */
export function play(run: UiRun): Played {
  const model = modelOf({ preset: run.preset, settings: run.settings });
  let s = K.initialState(model);
  const states: SListState[] = [snapshot(model, s)];
  const raw: Float64Array[] = [s];
  const steps: StepRecord[] = [];
  let violationStep = -1;
  for (const e of run.events) {
    const r = e.kind === 'free' ? freeEntry(model, s, e.thread, e.entry) : applyEvent(model, s, e);
    steps.push(r.record);
    s = r.state;
    states.push(r.record.applied ? snapshot(model, s) : states[states.length - 1]!);
    raw.push(s);
    if (violationStep < 0 && r.record.applied && s[model.X + K.X_VIOL] !== 0) violationStep = steps.length - 1;
  }
  let violation: Played['violation'] = null;
  if (violationStep >= 0) {
    const kind = K.VIOLATION_KINDS[s[model.X + K.X_VIOL]! - 1] ?? 'aba';
    const t = s[model.X + K.X_VTHREAD]!;
    const tn = model.setup.threads[t]?.name ?? '?';
    const en = model.names[s[model.X + K.X_VENTRY]!] ?? '?';
    const pushes = s[model.X + K.X_VPUSHES]!;
    const cons = [...findingsOf(steps[violationStep]!), ...findings(model, s)];
    const sentence =
      kind === 'aba' ? `ABA: ${tn}'s compare-and-swap found the header pointing to ${en} again after ${pushes} push${pushes === 1 ? '' : 'es'} and succeeded, but ${en}->Next had changed: it installed a stale Next.`
      : kind === 'sequence-wrap' ? `Sequence wrap: after ${pushes} pushes the ${Math.log2(model.seqMod)}-bit sequence matched ${tn}'s snapshot again, so its stale compare-and-swap on ${en} succeeded and installed a stale ${en}->Next.`
      : kind === 'crash' ? `${tn} read the freed entry ${en} with no fault restart: an access violation.`
      : `${tn}'s step left the list inconsistent (${kind}).`;
    violation = { kind, sentence, pushes, consequences: cons };
  }
  return { model, states, raw, steps, violationStep, violation };
}

/** The stale-CAS micro-step sentence of a violating step (the engine's words). */
function findingsOf(r: StepRecord): string[] {
  return r.micro.filter((x) => x.outcome === 'cas-stale-corrupt' || x.outcome === 'crash').map((x) => x.sentence);
}

// ---- URL hash: #sim=<preset>.<settings>.<events>.<position> ----
// settings: layout index, seqBits, fixup, rule, R (base 36, '-' separated);
// events: run-length pairs (count, code) as base64url varints, so a 1,000-event schedule is a few dozen characters.
const LAYOUTS: readonly Settings['layout'][] = ['x86', 'x64-header8', 'x64-header16', 'teach'];
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function codeOf(e: UiEvent): number {
  return e.kind === 'free' ? 6 * 32 + e.thread + 8 * e.entry * 32 : K.encodeEvent(e);
}
function eventOf(code: number): UiEvent {
  if (code >> 5 >= 6 && (code >> 5) % 8 === 6) return { kind: 'free', thread: code & 31, entry: Math.floor((code >> 5) / 8) };
  return K.decodeEvent(code);
}
const varint = (n: number, out: number[]) => {
  while (n >= 32) { out.push(32 | (n & 31)); n = Math.floor(n / 32); }
  out.push(n);
};

export function encodeEvents(events: readonly UiEvent[]): string {
  const digits: number[] = [];
  for (let i = 0; i < events.length;) {
    const c = codeOf(events[i]!);
    let j = i + 1;
    while (j < events.length && codeOf(events[j]!) === c) j++;
    varint(j - i, digits);
    varint(c, digits);
    i = j;
  }
  return digits.map((d) => B64[d]).join('');
}

export function decodeEvents(text: string): UiEvent[] {
  const digits = [...text].map((ch) => B64.indexOf(ch));
  if (digits.some((d) => d < 0)) throw new Error('bad event text');
  const nums: number[] = [];
  for (let i = 0; i < digits.length;) {
    let n = 0, mul = 1;
    for (;;) {
      const d = digits[i++];
      if (d === undefined) throw new Error('truncated event text');
      n += (d & 31) * mul;
      mul *= 32;
      if (!(d & 32)) break;
    }
    nums.push(n);
  }
  const out: UiEvent[] = [];
  for (let i = 0; i + 1 < nums.length; i += 2) {
    if (nums[i]! > 100_000 || out.length > 100_000) throw new Error('too many events');
    for (let k = 0; k < nums[i]!; k++) out.push(eventOf(nums[i + 1]!));
  }
  return out;
}

export function encodeHash(run: UiRun, at: number): string {
  const s = run.settings;
  const set = [LAYOUTS.indexOf(s.layout), s.seqBits, s.fixup ? 1 : 0, s.rule === 'x86' ? 0 : 1, s.speedBound].map((n) => n.toString(36)).join('-');
  return `#sim=${run.preset}.${set}.${encodeEvents(run.events)}.${at.toString(36)}`;
}

export function decodeHash(hash: string): { run: UiRun; at: number } | null {
  const m = /^#sim=([a-z0-9-]+)\.([0-9a-z-]+)\.([A-Za-z0-9_-]*)\.([0-9a-z]+)$/.exec(hash);
  if (!m || !getPreset(m[1]!)) return null;
  try {
    const [l, b, f, r, R] = m[2]!.split('-').map((x) => parseInt(x, 36));
    const layout = LAYOUTS[l ?? -1];
    if (!layout || b === undefined || R === undefined || !(b >= 0 && b <= 16) || !(R >= 0 && R <= 1000)) return null;
    const settings: UiSettings = { layout, seqBits: b, fixup: f === 1, rule: r === 0 ? 'x86' : 'x64', speedBound: R };
    const events = decodeEvents(m[3]!);
    const at = Math.min(parseInt(m[4]!, 36), events.length);
    return { run: { preset: m[1]!, settings, events }, at };
  } catch {
    return null;
  }
}
