// Checks every post's frontmatter before Astro builds, so a mistake fails the build with the file,
// the line, the field and the fix: the collection's own schema (post-schema.ts) judges each post,
// and each issue's path is mapped to its YAML line; then the checks across posts.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { aliasProblems, type AliasUse } from './aliases.ts';
import { didYouMean } from './did-you-mean.ts';
import { isScheduled } from './posts.ts';
import { knownFields, postSchema, splitMessage, type PostData } from './post-schema.ts';
import { isValidDateString } from './instants.ts';
import { slugFromPath, slugOfPost, slugPattern } from './slugs.ts';
import { seriesProblems, type SeriesUse } from './series.ts';
import { tagProblems, type TagUse } from './tags.ts';

export { knownFields } from './post-schema.ts';

import type { PostSource, Problem } from './problem.ts';

export { formatProblems, type PostSource, type Problem } from './problem.ts';

/** The fix for a YAML error, by the parser's error code. */
function yamlFix(code: string): string {
  if (code === 'TAB_AS_INDENT' || code === 'TAB_IN_INDENT') return 'indent with spaces, not tabs';
  if (code === 'DUPLICATE_KEY') return 'keep one line for each field';
  if (code === 'MISSING_CHAR' || code === 'UNEXPECTED_TOKEN' || code === 'BAD_INDENT')
    return 'check the quotes, brackets and indentation on that line (a list is `tags: [a, b]`)';
  return 'fix the YAML on that line (quote values that contain a colon: title: "A: B")';
}

/** The file line of the frontmatter node at `path` (a key's own line), or undefined if absent. */
function lineAt(doc: Document, path: readonly PropertyKey[], lineOf: (offset: number | undefined) => number): number | undefined {
  let node: unknown = doc.contents;
  let line: number | undefined;
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) return line;
      line = lineOf(isScalar(pair.key) ? pair.key.range?.[0] : undefined);
      node = pair.value;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg];
      if (!item) return line;
      if (isScalar(item) || isMap(item) || isSeq(item)) line = lineOf(item.range?.[0]);
      node = item;
    } else return line;
  }
  return line;
}

/** The items of a list field that pass the schema, with their indexes (a bad item leaves the others in). */
function goodItems(raw: Record<string, unknown>, key: 'tags' | 'aliases'): [string, number][] {
  const list = raw[key];
  if (!Array.isArray(list)) return [];
  const item = postSchema.shape[key].unwrap().element;
  return list.flatMap((v, i) => { const r = item.safeParse(v); return r.success ? [[r.data, i] as [string, number]] : []; });
}

