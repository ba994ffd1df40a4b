// The simulator's header panel: the named fields, the bit bar and the hex words of the layout.
import type { LayoutInfo } from '../engine/layouts.ts';
import { fieldValue } from '../engine/layouts.ts';
import type { SListState } from '../engine/run.ts';

export function HeaderPanel({ state, layout }: { readonly state: SListState; readonly layout: LayoutInfo }) {
  return (
    <section class="sl-panel" aria-label="Header">
      <h3>Header</h3>
      <HeaderView state={state} layout={layout} />
    </section>
  );
}

const FIELD_CLASS: Record<string, string> = {
  Next: 'next', NextEntry: 'next', Depth: 'depth', Sequence: 'seq', HeaderType: 'type', Init: 'type', Reserved: 'res', Region: 'res',
};

function HeaderView({ state, layout }: { state: SListState; layout: LayoutInfo }) {
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
