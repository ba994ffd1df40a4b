// The island's server render (NoScript), which a reader without JavaScript keeps: the figure of the
// classic ABA (A→B→C, T1's stale snapshot, T2's pops and pushes, the CAS that succeeds without a
// sequence) and a paragraph on what the simulator adds.
type Owner = 'list' | 't0' | 't1' | 'lost';
interface Box { readonly name: string; readonly x: number; readonly owner: Owner; readonly note?: string }

const W = 54, H = 30;
// Presentation attributes are fallbacks for CSS-less readers (feeds); the site's classes override them.
const FILL: Record<Owner, string> = { list: '#d6e8ff', t0: '#ffe1b3', t1: '#d9f2d0', lost: '#ffd0d0' };
const INK = '#1d2024';

function Row({ y, caption, boxes, links, head }: { y: number; caption: string; boxes: readonly Box[]; links: readonly [string, string][]; head: string }) {
  const at = (n: string) => boxes.find((b) => b.name === n)!;
  const hx = 20, by = y + 16;
  return (
    <g>
      <text x={hx} y={y} fill={INK} class="sl-fig-caption">{caption}</text>
      <rect x={hx} y={by} width={W + 10} height={H} rx="4" fill="#f3f4f6" stroke="#5b6470" class="sl-fig-head" />
      <text x={hx + (W + 10) / 2} y={by + 20} text-anchor="middle" fill={INK} class="sl-fig-label">head</text>
      <line x1={hx + W + 10} y1={by + H / 2} x2={at(head).x - 3} y2={by + H / 2} stroke={INK} class="sl-fig-arrow" marker-end="url(#sl-fig-arrowhead)" />
      {boxes.map((b) => (
        <g key={b.name}>
          <rect x={b.x} y={by} width={W} height={H} rx="4" fill={FILL[b.owner]} stroke="#5b6470" class={`sl-own-${b.owner}`} />
          <text x={b.x + W / 2} y={by + 20} text-anchor="middle" fill={INK} class="sl-fig-label">{b.name}</text>
          {b.note && <text x={b.x + W / 2} y={by + H + 15} text-anchor="middle" fill="#575e66" class="sl-fig-note">{b.note}</text>}
        </g>
      ))}
      {links.map(([a, b]) => {
        const from = at(a), to = at(b);
        return <line key={a + b} x1={from.x + W} y1={by + H / 2} x2={to.x - 3} y2={by + H / 2} stroke={INK} class="sl-fig-arrow" marker-end="url(#sl-fig-arrowhead)" />;
      })}
    </g>
  );
}

export function StaticFigure() {
  return (
    <figure class="sl-static">
      <svg viewBox="0 0 640 330" role="img" aria-labelledby="sl-fig-title sl-fig-desc" class="sl-fig">
        <title id="sl-fig-title">The classic ABA on a lock-free stack without a sequence</title>
        <desc id="sl-fig-desc">
          1: the list is A, B, C; T1 snapshots head = A and reads A's Next = B, then loses its CPU.
          2: T2 pops A and B, pushes D (reused memory) and pushes A back; the list is A, D, C and T2 holds B.
          3: T1 resumes; the head is A again, so its compare-and-swap succeeds and installs B: the head points to B, which T2 owns, and D is lost.
        </desc>
        <defs>
          <marker id="sl-fig-arrowhead" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto">
            <path d="M0,0 L10,5 L0,10 z" fill={INK} class="sl-fig-arrowhead" />
          </marker>
        </defs>
        <Row y={18} caption="1. T1: snapshot head = A, read A->Next = B … then T1 is preempted" head="A"
          boxes={[{ name: 'A', x: 120, owner: 'list', note: 'T1 snap: A, next B' }, { name: 'B', x: 210, owner: 'list' }, { name: 'C', x: 300, owner: 'list' }]}
          links={[['A', 'B'], ['B', 'C']]} />
        <Row y={128} caption="2. T2: pop A, pop B, push D (reused memory), push A" head="A"
          boxes={[{ name: 'A', x: 120, owner: 'list' }, { name: 'D', x: 210, owner: 'list' }, { name: 'C', x: 300, owner: 'list' }, { name: 'B', x: 430, owner: 't1', note: 'held by T2' }]}
          links={[['A', 'D'], ['D', 'C']]} />
        <Row y={238} caption="3. T1: CAS(head: A → B) succeeds, nothing tells it the list changed" head="B"
          boxes={[{ name: 'B', x: 120, owner: 't1', note: 'held by T2 and listed!' }, { name: 'C', x: 300, owner: 'list' }, { name: 'D', x: 430, owner: 'lost', note: 'lost' }, { name: 'A', x: 520, owner: 't0', note: 'popped by T1' }]}
          links={[['B', 'C']]} />
      </svg>
      <figcaption>
        The classic ABA: T1's compare-and-swap compares only the pointer, sees A again and succeeds with a stale
        Next. B is now both on the list and in T2's hands, and D is lost. A sequence in the header makes that CAS fail.
      </figcaption>
    </figure>
  );
}

/** What the server renders, and what a reader without JavaScript keeps. */
export function NoScript() {
  return (
    <div class="sl-sim">
      <StaticFigure />
      <p class="sl-nojs">
        With JavaScript, this figure becomes the simulator: the CPUs and their threads, each thread's PC in the pop and push
        routines, the header's real bits, the entries and their owners, and a log in words. You pick a preset (the classic ABA,
        the x86 sequence, a hypervisor stall on the x64 9-bit sequence, the 16-byte header…), step it, interrupt, preempt or stall
        CPUs, and let the simulator explore the schedules for the shortest one that corrupts the list.
      </p>
    </div>
  );
}
