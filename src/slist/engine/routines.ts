// The pop and push routines as pseudo-assembly, as data for the UI ("routines": a post's code blocks
// are its listings). Each micro-step of the model has a PC label; the line whose `pc` equals a
// thread's PC is the instruction it executes next.
// Written for this simulator from the spec's description of the routines (not copied code).

export type PcLabel =
  | 'Resume' | 'Test' | 'Fault' | 'End' // pop
  | 'Push' | 'Cas' // push
  | 'Alloc' | 'Free' | 'Flush' // single-step operations
  | 'Done';

export interface RoutineLine {
  /** Label shown in the margin (kernel symbol suffix for pop: ...Resume, ...Fault, ...End). */
  readonly label: string | null;
  readonly asm: string;
  readonly comment: string;
  /** PC label of the micro-step that starts at this line (null: part of the previous micro-step). */
  readonly pc: PcLabel | null;
}

export interface Routine {
  readonly name: 'pop' | 'push';
  readonly title: string;
  readonly lines: readonly RoutineLine[];
}

export const POP_ROUTINE: Routine = {
  name: 'pop',
  title: 'ExpInterlockedPopEntrySList (model)',
  lines: [
    { label: 'Resume', asm: 'mov   snap, [head]', comment: 'snapshot the header: first, depth, sequence', pc: 'Resume' },
    { label: null, asm: 'test  snap.first, snap.first', comment: 'empty list?', pc: 'Test' },
    { label: null, asm: 'jz    Empty', comment: '', pc: null },
    { label: 'Fault', asm: 'mov   next, [snap.first]', comment: 'read first->Next (faults if the entry was freed)', pc: 'Fault' },
    { label: 'End', asm: 'lock cmpxchg [head], {next, snap.depth-1, snap.seq}', comment: 'CAS: succeeds only if the header still equals snap', pc: 'End' },
    { label: null, asm: 'jnz   Resume', comment: 'header changed: retry', pc: null },
    { label: null, asm: 'ret   snap.first', comment: 'the caller owns the entry', pc: null },
    { label: 'Empty', asm: 'ret   null', comment: '', pc: null },
  ],
};

export const PUSH_ROUTINE: Routine = {
  name: 'push',
  title: 'ExpInterlockedPushEntrySList (model)',
  lines: [
    { label: 'Push', asm: 'mov   snap, [head]', comment: 'snapshot the header', pc: 'Push' },
    { label: null, asm: 'mov   [entry].Next, snap.first', comment: 'link the entry in front of the first one', pc: null },
    { label: 'Cas', asm: 'lock cmpxchg [head], {entry, snap.depth+1, snap.seq+1}', comment: 'CAS: a stale snapshot only makes it fail', pc: 'Cas' },
    { label: null, asm: 'jnz   Push', comment: 'header changed: retry', pc: null },
    { label: null, asm: 'ret', comment: '', pc: null },
  ],
};

export const ROUTINES: { readonly pop: Routine; readonly push: Routine } = { pop: POP_ROUTINE, push: PUSH_ROUTINE };

const MPC_LABELS: readonly PcLabel[] = ['Done', 'Resume', 'Test', 'Fault', 'End', 'Push', 'Cas', 'Alloc', 'Free', 'Flush'];

/** PC label of a micro PC code (core.ts). */
export function pcLabel(mpc: number): PcLabel {
  return MPC_LABELS[mpc] ?? 'Done';
}

/** Which routine a PC label belongs to. */
export function routineOf(pc: PcLabel): 'pop' | 'push' | null {
  return pc === 'Resume' || pc === 'Test' || pc === 'Fault' || pc === 'End' ? 'pop' : pc === 'Push' || pc === 'Cas' ? 'push' : null;
}

/** Is this PC inside the fixup range under a rule? x86: Resume <= PC <= End; x64: Resume < PC <= End. */
export function inFixupRange(pc: PcLabel, rule: 'x86' | 'x64'): boolean {
  if (pc === 'Test' || pc === 'Fault' || pc === 'End') return true;
  return pc === 'Resume' && rule === 'x86';
}
