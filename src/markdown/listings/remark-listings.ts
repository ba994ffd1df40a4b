// remark plugin, before Shiki: checks every fence while the Markdown positions are
// still known, so problems name the post and the line.
//  - a fence with an unknown language FAILS the build: a typo like ```windgb would
//    otherwise lose its highlighting, cross-references and diagram without anyone
//    noticing. The error names file:line, the language, and the closest known name.
//  - a malformed /proc/PID/maps line in a procmaps fence is a WARNING naming file:line:
//    the line still renders as text, and the diagram leaves it out.
//  - a meta word the listings do not understand is a warning too.
import type { Code, Root } from 'mdast';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { bundledLanguagesAlias, bundledLanguagesInfo } from 'shiki';
import { grammarAliases, grammars } from './grammars/index.ts';
import { parseMaps } from '../../lib/listings/procmaps.ts';
import { parseMeta } from '../../lib/listings/meta.ts';

export interface RemarkListingsOptions {
  /** Where warnings go; console.warn by default (shown in `astro build` / `astro dev`). */
  warn?: (message: string) => void;
  /** Extra language names accepted (e.g. the keys of shikiConfig.langAlias). */
  extraLanguages?: readonly string[];
}

const SPECIAL = ['plaintext', 'text', 'txt', 'plain', 'ansi', 'math'];

export function knownLanguages(extra: readonly string[] = []): Set<string> {
  return new Set([
    ...SPECIAL, ...extra,
    ...grammars.flatMap((g) => [g.name, ...(g.aliases ?? [])]),
    ...bundledLanguagesInfo.flatMap((l) => [l.id, ...(l.aliases ?? [])]),
    ...Object.keys(bundledLanguagesAlias),
  ]);
}

export function closest(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = distance(word.toLowerCase(), c);
    if (d < bestD) { bestD = d; best = c; }
  }
  return bestD <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}

/** The post's path relative to the working directory, or a placeholder when rendering a string. */
function postPath(file: VFile): string {
  return file.path ? relative(process.cwd(), file.path) || file.path : '<markdown>';
}

/**
 * The 1-based line in the file on disk. Astro renders the body with the frontmatter
 * blanked out (line numbers kept), but if a caller strips it, the fence is found
 * again by counting the frontmatter's lines.
 */
function fileLine(file: VFile, line: number, fence: string): number {
  if (!file.path) return line;
  let source: string;
  try { source = readFileSync(file.path, 'utf8'); } catch { return line; }
  const lines = source.split(/\r?\n/);
  if (lines[line - 1]?.trimStart().startsWith(fence)) return line;
  const fm = /^---\r?\n[\s\S]*?\r?\n---\r?\n/.exec(source);
  const offset = fm ? fm[0].split('\n').length - 1 : 0;
  return lines[line - 1 + offset]?.trimStart().startsWith(fence) ? line + offset : line;
}

export function remarkListings(options: RemarkListingsOptions = {}) {
  const warn = options.warn ?? ((m: string) => console.warn(m));
  const known = knownLanguages(options.extraLanguages);
  return (tree: Root, file: VFile) => {
    visit(tree, 'code', (node: Code) => {
      const start = node.position?.start.line;
      if (start === undefined) return;
      const fence = file.value ? String(file.value).split(/\r?\n/)[start - 1]?.trimStart().slice(0, 3) ?? '```' : '```';
      const line = fileLine(file, start, fence);
      const where = `${postPath(file)}:${line}`;
      const lang = node.lang ?? '';
      if (lang && !known.has(lang.toLowerCase()) && !known.has(lang)) {
        const hint = closest(lang, known);
        throw new Error(
          `${where}: unknown listing language "${lang}" in the code fence.\n` +
          `    fix: ${hint ? `did you mean \`\`\`${hint}? ` : ''}use a Shiki language, one of this site's (windbg/kd, procmaps/maps, gdb), or \`\`\`text for no highlighting.`,
        );
      }
      const meta = parseMeta(node.meta);
      if (meta.unknown.length) warn(`${where}: warning: ignored in the code fence meta: ${meta.unknown.join(' ')} (known: title="..." {1,3-5} ins={..} del={..} focus={..} showLineNumbers wrap)`);
      if ((grammarAliases[lang] ?? lang) === 'procmaps') {
        for (const l of parseMaps(node.value)) {
          if (l.kind !== 'malformed') continue;
          warn(`${postPath(file)}:${line + l.line}: warning: malformed /proc/PID/maps line (${l.reason}); it is shown as text and left out of the address-space diagram: ${JSON.stringify(l.text)}`);
        }
      }
    });
  };
}
