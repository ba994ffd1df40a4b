// Presets: named starting points (settings, setup) with a demonstration schedule.
import { DEFAULT_SETTINGS } from './core.ts';
import type { Instr, SchedEvent, Settings, Setup } from './types.ts';

export interface Preset {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly settings: Settings;
  readonly setup: Setup;
  /** A schedule that shows the preset's point (the UI can load it as the run's events). */
  readonly demo: readonly SchedEvent[];
  /** What the shortest-schedule exploration is expected to report (tested). */
  readonly expect: 'corrupts' | 'safe';
  /** Exploration bounds that suit this preset (the CLI's defaults). */
  readonly bounds: { readonly maxDepth: number; readonly maxStates: number; readonly timeMs: number };
}

const step = (thread: number): SchedEvent => ({ kind: 'step', thread });
const op = (thread: number): SchedEvent => ({ kind: 'op', thread });
const rep = <T>(n: number, x: T): T[] => Array.from({ length: n }, () => x);

/** T2 of the classic ABA: pop A, pop B, allocate D (reused memory), push D, push A. */
const CLASSIC_T2: readonly Instr[] = [{ op: 'pop' }, { op: 'pop' }, { op: 'alloc' }, { op: 'push', entry: 'D' }, { op: 'push', entry: 'A' }];
/** The classic ABA, then pop A / push A forever: one push per round, the header comes back to (A, depth 3). */
const LOOPING_T2: readonly Instr[] = [...CLASSIC_T2, { op: 'pop' }, { op: 'push' }, { op: 'loop', to: 5 }];

const classicSetup = (t2: readonly Instr[]): Setup => ({
  cpus: 2,
  list: ['A', 'B', 'C'],
  freed: ['D'],
  threads: [
    { name: 'T1', cpu: 0, program: [{ op: 'pop' }] },
    { name: 'T2', cpu: 1, program: t2 },
  ],
});

/** T1 snapshots and reads A->Next, then loses its CPU (`away`), T2 works, T1 comes back and CASes. */
const classicDemo = (away: SchedEvent, t2ops: number, back: SchedEvent, ...after: SchedEvent[]): SchedEvent[] =>
  [step(0), step(0), step(0), away, ...rep(t2ops, op(1)), back, step(0), ...after];

// Prose written over several lines, folded into one line of text as the UI shows it.
const prose = (text: TemplateStringsArray): string => text.join('').replace(/\s+/g, ' ').trim();
const S = (o: Partial<Settings>): Settings => ({ ...DEFAULT_SETTINGS, ...o });
/** 5 ops for the classic part (2 pushes), then 510 rounds of pop+push: 512 pushes in all. */
const WRAP_OPS = 5 + 2 * 510;
const PREEMPT_T1: SchedEvent = { kind: 'preempt', thread: 0 };
const STALL_CPU0: SchedEvent = { kind: 'stall', cpu: 0 };

/** The classic scenario on `settings`: T1 loses its CPU (`away`) in its pop window while T2 runs `t2ops` ops of `t2`. */
const classic = (settings: Partial<Settings>, t2: readonly Instr[], away: SchedEvent, t2ops: number, ...after: SchedEvent[]) =>
  ({ settings: S(settings), setup: classicSetup(t2), demo: classicDemo(away, t2ops, { kind: 'resume', cpu: 0 }, ...after) });

