// Series of posts: the `series: { name, part }` field read with its lines, the errors a series
// can have (file:line, field, fix), and the parts of each series in order, for the box and pages.
import { isMap, isScalar } from 'yaml';
import type { Problem } from './frontmatter-check.ts';
import { tagSlug } from './tags.ts';

export interface SeriesRef { name: string; part: number }
export interface SeriesUse { file: string; line: number; partLine: number; name: string; part: number }

const example = 'write `series: { name: "Linux process", part: 2 }` (the name of the series, and this post\'s place in it: 1, 2, 3…)';

/** A series URL segment: the tags' rule (src/lib/tags.ts), so `/series/linux-process/`. */
export const seriesSlug = (name: string): string => tagSlug(name);

/**
 * Reads a post's `series:` value (a YAML node, at `line`; `lineOf` maps an offset to a file line).
 * Returns the problems with the field itself, and the use when it is well formed.
 */
export function readSeriesField(file: string, node: unknown, line: number, lineOf: (offset: number | undefined) => number): { problems: Problem[]; use?: SeriesUse } {
  const problems: Problem[] = [];
  const add = (at: number, message: string, fix: string) => problems.push({ file, line: at, field: 'series', message, fix, severity: 'error' });
  if (!isMap(node)) {
    add(line, 'series needs a name and a part number', example);
    return { problems };
  }
  let name: unknown, nameLine = line, part: unknown, partLine = line, sawPart = false;
  for (const pair of node.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    const at = lineOf(isScalar(pair.key) ? pair.key.range?.[0] : undefined);
    const value = isScalar(pair.value) ? pair.value.value : pair.value;
    if (key === 'name') { name = value; nameLine = at; }
    else if (key === 'part') { part = value; partLine = at; sawPart = true; }
    else add(at, `series has no field "${key}"`, example);
  }
  if (typeof name !== 'string' || !name.trim()) add(nameLine, 'series needs a name', example);
  else if (!seriesSlug(name)) add(nameLine, `the series name ${JSON.stringify(name)} has no letter or digit to make its URL from`, example);
  if (!sawPart) add(line, 'series needs a part number', example);
  else if (typeof part !== 'number' || !Number.isInteger(part) || part < 1)
    add(partLine, `the part must be a positive whole number, not ${JSON.stringify(part)}`, 'write the part as 1, 2, 3… without quotes, e.g. `part: 2`');
  if (problems.length) return { problems };
  return { problems, use: { file, line, partLine, name: (name as string).trim(), part: part as number } };
}

/** Across posts: one part number per part of a series, and one spelling per series name. */
export function seriesProblems(uses: readonly SeriesUse[]): Problem[] {
  const problems: Problem[] = [];
  const first = new Map<string, SeriesUse>(); // series slug -> first use
  const parts = new Map<string, SeriesUse>(); // slug + part -> use
  for (const u of uses) {
    const slug = seriesSlug(u.name);
    const other = first.get(slug);
    if (!other) first.set(slug, u);
    else if (other.name !== u.name) {
      problems.push({ file: u.file, line: u.line, field: 'series', severity: 'error',
        message: `the series ${JSON.stringify(u.name)} and the series ${JSON.stringify(other.name)} (${other.file}:${other.line}) would share the URL /series/${slug}/`,
        fix: 'if they are one series, write its name the same way in every part; if not, rename one' });
      continue;
    }
    const key = `${slug}\n${u.part}`;
    const same = parts.get(key);
    if (same) {
      problems.push({ file: u.file, line: u.partLine, field: 'series', severity: 'error',
        message: `two posts are part ${u.part} of the series ${JSON.stringify(u.name)}: ${same.file} and ${u.file}`,
        fix: 'give each part its own number (part: 1, part: 2, …)' });
    } else parts.set(key, u);
  }
  return problems;
}

export interface Series<T> { name: string; slug: string; parts: T[] }

/** Every series among these posts, by name; each one's parts in order (the posts given: pass only visible ones). */
export function groupSeries<T extends { series?: SeriesRef | undefined }>(posts: readonly T[]): Series<T>[] {
  const bySlug = new Map<string, Series<T>>();
  for (const p of posts) {
    if (!p.series) continue;
    const slug = seriesSlug(p.series.name);
    let s = bySlug.get(slug);
    if (!s) bySlug.set(slug, (s = { name: p.series.name, slug, parts: [] }));
    s.parts.push(p);
  }
  for (const s of bySlug.values()) s.parts.sort((a, b) => a.series!.part - b.series!.part);
  return [...bySlug.values()].sort((a, b) => a.name.localeCompare(b.name) || (a.slug < b.slug ? -1 : 1));
}

/** The series a post belongs to, with its parts in order. */
export function seriesOfPost<T extends { series?: SeriesRef | undefined }>(posts: readonly T[], post: T): Series<T> | undefined {
  if (!post.series) return undefined;
  const slug = seriesSlug(post.series.name);
  return groupSeries(posts).find((s) => s.slug === slug);
}
