// Events as small integers, the form a shared run's URL hash stores (run-state.ts): keep the codes stable.
import type { RunEvent } from './types.ts';

// ---- events as small integers: kind * 32 + arg; free: (EV_FREE + 8 * entry) * 32 + thread ----
// (the URL hash of a shared run stores these codes: keep them stable)
export const EV_STEP = 0, EV_OP = 1, EV_INT = 2, EV_PREEMPT = 3, EV_STALL = 4, EV_RESUME = 5, EV_FREE = 6;
const KINDS = ['step', 'op', 'interrupt', 'preempt', 'stall', 'resume'] as const;

export function encodeEvent(e: RunEvent): number {
  if (e.kind === 'free') return (EV_FREE + 8 * e.entry) * 32 + e.thread;
  const k = KINDS.indexOf(e.kind);
  const arg = 'thread' in e ? e.thread : e.cpu;
  return k * 32 + arg;
}
/** The event of a code; throws on a code no event has (a hand-edited URL). */
export function decodeEvent(code: number): RunEvent {
  const hi = code >> 5;
  const arg = code & 31;
  if ((hi & 7) === EV_FREE) return { kind: 'free', thread: arg, entry: hi >> 3 };
  const k = KINDS[hi];
  if (!k || !Number.isInteger(code) || code < 0) throw new Error(`no event has the code ${code}`);
  return k === 'step' || k === 'op' || k === 'preempt' ? { kind: k, thread: arg } : { kind: k, cpu: arg };
}