/** Check one post; returns its problems and the slug it claims. */
export function checkPostSource({ path, source }: PostSource): { problems: Problem[]; slug: string; slugLine: number; draft: boolean; title?: string; tags: TagUse[]; tagNames?: string[]; date?: Date; series?: SeriesUse; aliases?: AliasUse[] } {
  const problems: Problem[] = [];
  const add = (line: number, field: string, message: string, fix: string, severity: Problem['severity'] = 'error') =>
    problems.push({ file: path, line, field, message, fix, severity });
  let slug = slugFromPath(path);
  const none = { problems, slug, slugLine: 1, draft: false, tags: [] };
  const text = source.replace(/^\uFEFF/, '');
  const m = /^---\r?\n([\s\S]*?)\r?\n---\s*(\r?\n|$)/.exec(text);
  if (!m) {
    add(1, 'frontmatter', 'the post has no frontmatter block', 'start the file with a block between two `---` lines holding at least `title:` and `date:`');
    return none;
  }
  const lineCounter = new LineCounter();
  // timestamps as Astro's js-yaml reads them: an unquoted date or time is a Date, in UTC without a zone
  const doc = parseDocument(m[1] ?? '', { lineCounter, prettyErrors: false, customTags: ['timestamp'] });
  const lineOf = (offset: number | undefined) => (offset === undefined ? 1 : lineCounter.linePos(offset).line + 1); // +1: the opening ---
  for (const err of doc.errors) {
    add(lineOf(err.pos[0]), 'frontmatter', `YAML syntax error: ${err.message.split('\n')[0]}`, yamlFix(err.code));
  }
  if (doc.errors.length) return none;
  if (!isMap(doc.contents)) {
    add(2, 'frontmatter', 'the frontmatter is not a list of `field: value` lines', 'write fields as `title: "…"`, `date: 2016-12-28`, one per line');
    return none;
  }
  const endLine = (m[1] ?? '').split('\n').length + 1; // the closing ---: where a missing field goes
  const raw = doc.toJS() as Record<string, unknown>;
  // YAML (and Astro's js-yaml) roll 2016-13-45 over into 2017: judge a top-level date by the text written
  for (const pair of doc.contents.items) {
    if (isScalar(pair.key) && isScalar(pair.value) && pair.value.value instanceof Date && !isValidDateString(String(pair.value.source)))
      raw[String(pair.key.value)] = String(pair.value.source);
  }
  const parsed = postSchema.safeParse(raw);
  for (const issue of parsed.success ? [] : parsed.error.issues) {
    const field = String(issue.path[0] ?? 'frontmatter');
    const { message, fix } = splitMessage(issue.message);
    add(lineAt(doc, issue.path, lineOf) ?? endLine, field, message, fix);
  }
  for (const pair of doc.contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    if ((knownFields as readonly string[]).includes(key)) continue;
    const near = didYouMean(key, knownFields);
    add(lineOf(isScalar(pair.key) ? pair.key.range?.[0] : undefined), key, `unknown field "${key}"`, near ? `did you mean \`${near}\`?` : `the fields are ${knownFields.join(', ')}`, 'warning');
  }
  problems.sort((a, b) => a.line - b.line);
  // a post with a bad field still takes part in the checks across posts with its good ones
  const post = parsed.success ? parsed.data : Object.fromEntries(Object.entries(postSchema.shape).map(([k, schema]) => {
    const r = schema.safeParse(raw[k]);
    return [k, r.success ? r.data : undefined];
  })) as Partial<PostData>;
  const line = (...p: PropertyKey[]) => lineAt(doc, p, lineOf) ?? 1;
  let slugLine = 1;
  slug = slugOfPost(post.slug, path);
  if (post.slug) slugLine = line('slug');
  else if (!slugPattern.test(slug))
    add(1, 'slug', `the file name gives the slug ${JSON.stringify(slug)}, which is not lower-case words joined by hyphens`, 'rename the file (e.g. my-post.md) or add `slug: my-post`');
  return {
    problems, slug, slugLine, draft: post.draft === true, ...(post.title ? { title: post.title } : {}), ...(post.date ? { date: post.date } : {}),
    ...(post.tags ? { tagNames: post.tags } : {}),
    tags: goodItems(raw, 'tags').map(([tag, i]) => ({ file: path, line: line('tags', i), tag })),
    ...(post.series ? { series: { file: path, line: line('series'), partLine: line('series', 'part'), ...post.series } } : {}),
    aliases: goodItems(raw, 'aliases').map(([a, i]) => ({ file: path, line: line('aliases', i), path: a })),
  };
}

/** What the checks read of a post: its file, slug, whether a draft, and its date, title, tags and series if valid. */
export interface PostFacts {
  file: string; slug: string; draft: boolean; date: Date | undefined;
  /** its old paths (`aliases:`) */ aliases?: string[];
  title?: string | undefined; tags?: string[]; series?: { name: string; part: number } | undefined;
}

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
    facts.push({
      file: post.path, slug: r.slug, draft: r.draft, date: r.date, aliases: (r.aliases ?? []).map((a) => a.path),
      title: r.title, tags: r.tagNames ?? [], series: r.series && { name: r.series.name, part: r.series.part },
    });
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

/** Posts that are not drafts and are dated after `now`, soonest first; `day` is the UTC day, or the time when not midnight. */
export function scheduledPosts(posts: readonly PostFacts[], now: Date): { file: string; day: string }[] {
  return posts.filter((p) => !p.draft && p.date && isScheduled({ date: p.date }, now))
    .sort((a, b) => a.date!.getTime() - b.date!.getTime() || a.file.localeCompare(b.file))
    .map((p) => ({ file: p.file, day: p.date!.toISOString().replace(/T00:00:00\.000Z$/, '').replace(/\.000Z$/, 'Z') }));
}
