// Test helper: tokenizes text with this project's grammars and returns, per line,
// each token's text and its innermost scope (without the language suffix). On the engine the
// site ships (Shiki's JavaScript regex engine), and not forgiving: every rule of our grammars must run on it.
import { createHighlighter } from 'shiki';
import { createJavaScriptRegexEngine } from 'shiki/engine/javascript';
import { readFileSync } from 'node:fs';
import { grammars } from '../grammars/index.ts';

const highlighter = createHighlighter({ langs: grammars, themes: [], engine: createJavaScriptRegexEngine() });

export interface Tok { text: string; scope: string }

export async function tokenize(lang: string, text: string): Promise<Tok[][]> {
  const grammar = (await highlighter).getLanguage(lang);
  let stack: Parameters<typeof grammar.tokenizeLine>[1] = null;
  return text.split('\n').map((line) => {
    const r = grammar.tokenizeLine(line, stack, 0);
    stack = r.ruleStack;
    return r.tokens.map((t) => {
      const inner = t.scopes.length > 1 ? t.scopes.at(-1)! : '';
      return { text: line.slice(t.startIndex, t.endIndex), scope: inner.replace(/\.(windbg|procmaps|gdb)$/, '') };
    });
  });
}

/** The scope of the token whose text is exactly `text` on that line (first match). */
export function scopeOf(line: Tok[], text: string): string | undefined {
  return line.find((t) => t.text === text)?.scope;
}

export function fixture(name: string): string {
  return readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8').replace(/\n$/, '');
}
