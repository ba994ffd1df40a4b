// Pure helpers over post metadata: ordering, grouping, excerpts, reading time.
// No Astro imports: pages pass plain objects in, so everything here is unit-tested.

export interface PostMeta {
  slug: string;
  title: string;
  date: Date;
  updated?: Date | undefined;
  tags: string[];
  draft: boolean;
}

/** Newest first; ties broken by title so the order never depends on file order. */
export function sortPostsNewestFirst<T extends PostMeta>(posts: readonly T[]): T[] {
  return [...posts].sort((a, b) => b.date.getTime() - a.date.getTime() || a.title.localeCompare(b.title));
}

/**
 * Drafts and scheduled posts (dated after `now`) are visible while writing (`astro dev`) and
 * nowhere in a build: a scheduled post appears in the first build on or after its date (UTC).
 */
export function visiblePosts<T extends PostMeta>(posts: readonly T[], writing: boolean, now: Date = new Date()): T[] {
  return writing ? [...posts] : posts.filter((p) => !p.draft && !isScheduled(p, now));
}

export function isScheduled(post: Pick<PostMeta, 'date'>, now: Date): boolean {
  return post.date.getTime() > now.getTime();
}

export interface MonthGroup<T> { year: number; month: number; label: string; posts: T[] }
export interface YearGroup<T> { year: number; count: number; months: MonthGroup<T>[] }

const monthNames = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Archive tree: years newest first, months newest first, posts newest first. Dates are read in UTC. */
export function groupPostsByMonth<T extends PostMeta>(posts: readonly T[]): YearGroup<T>[] {
  const years = new Map<number, Map<number, T[]>>();
  for (const post of sortPostsNewestFirst(posts)) {
    const y = post.date.getUTCFullYear();
    const m = post.date.getUTCMonth() + 1;
    let months = years.get(y);
    if (!months) years.set(y, (months = new Map()));
    let list = months.get(m);
    if (!list) months.set(m, (list = []));
    list.push(post);
  }
  return [...years.entries()]
    .sort(([a], [b]) => b - a)
    .map(([year, months]) => {
      const groups = [...months.entries()]
        .sort(([a], [b]) => b - a)
        .map(([month, list]) => ({ year, month, label: `${monthNames[month - 1]} ${year}`, posts: list }));
      return { year, count: groups.reduce((n, g) => n + g.posts.length, 0), months: groups };
    });
}

export interface TagCount { tag: string; count: number }

/** Tags with their post counts, most used first, then alphabetical. */
export function countTags(posts: readonly PostMeta[]): TagCount[] {
  const counts = new Map<string, number>();
  for (const p of posts) for (const t of new Set(p.tags)) counts.set(t, (counts.get(t) ?? 0) + 1);
  return [...counts.entries()]
    .map(([tag, count]) => ({ tag, count }))
    .sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag));
}

export function postsWithTag<T extends PostMeta>(posts: readonly T[], tag: string): T[] {
  return sortPostsNewestFirst(posts.filter((p) => p.tags.includes(tag)));
}

/**
 * Every post's neighbours in reading order, by slug: `newer` is the next post in time, `older` the
 * previous. One sort for the whole list (a page per post asks for its own).
 */
export function adjacentPosts<T extends PostMeta>(posts: readonly T[]): Map<string, { newer?: T; older?: T }> {
  const sorted = sortPostsNewestFirst(posts);
  return new Map(sorted.map((p, i) => {
    const out: { newer?: T; older?: T } = {};
    if (i > 0) out.newer = sorted[i - 1]!;
    if (i + 1 < sorted.length) out.older = sorted[i + 1]!;
    return [p.slug, out];
  }));
}

export interface Page<T> { items: T[]; page: number; pages: number }

/** Split into pages of `size`; page numbers start at 1. An empty list still has one (empty) page. */
export function paginate<T>(items: readonly T[], size: number): Page<T>[] {
  const pages = Math.max(1, Math.ceil(items.length / size));
  return Array.from({ length: pages }, (_, i) => ({ items: items.slice(i * size, (i + 1) * size), page: i + 1, pages }));
}

/** Strip Markdown syntax from a fragment, leaving the words a reader sees. */
export function markdownToPlainText(md: string): string {
  return md
    .replace(/<[^>]+>/g, '')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\[[^\]]*\]/g, '$1')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/(\*\*|__)(.*?)\1/g, '$2')
    .replace(/(\*|_)(.*?)\1/g, '$2')
    .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+[.)])\s+/gm, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The description of a post without one: its first paragraph of prose (not a heading,
 * listing, quote, list or HTML block), cut at a word boundary to `max` characters.
 */
export function excerptFromMarkdown(body: string, max = 200): string {
  const withoutFences = body.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '');
  const blocks = withoutFences.split(/\n\s*\n/).map((b) => b.trim()).filter(Boolean);
  const first = blocks.find((b) => !/^(#|>|<|[-*+]\s|\d+[.)]\s|import\s|export\s|\||:::)/.test(b)) ?? '';
  const text = markdownToPlainText(first);
  if (text.length <= max) return text;
  const cut = text.slice(0, max + 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : text.slice(0, max)).replace(/[\s,.;:]+$/, '')}…`;
}

export interface ReadingTime { words: number; codeLines: number; minutes: number }

/**
 * Minutes to read: prose at 230 words a minute, and listings at 12 lines a minute
 * (a reader of disassembly reads it line by line). At least one minute.
 */
export function readingTime(body: string): ReadingTime {
  let codeLines = 0;
  const prose = body.replace(/^(```|~~~)[^\n]*\n([\s\S]*?)^\1[^\n]*$/gm, (_m, _f, code: string) => {
    codeLines += code.split('\n').filter((l) => l.trim()).length;
    return ' ';
  });
  const words = markdownToPlainText(prose).split(/\s+/).filter(Boolean).length;
  const minutes = Math.max(1, Math.round(words / 230 + codeLines / 12));
  return { words, codeLines, minutes };
}

/** ISO date (YYYY-MM-DD) in UTC, as written in frontmatter and shown in <time datetime>. */
export function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** "December 28, 2016", in UTC so a build's timezone never moves a post to another day. */
// One formatter per language: toLocaleDateString builds a new one on every call (0.8 s for
// the archive and post pages of a 1,000-post site).
const dateFormats = new Map<string, Intl.DateTimeFormat>();

export function humanDate(d: Date, lang = 'en'): string {
  let f = dateFormats.get(lang);
  if (!f) dateFormats.set(lang, (f = new Intl.DateTimeFormat(lang, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' })));
  return f.format(d);
}

