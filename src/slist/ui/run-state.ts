// The simulator's run (a preset, the reader's settings, the events) and its URL-hash codec.
// Replaying it is the engine's `replay`; the events' codes are the engine's `encodeEvent`/`decodeEvent`.
// Imports the engine's files directly (not index.ts) so the island's chunk leaves out the exploration.
import { decodeEvent, encodeEvent } from '../engine/core.ts';
import { getPreset, PRESETS } from '../engine/presets.ts';
import type { RunEvent, Settings } from '../engine/types.ts';

/** The settings the reader can change. */
export type UiSettings = Pick<Settings, 'layout' | 'seqBits' | 'fixup' | 'rule' | 'speedBound'>;

export interface UiRun {
  readonly preset: string;
  readonly settings: UiSettings;
  readonly events: readonly RunEvent[];
}

export const settingsOf = (preset: string): UiSettings => {
  const s = (getPreset(preset) ?? PRESETS[0]!).settings;
  return { layout: s.layout, seqBits: s.seqBits, fixup: s.fixup, rule: s.rule, speedBound: s.speedBound };
};

export const presetRun = (preset: string): UiRun => ({ preset, settings: settingsOf(preset), events: getPreset(preset)?.demo ?? [] });

// ---- URL hash: #sim=<preset>.<settings>.<events>.<position> ----
// settings: layout index, seqBits, fixup, rule, R (base 36, '-' separated);
// events: run-length pairs (count, engine event code) as base64url varints, so a 1,000-event schedule is a few dozen characters.
const LAYOUTS: readonly Settings['layout'][] = ['x86', 'x64-header8', 'x64-header16', 'teach'];
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

const varint = (n: number, out: number[]) => {
  while (n >= 32) { out.push(32 | (n & 31)); n = Math.floor(n / 32); }
  out.push(n);
};

export function encodeEvents(events: readonly RunEvent[]): string {
  const digits: number[] = [];
  for (let i = 0; i < events.length;) {
    const c = encodeEvent(events[i]!);
    let j = i + 1;
    while (j < events.length && encodeEvent(events[j]!) === c) j++;
    varint(j - i, digits);
    varint(c, digits);
    i = j;
  }
  return digits.map((d) => B64[d]).join('');
}

export function decodeEvents(text: string): RunEvent[] {
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
  const out: RunEvent[] = [];
  for (let i = 0; i + 1 < nums.length; i += 2) {
    if (nums[i]! > 100_000 || out.length > 100_000) throw new Error('too many events');
    for (let k = 0; k < nums[i]!; k++) out.push(decodeEvent(nums[i + 1]!));
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
