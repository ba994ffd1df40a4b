// Checks every post's frontmatter before Astro builds, so a mistake fails the
// build with the file, the line, the field and the fix (zod's own messages in
// content.config.ts say the field, not the line, and see one file at a time).
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import { tagProblems, type TagUse } from './tags.ts';
import { aliasProblems, readAliasesField, type AliasUse } from './aliases.ts';
import { readSeriesField, seriesProblems, type SeriesUse } from './series.ts';

export interface PostSource { path: string; source: string }
export interface Problem { file: string; line: number; field: string; message: string; fix: string; severity: 'error' | 'warning' }

export const knownFields = ['title', 'date', 'updated', 'description', 'tags', 'draft', 'slug', 'series', 'aliases'] as const;
const dayPattern = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
export const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The slug a post gets: its `slug` field, else its file name without extension. */
export function slugFromPath(path: string): string {
  const name = path.split('/').pop() ?? path;
  return name.replace(/\.(md|mdx|markdown)$/i, '');
}

/** Whether a frontmatter date string is a real calendar date (2016-02-30 is not). */
export function isValidDateString(value: string): boolean {
  if (!dayPattern.test(value)) return false;
  const d = new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(d.getTime())) return false;
  return value.length !== 10 || d.toISOString().slice(0, 10) === value;
}

