// The SList model engine: public API for the UI and the CLI. Pure TypeScript, no DOM.
export * from './types.ts';
export { LAYOUT_NAMES, layoutInfo, packHeader, unpackHeader, hexWord, fieldValue, HEADER8_HIGH_BITS } from './layouts.ts';
export type { LayoutName, LayoutInfo, FieldLayout, HeaderValue } from './layouts.ts';
export { LISTINGS, POP_LISTING, PUSH_LISTING, pcLabel, listingOf, inFixupRange } from './listings.ts';
export type { PcLabel, Listing, ListingLine } from './listings.ts';
export { PRESETS, PRESET_NAMES, getPreset } from './presets.ts';
export type { Preset } from './presets.ts';
export { DEFAULT_SETTINGS, VIOLATION_KINDS, encodeEvent, decodeEvent } from './core.ts';
export type { Model } from './core.ts';
export { replay, modelOf, resolveRun, snapshot, applyEvent, eventLabel, findings } from './run.ts';
export type { SListState, StepRecord, ReplayResult, ThreadSnapshot, EntrySnapshot } from './run.ts';
export { searchShortest, enabledEvents } from './search.ts';
export type { SearchOptions, SearchResult, SearchProgress } from './search.ts';
export { runRandom, mulberry32, DEFAULT_RATES } from './random.ts';
export type { RandomOptions, RandomResult } from './random.ts';
export { analyse, wrapTime } from './analyse.ts';
export type { Analysis, AnalyseOptions } from './analyse.ts';
