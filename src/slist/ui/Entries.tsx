// The simulator's entries panel: the list from the header with each entry's Next and owner, the
// threads' snapshots, the free pool, and the colour legend.
import type { SListState } from '../engine/run.ts';

export function EntriesPanel({ state }: { readonly state: SListState }) {
  return (
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
  );
}

const ownerText = (owner: string, threads: SListState['threads']) =>
  owner === 'list' ? 'list' : owner === 'freed' ? 'freed' : `held by ${threads[Number(owner.slice(7))]?.name ?? '?'}`;

function EntriesView({ state }: { state: SListState }) {
  const listed = state.list.map((n) => n.replace('…', ''));
  const order = [...new Set(listed), ...state.entries.map((e) => e.name).filter((n) => !listed.includes(n))];
  const BW = 58, GAP = 34, X0 = 90, Y = 60, BH = 32;
  const xOf = (name: string) => X0 + order.indexOf(name) * (BW + GAP);
  const width = X0 + order.length * (BW + GAP) + 10;
  const snaps = state.threads.filter((t) => t.snapshot && t.routine === 'pop' && t.snapshot.first);
  const byName = new Map(state.entries.map((e) => [e.name, e]));
  const ownerClass = (o: string) => (o === 'list' ? 'list' : o === 'freed' ? 'freed' : `t${Number(o.slice(7)) % 4}`);
  const lostNote = (n: string) => byName.get(n)?.owner === 'list' && !listed.includes(n);
  const summary = `Head → ${listed.length ? listed.join(' → ') : 'null'}${state.list.some((n) => n.endsWith('…')) ? ' (cycle)' : ''}. ` +
    state.entries.filter((e) => !listed.includes(e.name)).map((e) => `${e.name}: ${lostNote(e.name) ? 'lost' : ownerText(e.owner, state.threads)}.`).join(' ');
  return (
    <div class="sl-entries">
      <svg viewBox={`0 0 ${width} 175`} class="sl-entries-svg" role="img" aria-label={summary}>
        <defs>
          <marker id="sl-arrowhead" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto">
            <path d="M0,0 L10,5 L0,10 z" class="sl-fig-arrowhead" />
          </marker>
        </defs>
        <rect x={6} y={Y} width={56} height={BH} rx="4" class="sl-fig-head" />
        <text x={34} y={Y + 21} text-anchor="middle" class="sl-fig-label">head</text>
        {state.header.first && (
          <path d={arrow(62, xOf(state.header.first), Y + BH / 2, true)} class="sl-fig-arrow sl-arrow" marker-end="url(#sl-arrowhead)" />
        )}
        {order.map((n) => {
          const e = byName.get(n)!;
          const x = xOf(n);
          return (
            <g key={n} class="sl-entry">
              <rect x={x} y={Y} width={BW} height={BH} rx="4" class={`sl-own-${lostNote(n) ? 'lost' : ownerClass(e.owner)}`} />
              <text x={x + BW / 2} y={Y + 21} text-anchor="middle" class="sl-fig-label">{n}</text>
              <text x={x + BW / 2} y={Y - 8} text-anchor="middle" class="sl-fig-note">{lostNote(n) ? 'lost' : ownerText(e.owner, state.threads)}</text>
              {e.next && order.includes(e.next) && (
                <path d={arrow(x + BW, xOf(e.next), Y + BH / 2, false)} class="sl-fig-arrow sl-arrow" marker-end="url(#sl-arrowhead)" />
              )}
            </g>
          );
        })}
        {snaps.map((t, i) => {
          const x = xOf(t.snapshot!.first!);
          return (
            <text key={t.name} x={x + BW / 2} y={Y + BH + 16 + i * 14} text-anchor="middle" class="sl-fig-note sl-snap">
              {`${t.name} snap${t.next ? `, next ${t.next}` : ''}`}
            </text>
          );
        })}
      </svg>
      <p class="sl-small">
        {summary} Free pool: {state.freePool.length ? state.freePool.join(', ') : 'empty'}.
      </p>
    </div>
  );
}

/** Path from the right edge x1 of a box to the left edge of the box at x2: straight when adjacent, arched otherwise. */
function arrow(x1: number, x2: number, y: number, straight: boolean): string {
  if (straight || (x2 > x1 && x2 - x1 < 40)) return `M${x1},${y} L${x2 - 2},${y}`;
  const top = 0;
  const from = x1 - 10, to = x2 + 20;
  return x2 > x1
    ? `M${from},${y - 16} C${from},${top} ${to},${top} ${to},${y - 18}`
    : `M${from},${y + 16} C${from},${y + 110} ${to},${y + 110} ${to},${y + 18}`;
}
