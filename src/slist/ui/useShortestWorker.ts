// The shortest-corruption exploration in a Web Worker (shortest-worker.ts, loaded only on demand), and
// the line the UI shows for it. One exploration at a time: starting again, resetting or cancelling terminates the worker.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { SchedEvent } from '../engine/types.ts';
import type { UiSettings } from './run-state.ts';
import type { ExploreReply } from './shortest-worker.ts';

export type Exploration = { readonly state: 'idle' } | { readonly state: 'running'; readonly text: string } | { readonly state: 'done'; readonly text: string };

export function useShortestWorker() {
  const [exploration, setExploration] = useState<Exploration>({ state: 'idle' });
  const worker = useRef<Worker | null>(null);
  const stop = () => { worker.current?.terminate(); worker.current = null; };
  useEffect(() => stop, []);

  /** Explore the preset with these settings; `found` gets the schedule, and the line then says it is playing. */
  const start = (preset: string, settings: UiSettings, found: (schedule: SchedEvent[]) => void) => {
    stop();
    const w = new Worker(new URL('./shortest-worker.ts', import.meta.url), { type: 'module' });
    worker.current = w;
    setExploration({ state: 'running', text: 'Exploring schedules for the shortest that corrupts the list…' });
    w.onmessage = (ev: MessageEvent<ExploreReply>) => {
      const d = ev.data;
      if (d.type === 'progress') {
        setExploration({ state: 'running', text: `Exploring: ${d.statesExplored.toLocaleString('en')} states, every schedule of up to ${d.safeDepth} events safe so far, ${Math.round(d.ms)} ms…` });
        return;
      }
      stop();
      if (d.type === 'error') { setExploration({ state: 'done', text: `The exploration failed: ${d.message}` }); return; }
      if (d.found) {
        found(d.schedule as SchedEvent[]);
        setExploration({ state: 'done', text: `${d.verdict.sentence} Playing it; pause or step back any time.` });
      } else {
        // the engine's words: proved by the bound, every state explored, or stopped by a limit
        setExploration({ state: 'done', text: d.verdict.sentence });
      }
    };
    w.onerror = () => { stop(); setExploration({ state: 'done', text: 'The exploration worker could not start.' }); };
    w.postMessage({ preset, settings });
  };
  const reset = () => { stop(); setExploration({ state: 'idle' }); };
  const cancel = () => { stop(); setExploration({ state: 'done', text: 'Exploration stopped.' }); };
  return { exploration, start, reset, cancel };
}
