// The simulated machine: each CPU with its threads and the buttons that add the reader's events,
// then the pop and push routines with each thread's PC.
import { ROUTINES } from '../engine/routines.ts';
import type { SListState } from '../engine/run.ts';
import type { RunEvent } from '../engine/types.ts';

interface Props {
  readonly state: SListState;
  /** The layout's sequence width: 0 shows no sequence in the snapshots. */
  readonly seqBits: number;
  readonly speedBound: number;
  readonly add: (e: RunEvent) => void;
}

export function Machine({ state, seqBits, speedBound, add }: Props) {
  return (
    <div class="sl-machine">
      {state.cpus.map((cpu, c) => (
        <section key={c} class="sl-cpu" aria-label={`CPU${c}`}>
          <h3>CPU{c} <span class="sl-muted">{cpu.stalled ? 'stalled by the hypervisor' : cpu.thread === null ? 'idle' : `running ${state.threads[cpu.thread]!.name}`}</span></h3>
          <div class="sl-buttons">
            <button type="button" onClick={() => add({ kind: 'interrupt', cpu: c })}>Interrupt CPU{c}</button>
            {cpu.stalled || cpu.thread === null
              ? <button type="button" onClick={() => add({ kind: 'resume', cpu: c })}>Resume CPU{c}</button>
              : <button type="button" onClick={() => add({ kind: 'stall', cpu: c })}>Stall vCPU{c}</button>}
          </div>
          {state.threads.map((t, i) => t.cpu !== c ? null : (
            <div key={t.name} class={`sl-thread sl-t${i % 4}`}>
              <p class="sl-thread-head"><strong>{t.name}</strong> {t.status}{t.status !== 'done' && <> · <code>{t.instruction}</code> at <code>{t.pc}</code></>}</p>
              <p class="sl-small">
                {t.snapshot ? `snapshot (${t.snapshot.first ?? 'null'}, depth ${t.snapshot.depth}${seqBits ? `, seq ${t.snapshot.sequence}` : ''})` : 'no snapshot'}
                {t.next ? `, next = ${t.next}` : ''}{t.entry && t.routine === 'push' ? `, pushing ${t.entry}` : ''}
                {`; holds ${t.hand.length ? t.hand.join(', ') : 'nothing'}`}
                {speedBound > 0 && t.status === 'running' ? `; ${t.since}/${speedBound} steps by others` : ''}
              </p>
              <div class="sl-buttons">
                <button type="button" onClick={() => add({ kind: 'step', thread: i })}>Step {t.name}</button>
                <button type="button" onClick={() => add({ kind: 'op', thread: i })}>Finish {t.name}'s op</button>
                <button type="button" onClick={() => add({ kind: 'preempt', thread: i })}>Preempt {t.name}</button>
                {t.hand.filter((h) => !(t.routine === 'push' && t.entry === h)).map((h) => (
                  <button key={h} type="button" onClick={() => add({ kind: 'free', thread: i, entry: state.entries.findIndex((e) => e.name === h) })}>{t.name} frees {h}</button>
                ))}
              </div>
            </div>
          ))}
        </section>
      ))}
    </div>
  );
}

export function Routines({ state }: { readonly state: SListState }) {
  return (
    <div class="sl-routines">
      {(['pop', 'push'] as const).map((name) => {
        const l = ROUTINES[name];
        return (
          <div key={name} class="sl-routine">
            <p class="sl-routine-title"><code>{l.title}</code></p>
            <ol class="sl-code" tabIndex={0} aria-label={`${l.title}, with each thread's PC`}>
              {l.lines.map((line, i) => {
                const here = state.threads.filter((t) => t.status !== 'done' && t.routine === name && line.pc !== null && t.pc === line.pc);
                return (
                  <li key={i} class={here.length ? 'sl-here' : undefined}>
                    <span class="sl-pcs">{here.map((t) => t.name).join(' ')}{here.length ? ' ▸' : ''}</span>
                    <span class="sl-label">{line.label ? `${line.label}:` : ''}</span>
                    <code class="sl-asm">{line.asm}</code>
                    {line.comment && <span class="sl-comment">; {line.comment}</span>}
                  </li>
                );
              })}
            </ol>
          </div>
        );
      })}
    </div>
  );
}
