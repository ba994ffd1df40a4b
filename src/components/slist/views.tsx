// Presentational parts of the simulator: the header (named fields, bit bar, hex words),
// the pop and push listings with each thread's PC, and the entries with their Next arrows.
import type { LayoutInfo } from '../../lib/slist/layouts.ts';
import { fieldValue } from '../../lib/slist/layouts.ts';
import { LISTINGS } from '../../lib/slist/listings.ts';
import type { SListState } from '../../lib/slist/run.ts';

const FIELD_CLASS: Record<string, string> = {
  Next: 'next', NextEntry: 'next', Depth: 'depth', Sequence: 'seq', HeaderType: 'type', Init: 'type', Reserved: 'res', Region: 'res',
};

export function HeaderView({ state, layout }: { state: SListState; layout: LayoutInfo }) {
  const words = state.header.words.map((w) => BigInt(w)) as [bigint, bigint];
  const bits = layout.wordBits;
  const cell = bits === 64 ? 9 : 18;
  const width = bits * cell;
  const seqMod = 2 ** layout.seqBits;
  const fieldOf = (word: number, bit: number) => layout.fields.find((f) => f.word === word && f.lo <= bit && bit <= f.hi);
  return (
    <div class="sl-header">
      <dl class="sl-fields">
        <div><dt>First (Next)</dt><dd>{state.header.first ?? 'null'}</dd></div>
        <div><dt>Depth</dt><dd>{state.header.depth}</dd></div>
        <div>
          <dt>Sequence{layout.seqBits ? ` (${layout.seqBits} bits)` : ''}</dt>
          <dd>{layout.seqBits ? state.header.sequence : 'none'}</dd>
        </div>
        <div>
          <dt>Pushes so far</dt>
          <dd>
            {state.pushes}
            {layout.seqBits > 0 && layout.seqBits < 40 && <span class="sl-muted"> ({state.pushes} mod {seqMod} = {state.pushes % seqMod})</span>}
          </dd>
        </div>
      </dl>
      <p class="sl-small">
        {layout.title}: the CAS ({layout.casInstruction}, {layout.casBytes} bytes) compares {layout.compared.join(', ')}.
      </p>
      <svg class="sl-bits" viewBox={`0 0 ${width + 4} 76`} role="img" aria-label={`Header bits: word 0 = ${state.header.words[0]}, word 1 = ${state.header.words[1]}`}>
        {[0, 1].map((w) => (
          <g key={w}>
            {Array.from({ length: bits }, (_, i) => {
              const bit = bits - 1 - i;
              const f = fieldOf(w, bit);
              const v = (words[w]! >> BigInt(bit)) & 1n;
              return (
                <g key={i}>
                  <rect x={2 + i * cell} y={2 + w * 38} width={cell} height={22} class={`sl-bit sl-f-${f ? FIELD_CLASS[f.name] : 'res'}`} />
                  <text x={2 + i * cell + cell / 2} y={2 + w * 38 + 16} text-anchor="middle" class="sl-bit-text">{v.toString()}</text>
                </g>
              );
            })}
            <text x={2} y={2 + w * 38 + 34} class="sl-bit-caption">{`word ${w}: bit ${bits - 1} … 0`}</text>
          </g>
        ))}
      </svg>
      <ul class="sl-legend">
        {layout.fields.map((f) => (
          <li key={`${f.word}${f.name}`}>
            <span class={`sl-swatch sl-f-${FIELD_CLASS[f.name]}`} aria-hidden="true"></span>
            <strong>{f.name}</strong> word {f.word} bits {f.hi}..{f.lo} = 0x{fieldValue(f, words).toString(16)} <span class="sl-muted">({f.note})</span>
          </li>
        ))}
      </ul>
      <p class="sl-words">
        Header words: <code>{state.header.words[0]}</code> <code>{state.header.words[1]}</code>
      </p>
    </div>
  );
}

export function ListingsView({ state }: { state: SListState }) {
  return (
    <div class="sl-listings">
      {(['pop', 'push'] as const).map((name) => {
        const l = LISTINGS[name];
        return (
          <div key={name} class="sl-listing">
            <p class="sl-listing-title"><code>{l.title}</code></p>
            <ol class="sl-code" tabIndex={0} aria-label={`${l.title}, with each thread's PC`}>
              {l.lines.map((line, i) => {
                const here = state.threads.filter((t) => t.status !== 'done' && t.listing === name && line.pc !== null && t.pc === line.pc);
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

export const ownerText = (owner: string, threads: SListState['threads']) =>
  owner === 'list' ? 'list' : owner === 'freed' ? 'freed' : `held by ${threads[Number(owner.slice(7))]?.name ?? '?'}`;

export function EntriesView({ state }: { state: SListState }) {
  const listed = state.list.map((n) => n.replace('…', ''));
  const order = [...new Set(listed), ...state.entries.map((e) => e.name).filter((n) => !listed.includes(n))];
  const BW = 58, GAP = 34, X0 = 90, Y = 60, BH = 32;
  const xOf = (name: string) => X0 + order.indexOf(name) * (BW + GAP);
  const width = X0 + order.length * (BW + GAP) + 10;
  const snaps = state.threads.filter((t) => t.snapshot && t.listing === 'pop' && t.snapshot.first);
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