function closest(word: string, candidates: readonly string[]): string | undefined {
  const dist = (a: string, b: string): number => {
    const dp = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
    for (let j = 1; j <= b.length; j++) dp[0]![j] = j;
    for (let i = 1; i <= a.length; i++)
      for (let j = 1; j <= b.length; j++)
        dp[i]![j] = Math.min(dp[i - 1]![j]! + 1, dp[i]![j - 1]! + 1, dp[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    return dp[a.length]![b.length]!;
  };
  let best: string | undefined;
  let bestD = 3;
  for (const c of candidates) {
    const d = dist(word.toLowerCase(), c);
    if (d < bestD) { best = c; bestD = d; }
  }
  return best;
}

/** The fix for a YAML error, by the parser's error code. */
function yamlFix(code: string): string {
  if (code === 'TAB_AS_INDENT' || code === 'TAB_IN_INDENT') return 'indent with spaces, not tabs';
  if (code === 'DUPLICATE_KEY') return 'keep one line for each field';
  if (code === 'MISSING_CHAR' || code === 'UNEXPECTED_TOKEN' || code === 'BAD_INDENT')
    return 'check the quotes, brackets and indentation on that line (a list is `tags: [a, b]`)';
  return 'fix the YAML on that line (quote values that contain a colon: title: "A: B")';
}

/** Check one post; returns its problems and the slug it claims. */
export function checkPostSource({ path, source }: PostSource): { problems: Problem[]; slug: string; slugLine: number; draft: boolean; tags: TagUse[]; date?: Date; series?: SeriesUse; aliases?: AliasUse[] } {
  const problems: Problem[] = [];
  const tagUses: TagUse[] = [];
  let slugLine = 1;
  const add = (line: number, field: string, message: string, fix: string, severity: Problem['severity'] = 'error') =>
    problems.push({ file: path, line, field, message, fix, severity });
  let slug = slugFromPath(path);
  const text = source.replace(/^\uFEFF/, '');
  const m = /^---\r?\n([\s\S]*?)\r?\n---\s*(\r?\n|$)/.exec(text);
  if (!m) {
    add(1, 'frontmatter', 'the post has no frontmatter block', 'start the file with a block between two `---` lines holding at least `title:` and `date:`');
    return { problems, slug, slugLine, draft: false, tags: tagUses };
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(m[1] ?? '', { lineCounter, prettyErrors: false });
  const lineOf = (offset: number | undefined) => (offset === undefined ? 1 : lineCounter.linePos(offset).line + 1); // +1: the opening ---
  for (const err of doc.errors) {
    add(lineOf(err.pos[0]), 'frontmatter', `YAML syntax error: ${err.message.split('\n')[0]}`, yamlFix(err.code));
  }
  if (doc.errors.length) return { problems, slug, slugLine, draft: false, tags: tagUses };
  const root = doc.contents;
  if (!isMap(root)) {
    add(2, 'frontmatter', 'the frontmatter is not a list of `field: value` lines', 'write fields as `title: "…"`, `date: 2016-12-28`, one per line');
    return { problems, slug, slugLine, draft: false, tags: tagUses };
  }
  const fields = new Map<string, { value: unknown; line: number; node: unknown }>();
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    const keyRange = isScalar(pair.key) ? pair.key.range : undefined;
    const node = pair.value;
    fields.set(key, { value: isScalar(node) ? node.value : node, line: lineOf(keyRange?.[0]), node });
  }
  const endLine = (m[1] ?? '').split('\n').length + 1;

  const title = fields.get('title');
  if (!title) add(endLine, 'title', 'the post has no title', 'add a line `title: "Your post title"` to the frontmatter');
  else if (typeof title.value !== 'string' || !title.value.trim())
    add(title.line, 'title', 'title must be non-empty text', 'write the title as text, e.g. `title: "Linux process. The beginning."`');

  for (const name of ['date', 'updated'] as const) {
    const f = fields.get(name);
    if (!f) {
      if (name === 'date') add(endLine, 'date', 'the post has no date', 'add a line `date: 2016-12-28` (YYYY-MM-DD) to the frontmatter');
      continue;
    }
    const raw = f.value instanceof Date ? f.value.toISOString() : f.value;
    if (typeof raw !== 'string' || !isValidDateString(raw))
      add(f.line, name, `${name} is not a date: ${JSON.stringify(raw)}`, `write ${name} as YYYY-MM-DD, e.g. \`${name}: 2016-12-28\``);
  }
  const date = fields.get('date');
  const updated = fields.get('updated');
  if (date && updated && typeof date.value === 'string' && typeof updated.value === 'string' &&
      isValidDateString(date.value) && isValidDateString(updated.value) && new Date(updated.value) < new Date(date.value))
    add(updated.line, 'updated', 'updated is before date', 'set updated to the day of the last change, on or after date');

  const tags = fields.get('tags');
  if (tags) {
    if (!isSeq(tags.node)) add(tags.line, 'tags', 'tags must be a list', 'write tags as a list, e.g. `tags: [windows, kernel]`');
    else if (!tags.node.items.every((t) => isScalar(t) && typeof t.value === 'string' && t.value.trim()))
      add(tags.line, 'tags', 'every tag must be a word', 'write tags as a list of words, e.g. `tags: [windows, kernel]`');
    else for (const t of tags.node.items) if (isScalar(t)) tagUses.push({ file: path, line: lineOf(t.range?.[0]), tag: String(t.value) });
  }
  const description = fields.get('description');
  if (description && typeof description.value !== 'string')
    add(description.line, 'description', 'description must be text', 'write it as one sentence in quotes, or remove it to use the first paragraph');
  const draft = fields.get('draft');
  if (draft && typeof draft.value !== 'boolean')
    add(draft.line, 'draft', `draft must be true or false, not ${JSON.stringify(draft.value)}`, 'write `draft: true` while writing and remove it (or `draft: false`) to publish');
  const slugField = fields.get('slug');
  if (slugField) {
    if (typeof slugField.value !== 'string' || !slugPattern.test(slugField.value))
      add(slugField.line, 'slug', `slug must be lower-case words joined by hyphens, not ${JSON.stringify(slugField.value)}`, 'e.g. `slug: linux-process-the-beginning`, or remove it to use the file name');
    else { slug = slugField.value; slugLine = slugField.line; }
  } else if (!slugPattern.test(slug)) {
    add(1, 'slug', `the file name gives the slug ${JSON.stringify(slug)}, which is not lower-case words joined by hyphens`, 'rename the file (e.g. my-post.md) or add `slug: my-post`');
  }
  const seriesField = fields.get('series');
  const series = seriesField ? readSeriesField(path, seriesField.node, seriesField.line, lineOf) : undefined;
  const aliasesField = fields.get('aliases');
  const aliases = aliasesField ? readAliasesField(path, aliasesField.node, aliasesField.line, lineOf) : undefined;
  problems.push(...(series?.problems ?? []), ...(aliases?.problems ?? []));
  for (const [key, f] of fields) {
    if ((knownFields as readonly string[]).includes(key)) continue;
    const near = closest(key, knownFields);
    add(f.line, key, `unknown field "${key}"`, near ? `did you mean \`${near}\`?` : `the fields are ${knownFields.join(', ')}`, 'warning');
  }
  const day = date && (date.value instanceof Date ? date.value.toISOString() : date.value);
  const when = typeof day === 'string' && isValidDateString(day) ? new Date(day.length === 10 ? `${day}T00:00:00Z` : day) : undefined;
  return { problems, slug, slugLine, draft: draft?.value === true, tags: tagUses, ...(when ? { date: when } : {}),
    ...(series?.use ? { series: series.use } : {}), aliases: aliases?.uses ?? [] };
}

/** What the checks read of a post: its file, slug, whether a draft, and its date if valid. */
export interface PostFacts { file: string; slug: string; draft: boolean; date: Date | undefined; /** its old paths (`aliases:`) */ aliases?: string[] }

/** Check all posts, including slugs shared by two files and tags that would share a URL. */
export function checkPostSources(posts: readonly PostSource[]): Problem[] {
  return inspectPostSources(posts).problems;
}

/** The checks of checkPostSources, and the facts read on the way. */
export function inspectPostSources(posts: readonly PostSource[]): { problems: Problem[]; posts: PostFacts[] } {
  const facts: PostFacts[] = [];
  const problems: Problem[] = [];
  const bySlug = new Map<string, string>();
  const tags: TagUse[] = [];
  const series: SeriesUse[] = [];
  const aliases: AliasUse[] = [];
  for (const post of [...posts].sort((a, b) => a.path.localeCompare(b.path))) {
    const r = checkPostSource(post);
    problems.push(...r.problems);
    tags.push(...r.tags);
    if (r.series) series.push(r.series);
    aliases.push(...(r.aliases ?? []));
    facts.push({ file: post.path, slug: r.slug, draft: r.draft, date: r.date, aliases: (r.aliases ?? []).map((a) => a.path) });
    const other = bySlug.get(r.slug);
    if (other) {
      problems.push({ file: post.path, line: r.slugLine, field: 'slug', severity: 'error',
        message: `two posts have the slug "${r.slug}": ${other} and ${post.path}`,
        fix: `rename one of the files, or give one of them its own \`slug:\`` });
    } else bySlug.set(r.slug, post.path);
  }
  problems.push(...tagProblems(tags), ...seriesProblems(series), ...aliasProblems(aliases, facts));
  return { problems, posts: facts };
}

/** Posts that are not drafts and are dated after `now`, soonest first. */
export function scheduledPosts(posts: readonly PostFacts[], now: Date): { file: string; day: string }[] {
  return posts.filter((p) => !p.draft && p.date && p.date.getTime() > now.getTime())
    .sort((a, b) => a.date!.getTime() - b.date!.getTime() || a.file.localeCompare(b.file))
    .map((p) => ({ file: p.file, day: p.date!.toISOString().slice(0, 10) }));
}

export function formatProblems(problems: readonly Problem[]): string {
  return problems.map((p) => `${p.file}:${p.line}: ${p.severity} in ${p.field}: ${p.message}.\n    fix: ${p.fix}`).join('\n');
}
