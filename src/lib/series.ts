// Series of posts (`series: { name, part }`, checked by post-schema.ts): the errors across posts
// (file:line, field, fix), and the parts of each series in order, for the box and pages.
import type { Problem } from './problem.ts';
import { seriesSlug } from './slugs.ts';
import { seriesPath } from './routes.ts';

export interface SeriesRef { name: string; part: number }
export interface SeriesUse { file: string; line: number; partLine: number; name: string; part: number }


export { seriesSlug } from './slugs.ts';

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
        message: `the series ${JSON.stringify(u.name)} and the series ${JSON.stringify(other.name)} (${other.file}:${other.line}) would share the URL /${seriesPath(slug)}`,
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
