// This project's TextMate grammars, registered with Shiki through Astro's markdown config.
import type { LanguageRegistration } from 'shiki';
import { windbg } from './windbg.ts';
import { procmaps } from './procmaps.ts';
import { gdb } from './gdb.ts';

export { windbg, procmaps, gdb };
export const grammars: LanguageRegistration[] = [windbg, procmaps, gdb];

/** Alias -> canonical name for this project's grammars (`kd` -> `windbg`, `maps` -> `procmaps`). */
export const grammarAliases: Record<string, string> = Object.fromEntries(
  grammars.flatMap((g) => (g.aliases ?? []).map((a) => [a, g.name])),
);