export const PRESETS: readonly Preset[] = [
  {
    name: 'classic-aba',
    title: 'The classic ABA (no sequence)',
    description: prose`
      A naive lock-free stack whose header is only a pointer: T1 snapshots A and reads A->Next = B, then is preempted with nothing to restart it. T2
      pops A and B, pushes a reused entry D and pushes A back. The header points to A again, so T1's compare-and-swap succeeds and installs B as the
      head: B is handed out while T2 owns it and D is lost.
    `,
    ...classic({ layout: 'teach', seqBits: 0, fixup: false, rule: 'x86', stalls: false }, CLASSIC_T2, PREEMPT_T1, 5),
    expect: 'corrupts', bounds: { maxDepth: 40, maxStates: 200_000, timeMs: 2000 },
  },
  {
    name: 'x86-sequence',
    title: 'x86: a 16-bit sequence stops the classic ABA',
    description: prose`
      The same schedule on the x86 header, whose cmpxchg8b compares Next, Depth and a 16-bit Sequence. T2's two pushes moved the sequence from 0 to 2,
      so T1's compare-and-swap fails and T1 retries with a fresh snapshot. The restart fixup is off here to show that the sequence alone is enough: a
      wrap needs 65,536 pushes inside one pop window and T2 pushes only twice, so no schedule of these programs corrupts the list.
    `,
    ...classic({ layout: 'x86', seqBits: 16, fixup: false, rule: 'x86', stalls: false }, CLASSIC_T2, PREEMPT_T1, 5, op(0)),
    expect: 'safe', bounds: { maxDepth: 200, maxStates: 500_000, timeMs: 3000 },
  },
  {
    name: 'header8-hypervisor-stall',
    title: 'x64 Header8: a hypervisor stall lets the 9-bit sequence wrap',
    description: prose`
      T1 on CPU 0 is inside its pop window when the hypervisor deschedules the vCPU: the guest sees no interrupt, so no fixup runs and T1 keeps its
      stale snapshot. Meanwhile T2 on CPU 1 does the classic ABA and then pops and pushes A over and over. After 512 pushes the 9-bit sequence is back
      to 0 and the header is again (A, depth 3, sequence 0): when CPU 0 resumes, T1's compare-and-swap succeeds and installs a stale Next.
    `,
    ...classic({ layout: 'x64-header8', fixup: true, rule: 'x64', stalls: true }, LOOPING_T2, STALL_CPU0, WRAP_OPS),
    expect: 'corrupts', bounds: { maxDepth: 1100, maxStates: 3_000_000, timeMs: 10_000 },
  },
  {
    name: 'header8-preempted-fixup',
    title: 'x64 Header8: a preempted popper is restarted',
    description: prose`
      The same long burst of pushes, but T1 loses its CPU by a preemption, which is an interrupt. KiCheckForSListAddress sees T1's PC between Resume
      and End and sets it back to Resume, so when T1 runs again it takes a fresh snapshot. Within the speed bound a running T1 cannot watch 512
      pushes, so no schedule without a hypervisor stall corrupts the list.
    `,
    ...classic({ layout: 'x64-header8', fixup: true, rule: 'x64', stalls: false }, LOOPING_T2, PREEMPT_T1, WRAP_OPS, op(0)),
    expect: 'safe', bounds: { maxDepth: 1100, maxStates: 3_000_000, timeMs: 10_000 },
  },
  {
    name: 'header8-preempted-no-fixup',
    title: 'x64 Header8 without the fixup: preemption is enough',
    description: prose`
      The preempted schedule with the restart fixup turned off: T1 comes back after 512 pushes still holding its old snapshot, the 9-bit sequence has
      wrapped, and the compare-and-swap succeeds on a stale Next. This is why the kernel checks every interrupted PC against the pop window.
    `,
    ...classic({ layout: 'x64-header8', fixup: false, rule: 'x64', stalls: false }, LOOPING_T2, PREEMPT_T1, WRAP_OPS),
    expect: 'corrupts', bounds: { maxDepth: 1100, maxStates: 3_000_000, timeMs: 10_000 },
  },
  {
    name: 'header16',
    title: 'x64 Header16: a 48-bit sequence',
    description: prose`
      The hypervisor-stall schedule on the 16-byte header. After 512 pushes the sequence is 512, not 0, so T1's compare-and-swap fails and it retries.
      A wrap needs 2^48 pushes during one stall; the exploration finds none within its bounds, and the report says how long a wrap would take at the chosen
      push rate.
    `,
    ...classic({ layout: 'x64-header16', fixup: true, rule: 'x64', stalls: true }, LOOPING_T2, STALL_CPU0, WRAP_OPS),
    expect: 'safe', bounds: { maxDepth: 1100, maxStates: 300_000, timeMs: 2000 },
  },
  {
    name: 'freed-entry-fault',
    title: 'A popper reads a freed entry: fault, restart',
    description: prose`
      T1 snapshots A; before it reads A->Next, T2 pops A and frees it. T1's read faults, and the fault handler, seeing the PC at the pop's Fault
      label, sets it back to Resume instead of crashing. T1 takes a fresh snapshot and pops B.
    `,
    settings: S({ layout: 'x64-header8', fixup: true, rule: 'x64', stalls: false }),
    setup: {
      cpus: 2,
      list: ['A', 'B', 'C'],
      threads: [
        { name: 'T1', cpu: 0, program: [{ op: 'pop' }] },
        { name: 'T2', cpu: 1, program: [{ op: 'pop' }, { op: 'free' }] },
      ],
    },
    demo: [step(0), op(1), step(0), step(1), step(0), op(0)],
    expect: 'safe', bounds: { maxDepth: 60, maxStates: 200_000, timeMs: 2000 },
  },
  {
    name: 'busy-workload',
    title: 'Busy workload (random runner)',
    description: prose`
      Four threads on four CPUs pop, push, free and allocate in loops on a Header8 list with the fixup on and no hypervisor stalls. It is the workload
      for the seeded random runner and the speed benchmark: the speed bound keeps every pop window far shorter than 512 pushes, so it stays
      consistent.
    `,
    settings: S({ layout: 'x64-header8', fixup: true, rule: 'x64', stalls: false }),
    setup: {
      cpus: 4,
      list: ['A', 'B', 'C', 'D', 'E', 'F'],
      freed: ['G', 'H'],
      threads: [
        { name: 'T1', cpu: 0, program: [{ op: 'pop' }, { op: 'push' }, { op: 'loop' }] },
        { name: 'T2', cpu: 1, program: [{ op: 'pop' }, { op: 'pop' }, { op: 'push' }, { op: 'push' }, { op: 'loop' }] },
        { name: 'T3', cpu: 2, program: [{ op: 'pop' }, { op: 'free' }, { op: 'alloc' }, { op: 'push' }, { op: 'loop' }] },
        { name: 'T4', cpu: 3, program: [{ op: 'alloc' }, { op: 'push' }, { op: 'pop' }, { op: 'free' }, { op: 'loop' }] },
      ],
    },
    demo: [],
    expect: 'safe', bounds: { maxDepth: 60, maxStates: 200_000, timeMs: 2000 },
  },
];

export const PRESET_NAMES: readonly string[] = PRESETS.map((p) => p.name);

export function getPreset(name: string): Preset | undefined {
  return PRESETS.find((p) => p.name === name);
}
