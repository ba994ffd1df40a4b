// The engine's core, in four files by job: the state layout and compilation (model.ts), the
// interpreter (step.ts), events as codes (codec.ts) and a state's identity (state-key.ts).
export * from './model.ts';
export * from './step.ts';
export * from './codec.ts';
export * from './state-key.ts';
