// This project's TextMate grammars; rehype-highlight.ts loads them into the site's highlighter.
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

/** A fence's language as the listings name it: this project's aliases resolved (`kd` -> `windbg`). */
export function canonicalLang(lang: string): string {
  return grammarAliases[lang] ?? lang;
}
