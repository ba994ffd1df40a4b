// remark plugin, before Shiki, while Markdown positions are known: warns with file:line about
// an unknown fence language (then shown as plain text; why a warning: README, "Writing a
// listing"), meta words it does not know, and malformed lines in a procmaps fence.
import type { Code, Root } from 'mdast';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { bundledLanguagesAlias, bundledLanguagesInfo } from 'shiki';
import { grammarAliases, grammars } from './grammars/index.ts';
import { parseMaps } from './procmaps.ts';
import { parseMeta } from './meta.ts';
import { didYouMean } from '../lib/did-you-mean.ts';

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

/** The post's path relative to the working directory, or a placeholder when rendering a string. */
function postPath(file: VFile): string {
  return file.path ? relative(process.cwd(), file.path) || file.path : '<markdown>';
}

/**
 * Lines to add to a Markdown position to get the line in the file on disk. Astro's
 * content loader renders the body without the frontmatter (and without the blank
 * lines after it), so positions count from the body: find the body in the file.
 */
export function lineOffset(body: string, source: string): number {
  const lead = /^\s*/.exec(body)![0];
  const rest = body.slice(lead.length);
  if (!rest) return 0;
  const at = source.indexOf(rest.slice(0, 400));
  if (at < 0) return 0;
  const count = (s: string) => s.split('\n').length - 1;
  return count(source.slice(0, at)) - count(lead);
}

function fileOffset(file: VFile): number {
  if (!file.path) return 0;
  try { return lineOffset(String(file.value), readFileSync(file.path, 'utf8')); } catch { return 0; }
}

export function remarkListings(options: RemarkListingsOptions = {}) {
  const warn = options.warn ?? ((m: string) => console.warn(m));
  const known = knownLanguages(options.extraLanguages);
  return (tree: Root, file: VFile) => {
    let offset: number | undefined;
    visit(tree, 'code', (node: Code) => {
      const start = node.position?.start.line;
      if (start === undefined) return;
      offset ??= fileOffset(file);
      const line = start + offset;
      const where = `${postPath(file)}:${line}`;
      const lang = node.lang ?? '';
      if (lang && !known.has(lang.toLowerCase()) && !known.has(lang)) {
        const hint = didYouMean(lang, known);
        warn(
          `${where}: warning: unknown listing language "${lang}"; the listing is shown as plain text.\n` +
          `    fix: ${hint ? `did you mean \`\`\`${hint}? ` : ''}use a Shiki language, one of this site's (windbg/kd, procmaps/maps, gdb), or \`\`\`text for no highlighting.`,
        );
        node.lang = 'plaintext';
        return;
      }
      const meta = parseMeta(node.meta);
      if (meta.unknown.length) warn(`${where}: warning: ignored in the code fence meta: ${meta.unknown.join(' ')} (known: title="..." {1,3-5} ins={..} del={..} focus={..} showLineNumbers wrap open fold=N)`);
      if ((grammarAliases[lang] ?? lang) === 'procmaps') {
        for (const l of parseMaps(node.value)) {
          if (l.kind !== 'malformed') continue;
          warn(`${postPath(file)}:${line + l.line}: warning: malformed /proc/PID/maps line (${l.reason}); it is shown as text and left out of the address-space diagram: ${JSON.stringify(l.text)}`);
        }
      }
    });
  };
}
