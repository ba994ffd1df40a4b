// The shortest-corruption search in a Web Worker (worker.ts, loaded only on demand), and the line
// the UI shows for it. One search at a time: starting again, resetting or cancelling terminates the worker.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { SchedEvent } from '../engine/types.ts';
import type { UiSettings } from './run-state.ts';
import type { SearchReply } from './shortest-worker.ts';

export type Search = { readonly state: 'idle' } | { readonly state: 'running'; readonly text: string } | { readonly state: 'done'; readonly text: string };

export function useShortestWorker() {
  const [search, setSearch] = useState<Search>({ state: 'idle' });
  const worker = useRef<Worker | null>(null);
  const stop = () => { worker.current?.terminate(); worker.current = null; };
  useEffect(() => stop, []);

  /** Search the preset with these settings; `found` gets the schedule, and the line then says it is playing. */
  const start = (preset: string, settings: UiSettings, found: (schedule: SchedEvent[]) => void) => {
    stop();
    const w = new Worker(new URL('./shortest-worker.ts', import.meta.url), { type: 'module' });
    worker.current = w;
    setSearch({ state: 'running', text: 'Searching for the shortest schedule that corrupts the list…' });
    w.onmessage = (ev: MessageEvent<SearchReply>) => {
      const d = ev.data;
      if (d.type === 'progress') {
        setSearch({ state: 'running', text: `Searching: ${d.statesExplored.toLocaleString('en')} states, every schedule of up to ${d.safeDepth} events safe so far, ${Math.round(d.ms)} ms…` });
        return;
      }
      stop();
      if (d.type === 'error') { setSearch({ state: 'done', text: `The search failed: ${d.message}` }); return; }
      if (d.found) {
        found(d.schedule as SchedEvent[]);
        setSearch({ state: 'done', text: `${d.verdict.sentence} Playing it; pause or step back any time.` });
      } else {
        // the engine's words: proved by the bound, every state explored, or stopped by a limit
        setSearch({ state: 'done', text: d.verdict.sentence });
      }
    };
    w.onerror = () => { stop(); setSearch({ state: 'done', text: 'The search worker could not start.' }); };
    w.postMessage({ preset, settings });
  };
  const reset = () => { stop(); setSearch({ state: 'idle' }); };
  const cancel = () => { stop(); setSearch({ state: 'done', text: 'Search cancelled.' }); };
  return { search, start, reset, cancel };
}
