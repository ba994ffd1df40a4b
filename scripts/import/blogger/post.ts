// One Blogger post as this site's files: its frontmatter (title, the day it showed, `updated`,
// labels as tags, `draft`, the old URL as an alias), its body as Markdown with links to the old
// blog's posts pointed at their new URLs, and its archived comments. Pure: the caller downloads
// the images (imagesOf lists their nodes) and writes the files.
import type { Image, Root as MdRoot } from 'mdast';
import { visit } from 'unist-util-visit';
import { aliasPathProblem } from '../../../src/lib/aliases.ts';
import { sanitizeComment, type ArchivedComment } from '../../../src/lib/comments.ts';
import { postSlug } from '../../../src/lib/slugs.ts';
import { postPath } from '../../../src/lib/routes.ts';
import type { Entry } from './atom.ts';
import { daysBetween, localDay } from './dates.ts';

export interface PostDraft {
  entry: Entry;
  title: string;
  /** The title came from the old URL: the post had none. */
  untitled: boolean;
  date: string;
  updated: string | undefined;
  tags: string[];
  aliases: string[];
  /** Old paths the site cannot redirect from, with why. */
  badAliases: string[];
  /** The slug the title gives (before two posts with one slug are told apart). */
  slugBase: string;
  comments: ArchivedComment[];
}

const clean = (s: string) => s.replace(/\u00a0/g, ' ').replace(/\s+/g, ' ').trim();
const nameOf = (oldPath: string | undefined) => (oldPath ? (oldPath.split('/').pop() ?? '').replace(/\.html?$/i, '') : '');

/** What a post will be, read from its entry alone (its body is converted later, one post at a time). */
export function draftPost(entry: Entry, comments: readonly Entry[], tz: string | undefined): PostDraft {
  const title = clean(entry.title);
  const fromPath = nameOf(entry.oldPath);
  const date = localDay(entry.published, tz);
  const changed = entry.updated ? localDay(entry.updated, tz) : date;
  const alias = entry.oldPath;
  const problem = alias ? aliasPathProblem(alias) : undefined;
  return {
    entry,
    title: title || fromPath.replace(/[-_]+/g, ' ').trim() || `Untitled post of ${date}`,
    untitled: !title,
    date,
    updated: daysBetween(date, changed) >= 1 ? changed : undefined,
    tags: [...new Set(entry.labels.map(clean).filter(Boolean))],
    aliases: alias && !problem ? [alias] : [],
    badAliases: alias && problem ? [`${alias}: ${problem.message}`] : [],
    slugBase: postSlug(title) || postSlug(fromPath) || `post-${date}`,
    comments: comments.map((c) => ({ author: clean(c.author) || 'Anonymous', date: localDay(c.published, tz), html: sanitizeComment(c.html) })),
  };
}

/** The image nodes of a post's body, in order. */
export function imagesOf(tree: MdRoot): Image[] {
  const out: Image[] = [];
  visit(tree, 'image', (n) => { out.push(n); });
  return out;
}

/**
 * Links to the old blog's own posts, pointed at their new pages: `oldPaths` maps an old path
 * (`/2016/12/x.html`) to the new slug; a link counts as the old blog's when its host is a
 * blogspot host or one of `origins`.
 */
export function pointOldLinks(tree: MdRoot, oldPaths: ReadonlyMap<string, string>, origins: ReadonlySet<string>): number {
  let changed = 0;
  visit(tree, 'link', (n) => {
    let u: URL;
    try { u = new URL(n.url); } catch { return; }
    if (!/\.blogspot\.[a-z.]+$/i.test(u.hostname) && !origins.has(u.origin)) return;
    let path = u.pathname;
    try { path = decodeURI(path); } catch { /* a stray %: as written */ }
    const slug = oldPaths.get(path);
    if (!slug) return;
    // relative (from /posts/<this>/ to /posts/<that>/), so it holds under any base path
    n.url = `../../${postPath(slug)}${u.hash}`;
    changed++;
  });
  return changed;
}

// A YAML flow list of quoted strings (JSON's string escapes are YAML's too).
const flowList = (items: readonly string[]) => `[${items.map((i) => JSON.stringify(i)).join(', ')}]`;

/** The frontmatter and body of the post's Markdown file. */
export function postMarkdown(p: PostDraft, body: string): string {
  const lines = [
    '---',
    `title: ${JSON.stringify(p.title)}`,
    `date: ${p.date}`,
    ...(p.updated ? [`updated: ${p.updated}`] : []),
    ...(p.tags.length ? [`tags: ${flowList(p.tags)}`] : []),
    ...(p.entry.draft ? ['draft: true'] : []),
    ...(p.aliases.length ? [`aliases: ${flowList(p.aliases)}`] : []),
    '---',
    '',
  ];
  return `${lines.join('\n')}\n${body.trim() ? `${body.trim()}\n` : ''}`;
}

/** The post's comments file, or undefined when it has none. */
export function commentsJson(p: PostDraft): string | undefined {
  return p.comments.length ? `${JSON.stringify({ comments: p.comments }, null, 2)}\n` : undefined;
}
