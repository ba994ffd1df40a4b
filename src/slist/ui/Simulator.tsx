// The SList simulator island (Preact, client:visible). The server render is the static figure of
// the classic ABA (what a reader without JavaScript keeps); after hydration the interactive UI, which
// holds the run and the position and draws the engine's replay of it.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { layoutInfo } from '../engine/layouts.ts';
import { replay, tryEvent } from '../engine/run.ts';
import type { RunEvent } from '../engine/types.ts';
import { EntriesPanel } from './Entries.tsx';
import { HeaderPanel } from './Header.tsx';
import { Banner, Intact, Log } from './Log.tsx';
import { Routines, Machine } from './Machine.tsx';
import { decodeHash, encodeHash, presetRun, type UiRun, type UiSettings } from './run-state.ts';
import { SettingsPanel } from './Settings.tsx';
import { NoScript } from './StaticFigure.tsx';
import { ExploreBar, Transport } from './Transport.tsx';
import { useShortestWorker } from './useShortestWorker.ts';
import './slist.css';

export default function Simulator() {
  // import.meta.env.SSR is a build-time constant: the client bundle leaves the static figure out, and its first
  // render (hydration) is already the interactive UI, restored from the URL hash if there is one.
  if (import.meta.env.SSR) return <NoScript />;
  return <Live />;
}

const fromHash = () => (typeof location === 'undefined' ? null : decodeHash(location.hash));

function Live() {
  const [run, setRun] = useState<UiRun>(() => fromHash()?.run ?? presetRun('classic-aba'));
  const [at, setAt] = useState(() => fromHash()?.at ?? 0);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState<number>(3);
  const [notice, setNotice] = useState<string | null>(null);
  const [showTrace, setShowTrace] = useState(false);
  const { exploration, start, reset, cancel } = useShortestWorker();

  useEffect(() => {
    const load = () => {
      const h = decodeHash(location.hash);
      if (h) { setRun(h.run); setAt(h.at); setPlaying(false); setNotice(null); }
    };
    addEventListener('hashchange', load);
    return () => removeEventListener('hashchange', load);
  }, []);

  const played = useMemo(() => replay({ ...run, seed: 0 }), [run]);
  const total = run.events.length;
  const pos = Math.min(at, total);
  const state = played.states[pos]!;
  const layout = useMemo(() => layoutInfo(run.settings.layout, run.settings.seqBits), [run.settings.layout, run.settings.seqBits]);
  const violation = played.violation;
  const bad = violation?.step ?? -1;
  const corrupted = violation !== null && pos > bad;
  const last = pos > 0 ? played.steps[pos - 1]! : null;

  // Play: advance at `speed` steps per second (several per frame when fast); stop at the end or at a corruption.
  useEffect(() => {
    if (!playing) return;
    if (pos >= total || corrupted) { setPlaying(false); return; }
    const per = speed > 60 ? Math.ceil(speed / 60) : 1;
    const id = setTimeout(() => {
      const stop = bad >= pos ? bad + 1 : total;
      setAt(Math.min(pos + per, stop, total));
    }, speed > 60 ? 16 : 1000 / speed);
    return () => clearTimeout(id);
  }, [playing, pos, total, corrupted, speed, played]);

  // Share: once the reader has changed something, the URL hash follows the run and the position
  // (not while playing: history calls are throttled). Until then the post's URL (and #anchor) is left alone.
  const initial = useRef({ run, at });
  useEffect(() => {
    if (playing || (run === initial.current.run && pos === initial.current.at)) return;
    const h = encodeHash(run, pos);
    if (location.hash !== h) history.replaceState(null, '', h);
  }, [playing, run, pos]);

  const choosePreset = (name: string) => {
    reset();
    setRun(presetRun(name)); setAt(0); setPlaying(false); setNotice(null); setShowTrace(false);
  };
  const changeSettings = (s: Partial<UiSettings>) => {
    reset();
    setRun({ ...run, settings: { ...run.settings, ...s } }); setPlaying(false); setNotice(null);
  };
  /** A reader's event at the current position: the schedule after it is replaced. */
  const addEvent = (e: RunEvent) => {
    setPlaying(false);
    const r = tryEvent(played, pos, e);
    if (!r.applied) { setNotice(r.sentence); return; }
    setNotice(null);
    setRun({ ...run, events: [...run.events.slice(0, pos), e] });
    setAt(pos + 1);
  };
  const go = (n: number) => { setPlaying(false); setNotice(null); setAt(Math.max(0, Math.min(total, n))); };
  const stepOnce = () => {
    if (pos >= total) { setNotice('End of the schedule: add events with the CPU and thread buttons, or pick a preset again.'); return; }
    go(pos + 1);
  };
  const findShortest = () => {
    setPlaying(false);
    start(run.preset, run.settings, (events) => {
      setRun({ ...run, events });
      setAt(0);
      if (events.length > 200) setSpeed(1000);
      setPlaying(true);
    });
  };

  const announce = notice ?? (last ? last.sentence : `Start of the schedule: ${total} event${total === 1 ? '' : 's'} to play.`);
  const seqBits = run.settings.layout === 'teach' ? run.settings.seqBits : layout.seqBits;

  return (
    // A <section>, not the server's <div>: hydration creates it afresh (Preact does not patch attributes when hydrating).
    <section class="sl-sim sl-live" aria-label="SList simulator">
      <SettingsPanel run={run} seqBits={seqBits} onPreset={choosePreset} onChange={changeSettings} />
      <Transport pos={pos} total={total} end={bad >= 0 ? bad + 1 : total} playing={playing} speed={speed}
        go={go} step={stepOnce} toggle={() => { setNotice(null); setPlaying(!playing && pos < total); }} setSpeed={setSpeed} />
      <ExploreBar exploration={exploration} find={findShortest} cancel={cancel} />

      <p role="status" class="sl-now" aria-busy={playing && speed > 10}><span class="sl-now-label">Now: </span>{announce}</p>

      {corrupted && <Banner violation={violation} steps={played.steps} showTrace={showTrace} toggleTrace={() => setShowTrace(!showTrace)} />}
      {!corrupted && pos === total && total > 0 && <Intact state={state} />}

      <Machine state={state} seqBits={layout.seqBits} speedBound={run.settings.speedBound} add={addEvent} />
      <Routines state={state} />
      <div class="sl-panels">
        <HeaderPanel state={state} layout={layout} />
        <EntriesPanel state={state} />
      </div>

      <Log steps={played.steps} pos={pos} bad={bad} />

      <details class="sl-help">
        <summary>How to use it, and sources</summary>
        <p>
          Step plays the next event of the schedule (the preset's demonstration, or the one the exploration found); the CPU and
          thread buttons insert your own event at this point and drop the rest of the schedule. Step back walks the snapshots.
          The address bar keeps the preset, the settings, the events and the step: copy it to share this exact run.
        </p>
        <p>
          The model follows the Windows Research Kernel's <code>slist.asm</code> and trap code, ReactOS, Wine and Microsoft's
          documentation; the sources are listed below the simulator.
        </p>
      </details>
    </section>
  );
}
