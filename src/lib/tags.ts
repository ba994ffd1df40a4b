// Tags: one URL per tag by one rule (tagSlug), one shown spelling per URL (tagSpellings),
// and the clear errors for tags that cannot make a URL or would share one (tagProblems).
import type { Problem } from './problem.ts';
import { foldWord, tagSlug } from './slugs.ts';
import { tagPath } from './routes.ts';

/** Two tags are spellings of one tag when they differ only in case, accents and separators. */
export function tagSpelling(tag: string): string {
  return foldWord(tag).replace(/[\s_-]+/g, '-').replace(/^-+|-+$/g, '');
}

/**
 * The spelling each tag is shown by: for every URL, the spelling most posts use (ties: the first
 * in code-point order). Takes each post's tags; returns written spelling -> shown spelling.
 */
export function tagSpellings(tagLists: readonly (readonly string[])[]): Map<string, string> {
  const uses = new Map<string, Map<string, number>>();
  for (const tags of tagLists) {
    for (const t of new Set(tags)) {
      const bySlug = uses.get(tagSlug(t)) ?? new Map<string, number>();
      bySlug.set(t, (bySlug.get(t) ?? 0) + 1);
      uses.set(tagSlug(t), bySlug);
    }
  }
  const shown = new Map<string, string>();
  for (const spellings of uses.values()) {
    const [best] = [...spellings].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))[0]!;
    for (const t of spellings.keys()) shown.set(t, best);
  }
  return shown;
}

/** A post's tags as shown: each by its shown spelling, once. */
export function showTags(tags: readonly string[], shown: ReadonlyMap<string, string>): string[] {
  return [...new Set(tags.map((t) => shown.get(t) ?? t))];
}

export interface TagUse { file: string; line: number; tag: string }

/** Tags that cannot make a URL, and different tags (not spellings of one) that would share one. */
export function tagProblems(uses: readonly TagUse[]): Problem[] {
  const problems: Problem[] = [];
  const first = new Map<string, TagUse>(); // slug -> first use
  for (const u of uses) {
    const slug = tagSlug(u.tag);
    if (!slug) {
      problems.push({ file: u.file, line: u.line, field: 'tags', severity: 'error',
        message: `the tag ${JSON.stringify(u.tag)} has no letter or digit to make its URL from`,
        fix: 'write the tag as a word, e.g. `tags: [windows, kernel]`' });
      continue;
    }
    const other = first.get(slug);
    if (!other) { first.set(slug, u); continue; }
    if (tagSpelling(other.tag) === tagSpelling(u.tag)) continue;
    problems.push({ file: u.file, line: u.line, field: 'tags', severity: 'error',
      message: `the tag ${JSON.stringify(u.tag)} and the tag ${JSON.stringify(other.tag)} (${other.file}:${other.line}) would share the URL /${tagPath(slug)}`,
      fix: `if they are one tag, write it the same way in both posts; if not, rename one (tags differing only in case, accents, spaces or hyphens are one tag)` });
  }
  return problems;
}
