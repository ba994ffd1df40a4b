// The simulator's words: the corruption banner (the engine's violation, with its trace) or the
// intact list at the end, and the log of the events so far.
import { useEffect, useRef } from 'preact/hooks';
import type { SListState, StepRecord } from '../engine/run.ts';
import type { Violation } from '../engine/types.ts';

const LOG_SHOWN = 60;

export function Banner({ violation, steps, showTrace, toggleTrace }: { readonly violation: Violation; readonly steps: readonly StepRecord[]; readonly showTrace: boolean; readonly toggleTrace: () => void }) {
  const findings = violation.cause ? [violation.cause, ...violation.consequences] : violation.consequences;
  return (
    <div class="sl-banner">
      <p><strong>The list is corrupted.</strong> {violation.sentence}</p>
      <ul>
        {findings.map((c) => <li key={c}>{c}</li>)}
      </ul>
      <button type="button" aria-expanded={showTrace} onClick={toggleTrace}>{showTrace ? 'Hide the trace' : 'Show the trace'}</button>
      {showTrace && <Trace steps={steps.slice(0, violation.step + 1)} />}
    </div>
  );
}

export function Intact({ state }: { readonly state: SListState }) {
  return (
    <p class="sl-intact">End of the schedule: the list is intact ({state.pushes} pushes, {state.casFailures} failed CAS, {state.faults} fault restarts{state.benignStaleCas ? `, ${state.benignStaleCas} harmless stale CAS` : ''}).</p>
  );
}

function Trace({ steps }: { readonly steps: readonly StepRecord[] }) {
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

/** The last LOG_SHOWN events before `pos`, scrolled to the newest. `bad` is the corrupting step's index, or -1. */
export function Log({ steps, pos, bad }: { readonly steps: readonly StepRecord[]; readonly pos: number; readonly bad: number }) {
  const ref = useRef<HTMLOListElement>(null);
  useEffect(() => { const l = ref.current; if (l) l.scrollTop = l.scrollHeight; }, [pos, steps]);
  const first = Math.max(0, pos - LOG_SHOWN);
  return (
    <section class="sl-panel" aria-label="Log">
      <h3>Log</h3>
      <ol class="sl-log" ref={ref} start={first + 1} tabIndex={0} aria-label="Events so far">
        {steps.slice(first, pos).map((s, i) => (
          <li key={first + i} class={[!s.applied && 'sl-refused', s.staleCas && 'sl-stale', first + i === bad && 'sl-bad'].filter(Boolean).join(' ') || undefined}>
            <code>{s.label}</code> {s.sentence}
          </li>
        ))}
      </ol>
      {first > 0 && <p class="sl-small">({first} earlier events not shown; step back to see them.)</p>}
    </section>
  );
}
