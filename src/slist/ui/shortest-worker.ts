// Web Worker of the SList simulator: runs the engine's shortest-corruption exploration off the main
// thread, so the page stays responsive. Cancelling terminates the worker. Loaded only on demand.
import { modelOf } from '../engine/run.ts';
import { exploreShortest } from '../engine/shortest.ts';
import { getPreset } from '../engine/presets.ts';
import type { Settings } from '../engine/types.ts';
import type { Verdict } from '../engine/verdict.ts';

export interface ExploreRequest { readonly preset: string; readonly settings: Partial<Settings> }
export type ExploreReply =
  /** safeDepth: every schedule of at most this many events is known safe so far. */
  | { readonly type: 'progress'; readonly safeDepth: number; readonly statesExplored: number; readonly ms: number }
  /** verdict: the engine's conclusion and how it knows it, shown as it is. */
  | { readonly type: 'done'; readonly found: boolean; readonly stoppedBy: string; readonly verdict: Verdict; readonly schedule: unknown[]; readonly statesExplored: number; readonly ms: number }
  | { readonly type: 'error'; readonly message: string };

const post = (r: ExploreReply) => (self as unknown as { postMessage(m: ExploreReply): void }).postMessage(r);

self.addEventListener('message', (ev: MessageEvent<ExploreRequest>) => {
  try {
    const { preset, settings } = ev.data;
    const bounds = getPreset(preset)?.bounds ?? { maxDepth: 200, maxStates: 500_000, timeMs: 5000 };
    const m = modelOf({ preset, settings });
    const r = exploreShortest(m, {
      ...bounds,
      onProgress: (p) => { post({ type: 'progress', safeDepth: p.safeDepth, statesExplored: p.statesExplored, ms: p.ms }); },
    });
    post({ type: 'done', found: r.found, stoppedBy: r.stoppedBy, verdict: r.verdict, schedule: r.schedule, statesExplored: r.statesExplored, ms: r.ms });
  } catch (e) {
    post({ type: 'error', message: e instanceof Error ? e.message : String(e) });
  }
});
