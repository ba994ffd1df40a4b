// The SList simulator island (Preact, client:visible). The server render is the static figure of
// the classic ABA (what a reader without JavaScript keeps); after hydration the interactive UI.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { layoutInfo, type LayoutName } from '../../lib/slist/layouts.ts';
import { getPreset, PRESETS } from '../../lib/slist/presets.ts';
import { applyEvent } from '../../lib/slist/run.ts';
import type { SchedEvent } from '../../lib/slist/types.ts';
import { decodeHash, encodeHash, play, presetRun, settingsOf, type UiEvent, type UiRun, type UiSettings } from './run-state.ts';
import { StaticFigure } from './StaticFigure.tsx';
import { EntriesView, HeaderView, ListingsView } from './views.tsx';
import type { SearchReply } from './worker.ts';
import './slist.css';

const SPEEDS = [1, 3, 10, 30, 100, 1000] as const;
const LAYOUT_TITLES: Record<LayoutName, string> = {
  teach: 'teaching (pointer + n-bit sequence)', x86: 'x86 (8 bytes, 16-bit sequence)', 'x64-header8': 'x64 Header8 (9-bit sequence)', 'x64-header16': 'x64 Header16 (48-bit sequence)',
};
const LOG_SHOWN = 60;

type Search = { readonly state: 'idle' } | { readonly state: 'running'; readonly text: string } | { readonly state: 'done'; readonly text: string };

