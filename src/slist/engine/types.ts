// Public types of the SList model. Plain data: JSON-serialisable except where noted.
import type { LayoutName } from './layouts.ts';

/** One instruction of a thread's program. `entry` names an entry; without it, the entry the thread acquired last. */
export type Instr =
  | { readonly op: 'pop' }
  | { readonly op: 'push'; readonly entry?: string }
  | { readonly op: 'free'; readonly entry?: string }
  | { readonly op: 'alloc' }
  | { readonly op: 'flush' }
  /** Jump to instruction `to` (default 0). Costs no micro-step. */
  | { readonly op: 'loop'; readonly to?: number };

export interface ThreadSetup {
  readonly name: string;
  /** CPU the thread is pinned to. The first thread of each CPU starts running; others start ready. */
  readonly cpu: number;
  readonly program: readonly Instr[];
}

export interface Setup {
  readonly cpus: number;
  /** Entries on the list at the start, first entry first. */
  readonly list: readonly string[];
  /** Freed entries (the allocator's free pool); the last one is reused first. */
  readonly freed?: readonly string[];
  /** Entries each thread owns at the start, by thread index. */
  readonly held?: readonly (readonly string[])[];
  readonly threads: readonly ThreadSetup[];
  /** Initial header sequence (default 0). */
  readonly sequence?: number;
}

export interface Settings {
  readonly layout: LayoutName;
  /** Sequence width of the teaching layout (0..16); fixed by the other layouts (x86 16, header8 9, header16 48). */
  readonly seqBits: number;
  /** KiCheckForSListAddress: an interrupt or preemption inside the pop window sets the PC back to Resume. */
  readonly fixup: boolean;
  /** Range rule of the fixup: x86 Resume <= PC <= End, x64 Resume < PC <= End. */
  readonly rule: 'x86' | 'x64';
  /** Relative speed bound R: between two micro-steps of a running thread, other CPUs make at most R micro-steps. 0 = no bound. */
  readonly speedBound: number;
  /** A fault reading a freed entry's Next restarts the pop at Resume (otherwise it is a crash). */
  readonly faultRestart: boolean;
  /** Which scheduler events the exploration and the random runner may use. */
  readonly stalls: boolean;
  readonly preempts: boolean;
  readonly interrupts: boolean;
  /** Push rate (pushes per second) used to report how long a sequence wrap takes. */
  readonly pushRate: number;
}

export type SchedEvent =
  | { readonly kind: 'step'; readonly thread: number }
  /** Macro event: the thread runs micro-steps until its current operation completes. */
  | { readonly kind: 'op'; readonly thread: number }
  | { readonly kind: 'interrupt'; readonly cpu: number }
  | { readonly kind: 'preempt'; readonly thread: number }
  | { readonly kind: 'stall'; readonly cpu: number }
  /** Ends a hypervisor stall of the CPU, or dispatches a ready (preempted) thread onto an idle CPU. */
  | { readonly kind: 'resume'; readonly cpu: number };

/** The reader's own event: `thread` frees `entry` (an index into the setup's entries), which it holds.
 * Not a scheduler choice: the exploration and the random runner never make it. */
export type FreeEvent = { readonly kind: 'free'; readonly thread: number; readonly entry: number };

/** What a run is made of. */
export type RunEvent = SchedEvent | FreeEvent;

export type ViolationKind =
  | 'aba' // stale CAS, no sequence
  | 'sequence-wrap' // stale CAS, sequence matched after a multiple of 2^bits pushes
  | 'stale-next' // stale CAS, first->Next changed without a push in between
  | 'cycle'
  | 'owned-listed'
  | 'freed-listed'
  | 'lost'
  | 'depth'
  | 'crash'; // freed entry read with faultRestart off

export interface Violation {
  readonly kind: ViolationKind;
  readonly sentence: string;
  /** Thread whose step caused it. */
  readonly thread: number;
  /** Index in the run's steps of the step that caused it. */
  readonly step: number;
  /** Pushes between the stale snapshot and the CAS (stale-CAS kinds only). */
  readonly pushesDuringWindow?: number;
  /** The micro-step that did it, in the log's words (the stale compare-and-swap, or the read of a freed entry), or null. */
  readonly cause: string | null;
  /** Further findings of the list walk right after the violating step. */
  readonly consequences: readonly string[];
}

/** A run: replaying it gives the same states every time. */
export interface Run {
  /** Preset name; its settings and setup are the base. */
  readonly preset?: string;
  /** Overrides on the preset's settings (or on the defaults). */
  readonly settings?: Partial<Settings>;
  /** Replaces the preset's setup. */
  readonly setup?: Setup;
  /** Seed of the random scheduler (random.ts `withRandomEvents` draws the run's random events from it). */
  readonly seed: number;
  readonly events: readonly RunEvent[];
}

export interface RandomRates {
  /** Probability per event of an interrupt on a random CPU (default 0.01). */
  readonly interruptRate?: number;
  /** Probability per event of a hypervisor stall of a random running CPU (default 0.001; only if settings.stalls). */
  readonly stallRate?: number;
  /** Probability per event that a stalled CPU resumes (default 0.01). */
  readonly resumeRate?: number;
  /** Probability per event of a preemption (default 0.005; only if settings.preempts). */
  readonly preemptRate?: number;
}
