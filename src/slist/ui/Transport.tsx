// The simulator's playback buttons and the exploration's button and line.
import type { Exploration } from './useShortestWorker.ts';

const SPEEDS = [1, 3, 10, 30, 100, 1000] as const;

interface Props {
  readonly pos: number;
  readonly total: number;
  /** Where "Run to the end" stops: after the corrupting step, or the end. */
  readonly end: number;
  readonly playing: boolean;
  readonly speed: number;
  readonly go: (n: number) => void;
  readonly step: () => void;
  readonly toggle: () => void;
  readonly setSpeed: (n: number) => void;
}

export function Transport({ pos, total, end, playing, speed, go, step, toggle, setSpeed }: Props) {
  return (
    <div class="sl-transport" role="group" aria-label="Playback">
      <button type="button" onClick={() => go(0)}>Reset</button>
      <button type="button" onClick={() => go(pos - 1)} disabled={pos === 0}>Step back</button>
      <button type="button" onClick={step}>Step</button>
      <button type="button" aria-pressed={playing} onClick={toggle}>{playing ? 'Pause' : 'Run'}</button>
      <label class="sl-field sl-inline">
        <span>Speed</span>
        <select value={speed} onChange={(e) => setSpeed(Number(e.currentTarget.value))}>
          {SPEEDS.map((s) => <option key={s} value={s}>{s} steps/s</option>)}
        </select>
      </label>
      <button type="button" onClick={() => go(end)}>Run to the end</button>
      <span class="sl-pos">Step {pos} of {total}</span>
    </div>
  );
}

export function ExploreBar({ exploration, find, cancel }: { readonly exploration: Exploration; readonly find: () => void; readonly cancel: () => void }) {
  return (
    <div class="sl-explore">
      {exploration.state === 'running'
        ? <button type="button" onClick={cancel}>Stop exploring</button>
        : <button type="button" onClick={find}>Find shortest corruption</button>}
      {exploration.state !== 'idle' && <span class="sl-explore-text">{exploration.text}</span>}
    </div>
  );
}