/** What the server renders, and what a reader without JavaScript keeps. */
function NoScript() {
  return (
    <div class="sl-sim">
      <StaticFigure />
      <p class="sl-nojs">
        With JavaScript, this figure becomes the simulator: the CPUs and their threads, each thread's PC on the pop and push
        listings, the header's real bits, the entries and their owners, and a log in words. You pick a preset (the classic ABA,
        the x86 sequence, a hypervisor stall on the x64 9-bit sequence, the 16-byte header…), step it, interrupt, preempt or stall
        CPUs, and let a search find the shortest schedule that corrupts the list.
      </p>
    </div>
  );
}

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
  const [search, setSearch] = useState<Search>({ state: 'idle' });
  const [showTrace, setShowTrace] = useState(false);
  const worker = useRef<Worker | null>(null);
  const logRef = useRef<HTMLOListElement>(null);

  useEffect(() => {
    const load = () => {
      const h = decodeHash(location.hash);
      if (h) { setRun(h.run); setAt(h.at); setPlaying(false); setNotice(null); }
    };
    addEventListener('hashchange', load);
    return () => { removeEventListener('hashchange', load); worker.current?.terminate(); };
  }, []);

  const played = useMemo(() => play(run), [run]);
  const total = run.events.length;
  const pos = Math.min(at, total);
  const state = played.states[pos]!;
  const raw = played.raw[pos]!;
  const layout = useMemo(() => layoutInfo(run.settings.layout, run.settings.seqBits), [run.settings.layout, run.settings.seqBits]);
  const corrupted = played.violation !== null && pos > played.violationStep;
  const last = pos > 0 ? played.steps[pos - 1]! : null;

  // Play: advance at `speed` steps per second (several per frame when fast); stop at the end or at a corruption.
  useEffect(() => {
    if (!playing) return;
    if (pos >= total || corrupted) { setPlaying(false); return; }
    const per = speed > 60 ? Math.ceil(speed / 60) : 1;
    const id = setTimeout(() => {
      const stop = played.violationStep >= pos ? played.violationStep + 1 : total;
      setAt(Math.min(pos + per, stop, total));
    }, speed > 60 ? 16 : 1000 / speed);
    return () => clearTimeout(id);
  }, [playing, pos, total, corrupted, speed, played]);

  // The log shows its newest event.
  useEffect(() => { const l = logRef.current; if (l) l.scrollTop = l.scrollHeight; }, [pos, run]);

  // Share: once the reader has changed something, the URL hash follows the run and the position
  // (not while playing: history calls are throttled). Until then the post's URL (and #anchor) is left alone.
  const initial = useRef({ run, at });
  useEffect(() => {
    if (playing || (run === initial.current.run && pos === initial.current.at)) return;
    const h = encodeHash(run, pos);
    if (location.hash !== h) history.replaceState(null, '', h);
  }, [playing, run, pos]);

  const stopSearch = () => { worker.current?.terminate(); worker.current = null; };
  const choosePreset = (name: string) => {
    stopSearch();
    setSearch({ state: 'idle' });
    setRun(presetRun(name)); setAt(0); setPlaying(false); setNotice(null); setShowTrace(false);
  };
  const changeSettings = (s: Partial<UiSettings>) => {
    stopSearch();
    setSearch({ state: 'idle' });
    setRun({ ...run, settings: { ...run.settings, ...s } }); setPlaying(false); setNotice(null);
  };
  /** A reader's event at the current position: the schedule after it is replaced. */
  const addEvent = (e: UiEvent) => {
    setPlaying(false);
    const r = e.kind === 'free' ? play({ ...run, events: [...run.events.slice(0, pos), e] }).steps[pos]! : applyEvent(played.model, raw, e as SchedEvent).record;
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
    stopSearch();
    setPlaying(false);
    const w = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
    worker.current = w;
    setSearch({ state: 'running', text: 'Searching for the shortest schedule that corrupts the list…' });
    w.onmessage = (ev: MessageEvent<SearchReply>) => {
      const d = ev.data;
      if (d.type === 'progress') {
        setSearch({ state: 'running', text: `Searching: ${d.statesExplored.toLocaleString('en')} states, every schedule of up to ${d.safeDepth} events safe so far, ${Math.round(d.ms)} ms…` });
        return;
      }
      stopSearch();
      if (d.type === 'error') { setSearch({ state: 'done', text: `The search failed: ${d.message}` }); return; }
      if (d.found) {
        const events = d.schedule as SchedEvent[];
        setRun({ ...run, events });
        setAt(0);
        if (events.length > 200) setSpeed(1000);
        setPlaying(true);
        setSearch({ state: 'done', text: `${d.verdict.sentence} Playing it; pause or step back any time.` });
      } else {
        // the engine's words: proved by the bound, every state explored, or stopped by a limit
        setSearch({ state: 'done', text: d.verdict.sentence });
      }
    };
    w.onerror = () => { stopSearch(); setSearch({ state: 'done', text: 'The search worker could not start.' }); };
    w.postMessage({ preset: run.preset, settings: run.settings });
  };

  const preset = getPreset(run.preset)!;
  const announce = notice ?? (last ? last.sentence : `Start of the schedule: ${total} event${total === 1 ? '' : 's'} to play.`);
  const firstLog = Math.max(0, pos - LOG_SHOWN);
  const effBits = run.settings.layout === 'teach' ? run.settings.seqBits : layout.seqBits;

  return (
    // A <section>, not the server's <div>: hydration creates it afresh (Preact does not patch attributes when hydrating).
    <section class="sl-sim sl-live" aria-label="SList simulator">
      <div class="sl-top">
        <label class="sl-field">
          <span>Preset</span>
          <select value={run.preset} onChange={(e) => choosePreset(e.currentTarget.value)}>
            {PRESETS.map((p) => <option key={p.name} value={p.name}>{p.title}</option>)}
          </select>
        </label>
        <p class="sl-desc">{preset.description}</p>
      </div>

      <fieldset class="sl-settings">
        <legend>Settings</legend>
        <label class="sl-field">
          <span>Layout</span>
          <select value={run.settings.layout} onChange={(e) => changeSettings({ layout: e.currentTarget.value as LayoutName })}>
            {(Object.keys(LAYOUT_TITLES) as LayoutName[]).map((l) => <option key={l} value={l}>{LAYOUT_TITLES[l]}</option>)}
          </select>
        </label>
        <label class="sl-field">
          <span>Sequence bits</span>
          <input type="number" min={0} max={16} value={effBits} disabled={run.settings.layout !== 'teach'}
            onInput={(e) => changeSettings({ seqBits: Math.max(0, Math.min(16, Number(e.currentTarget.value) || 0)) })} />
        </label>
        <label class="sl-check">
          <input type="checkbox" checked={run.settings.fixup} onChange={(e) => changeSettings({ fixup: e.currentTarget.checked })} />
          <span>KiCheckForSListAddress fixup</span>
        </label>
        <label class="sl-field">
          <span>Fixup rule</span>
          <select value={run.settings.rule} onChange={(e) => changeSettings({ rule: e.currentTarget.value as 'x86' | 'x64' })}>
            <option value="x86">x86: Resume ≤ PC ≤ End</option>
            <option value="x64">x64: Resume &lt; PC ≤ End</option>
          </select>
        </label>
        <label class="sl-field">
          <span>Speed bound R (0 = none)</span>
          <input type="number" min={0} max={1000} value={run.settings.speedBound}
            onInput={(e) => changeSettings({ speedBound: Math.max(0, Math.min(1000, Number(e.currentTarget.value) || 0)) })} />
        </label>
        {JSON.stringify(run.settings) !== JSON.stringify(settingsOf(run.preset)) && (
          <button type="button" onClick={() => changeSettings(settingsOf(run.preset))}>Preset settings</button>
        )}
      </fieldset>

      <div class="sl-transport" role="group" aria-label="Playback">
        <button type="button" onClick={() => go(0)}>Reset</button>
        <button type="button" onClick={() => go(pos - 1)} disabled={pos === 0}>Step back</button>
        <button type="button" onClick={stepOnce}>Step</button>
        <button type="button" aria-pressed={playing} onClick={() => { setNotice(null); setPlaying(!playing && pos < total); }}>{playing ? 'Pause' : 'Run'}</button>
        <label class="sl-field sl-inline">
          <span>Speed</span>
          <select value={speed} onChange={(e) => setSpeed(Number(e.currentTarget.value))}>
            {SPEEDS.map((s) => <option key={s} value={s}>{s} steps/s</option>)}
          </select>
        </label>
        <button type="button" onClick={() => go(played.violationStep >= 0 ? played.violationStep + 1 : total)}>Run to the end</button>
        <span class="sl-pos">Step {pos} of {total}</span>
      </div>

      <div class="sl-search">
        {search.state === 'running'
          ? <button type="button" onClick={() => { stopSearch(); setSearch({ state: 'done', text: 'Search cancelled.' }); }}>Cancel search</button>
          : <button type="button" onClick={findShortest}>Find shortest corruption</button>}
        {search.state !== 'idle' && <span class="sl-search-text">{search.text}</span>}
      </div>

      <p role="status" class="sl-now" aria-busy={playing && speed > 10}><span class="sl-now-label">Now: </span>{announce}</p>

      {corrupted && played.violation && (
        <div class="sl-banner">
          <p><strong>The list is corrupted.</strong> {played.violation.sentence}</p>
          <ul>
            {played.violation.consequences.map((c) => <li key={c}>{c}</li>)}
          </ul>
          <button type="button" aria-expanded={showTrace} onClick={() => setShowTrace(!showTrace)}>{showTrace ? 'Hide the trace' : 'Show the trace'}</button>
          {showTrace && <Trace steps={played.steps.slice(0, played.violationStep + 1)} />}
        </div>
      )}
      {!corrupted && pos === total && total > 0 && (
        <p class="sl-intact">End of the schedule: the list is intact ({state.pushes} pushes, {state.casFailures} failed CAS, {state.faults} fault restarts{state.benignStaleCas ? `, ${state.benignStaleCas} harmless stale CAS` : ''}).</p>
      )}

      <div class="sl-machine">
        {state.cpus.map((cpu, c) => (
          <section key={c} class="sl-cpu" aria-label={`CPU${c}`}>
            <h3>CPU{c} <span class="sl-muted">{cpu.stalled ? 'stalled by the hypervisor' : cpu.thread === null ? 'idle' : `running ${state.threads[cpu.thread]!.name}`}</span></h3>
            <div class="sl-buttons">
              <button type="button" onClick={() => addEvent({ kind: 'interrupt', cpu: c })}>Interrupt CPU{c}</button>
              {cpu.stalled || cpu.thread === null
                ? <button type="button" onClick={() => addEvent({ kind: 'resume', cpu: c })}>Resume CPU{c}</button>
                : <button type="button" onClick={() => addEvent({ kind: 'stall', cpu: c })}>Stall vCPU{c}</button>}
            </div>
            {state.threads.map((t, i) => t.cpu !== c ? null : (
              <div key={t.name} class={`sl-thread sl-t${i % 4}`}>
                <p class="sl-thread-head"><strong>{t.name}</strong> {t.status}{t.status !== 'done' && <> · <code>{t.instruction}</code> at <code>{t.pc}</code></>}</p>
                <p class="sl-small">
                  {t.snapshot ? `snapshot (${t.snapshot.first ?? 'null'}, depth ${t.snapshot.depth}${layout.seqBits ? `, seq ${t.snapshot.sequence}` : ''})` : 'no snapshot'}
                  {t.next ? `, next = ${t.next}` : ''}{t.entry && t.listing === 'push' ? `, pushing ${t.entry}` : ''}
                  {`; holds ${t.hand.length ? t.hand.join(', ') : 'nothing'}`}
                  {run.settings.speedBound > 0 && t.status === 'running' ? `; ${t.since}/${run.settings.speedBound} steps by others` : ''}
                </p>
                <div class="sl-buttons">
                  <button type="button" onClick={() => addEvent({ kind: 'step', thread: i })}>Step {t.name}</button>
                  <button type="button" onClick={() => addEvent({ kind: 'op', thread: i })}>Finish {t.name}'s op</button>
                  <button type="button" onClick={() => addEvent({ kind: 'preempt', thread: i })}>Preempt {t.name}</button>
                  {t.hand.filter((h) => !(t.listing === 'push' && t.entry === h)).map((h) => (
                    <button key={h} type="button" onClick={() => addEvent({ kind: 'free', thread: i, entry: played.model.names.indexOf(h) })}>{t.name} frees {h}</button>
                  ))}
                </div>
              </div>
            ))}
          </section>
        ))}
      </div>

      <ListingsView state={state} />
      <div class="sl-panels">
        <section class="sl-panel" aria-label="Header">
          <h3>Header</h3>
          <HeaderView state={state} layout={layout} />
        </section>
        <section class="sl-panel" aria-label="Entries">
          <h3>Entries</h3>
          <EntriesView state={state} />
          <ul class="sl-legend">
            <li><span class="sl-swatch sl-own-list" aria-hidden="true"></span>on the list</li>
            {state.threads.map((t, i) => <li key={t.name}><span class={`sl-swatch sl-own-t${i % 4}`} aria-hidden="true"></span>held by {t.name}</li>)}
            <li><span class="sl-swatch sl-own-freed" aria-hidden="true"></span>freed</li>
            <li><span class="sl-swatch sl-own-lost" aria-hidden="true"></span>lost (listed but unreachable)</li>
          </ul>
        </section>
      </div>

      <section class="sl-panel" aria-label="Log">
        <h3>Log</h3>
        <ol class="sl-log" ref={logRef} start={firstLog + 1} tabIndex={0} aria-label="Events so far">
          {played.steps.slice(firstLog, pos).map((s, i) => (
            <li key={firstLog + i} class={[!s.applied && 'sl-refused', s.staleCas && 'sl-stale', firstLog + i === played.violationStep && 'sl-bad'].filter(Boolean).join(' ') || undefined}>
              <code>{s.label}</code> {s.sentence}
            </li>
          ))}
        </ol>
        {firstLog > 0 && <p class="sl-small">({firstLog} earlier events not shown; step back to see them.)</p>}
      </section>

      <details class="sl-help">
        <summary>How to use it, and sources</summary>
        <p>
          Step plays the next event of the schedule (the preset's demonstration, or the one the search found); the CPU and
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

function Trace({ steps }: { steps: readonly { label: string; sentence: string; applied: boolean }[] }) {
  // Runs of the same event collapse into one line, so a 1,000-event trace stays readable.
  const rows: { label: string; sentence: string; n: number; from: number }[] = [];
  steps.forEach((s, i) => {
    if (!s.applied) return;
    const prev = rows[rows.length - 1];
    if (prev && prev.label === s.label && rows.length > 0 && i > 0 && steps[i - 1]!.label === s.label) prev.n++;
    else rows.push({ label: s.label, sentence: s.sentence, n: 1, from: i + 1 });
  });
  return (
    <ol class="sl-trace">
      {rows.map((r) => (
        <li key={r.from}><code>{r.n > 1 ? `${r.label} ×${r.n}` : r.label}</code> {r.n > 1 ? `(events ${r.from}–${r.from + r.n - 1}) first: ` : ''}{r.sentence}</li>
      ))}
    </ol>
  );
}
