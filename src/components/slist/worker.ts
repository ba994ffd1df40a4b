// Web Worker of the SList simulator: runs the engine's shortest-corruption search off the main
// thread, so the page stays responsive. Cancelling terminates the worker. Loaded only on demand.
import { modelOf } from '../../lib/slist/run.ts';
import { searchShortest } from '../../lib/slist/search.ts';
import { getPreset } from '../../lib/slist/presets.ts';
import type { Settings } from '../../lib/slist/types.ts';

export interface SearchRequest { readonly preset: string; readonly settings: Partial<Settings> }
export type SearchReply =
  | { readonly type: 'progress'; readonly depth: number; readonly statesExplored: number; readonly ms: number }
  | { readonly type: 'done'; readonly found: boolean; readonly exhausted: boolean; readonly stoppedBy: string; readonly schedule: unknown[]; readonly statesExplored: number; readonly depth: number; readonly ms: number }
  | { readonly type: 'error'; readonly message: string };

const post = (r: SearchReply) => (self as unknown as { postMessage(m: SearchReply): void }).postMessage(r);

self.addEventListener('message', (ev: MessageEvent<SearchRequest>) => {
  try {
    const { preset, settings } = ev.data;
    const bounds = getPreset(preset)?.bounds ?? { maxDepth: 200, maxStates: 500_000, timeMs: 5000 };
    const m = modelOf({ preset, settings });
    const r = searchShortest(m, {
      ...bounds,
      onProgress: (p) => { post({ type: 'progress', depth: p.depth, statesExplored: p.statesExplored, ms: p.ms }); },
    });
    post({ type: 'done', found: r.found, exhausted: r.exhausted, stoppedBy: r.stoppedBy, schedule: r.schedule, statesExplored: r.statesExplored, depth: r.depth, ms: r.ms });
  } catch (e) {
    post({ type: 'error', message: e instanceof Error ? e.message : String(e) });
  }
});
