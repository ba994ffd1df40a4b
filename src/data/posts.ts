// The one place pages read posts from: the content collection, with drafts and scheduled
// posts hidden outside `astro dev`, tags by their shown spelling, and the fields pages need.
import { resolve } from 'node:path';
import { getCollection, type CollectionEntry } from 'astro:content';
import { sortPostsNewestFirst, visiblePosts, type PostMeta } from '../lib/posts.ts';
import { readSettings } from '../node/settings.ts';
import { showTags, tagSpellings } from '../lib/tags.ts';
import { groupSeries, type SeriesRef } from '../lib/series.ts';
import { postUrl, seriesUrl } from './urls.ts';
import { isFolderPost } from '../lib/slugs.ts';
import type { ArchivedComment } from '../lib/comments.ts';
import { relatedPosts } from '../lib/related.ts';
import { summaryOf } from '../lib/post-body.ts';

export interface Post extends PostMeta {
  entry: CollectionEntry<'posts'>;
  description: string;
  /** Site-relative URL including Astro's base, e.g. /blog/posts/slug/ */
  url: string;
  minutes: number;
  /** The series it is a part of (`series: { name, part }`) */
  series?: SeriesRef | undefined;
  /** Its old paths (`aliases:`), written as redirects by src/integrations/aliases.ts */
  aliases: string[];
  /** Its series, every published part in order (the series box), when it is in one */
  inSeries?: InSeries | undefined;
  /** Reader comments archived from the old blog (`comments.json` beside its index.md), oldest first */
  comments: ArchivedComment[];
  /** Up to three published posts that share its tags (src/lib/related.ts) */
  related: RelatedLink[];
}

export interface RelatedLink { title: string; url: string; date: Date }

export interface InSeries { name: string; url: string; parts: Array<{ part: number; title: string; url: string }> }

let cache: Promise<Post[]> | undefined;
let devCache: { key: string; posts: Promise<Post[]> } | undefined;

type PostEntry = CollectionEntry<'posts'>;
type CommentsEntry = CollectionEntry<'comments'>;

/** Published posts newest first (drafts too, in `astro dev`). */
export function getPosts(): Promise<Post[]> {
  return import.meta.env.DEV ? devPosts() : (cache ??= (async () => postsOf(await getCollection('posts'), await getCollection('comments')))());
}

/**
 * In dev the content changes under us: the posts are made again when an entry's digest (its
 * file's hash) changed, not on every page (at 1,000 posts that was most of a page's time).
 */
async function devPosts(): Promise<Post[]> {
  const entries = await getCollection('posts');
  const comments = await getCollection('comments');
  // (an entry without a digest makes a key never seen before: no reuse)
  const digests = [...entries, ...comments].map((e) => `${e.id}\0${e.digest ?? Math.random()}`);
  const key = digests.join('\n');
  if (devCache?.key !== key) devCache = { key, posts: Promise.resolve(postsOf(entries, comments)) };
  return devCache.posts;
}

function postsOf(entries: PostEntry[], commentEntries: CommentsEntry[]): Post[] {
  // a post in a folder of its own may have comments beside it; the collection keys them by that folder
  const comments = new Map(commentEntries.map((c) => [c.id, c.data.comments]));
  const folderOf = (file: string | undefined) => (file && isFolderPost(file) ? resolve(file, '..') : '');
  const posts: Post[] = entries.map((entry) => {
    const summary = summaryOf(entry);
    return {
      entry,
      slug: entry.id,
      title: entry.data.title,
      date: entry.data.date,
      updated: entry.data.updated,
      tags: entry.data.tags,
      draft: entry.data.draft,
      description: entry.data.description ?? summary.excerpt ?? '',
      url: postUrl(entry.id),
      minutes: summary.minutes,
      series: entry.data.series,
      aliases: entry.data.aliases,
      comments: comments.get(folderOf(entry.filePath)) ?? [],
      related: [],
    };
  });
  const visible = visiblePosts(posts, import.meta.env.DEV, readSettings().now);
  // one tag, one spelling: Linux and linux are shown as the one most posts use
  const shown = tagSpellings(visible.map((p) => p.tags));
  for (const p of visible) p.tags = showTags(p.tags, shown);
  for (const s of groupSeries(visible)) {
    const inSeries: InSeries = { name: s.name, url: seriesUrl(s.slug), parts: s.parts.map((p) => ({ part: p.series!.part, title: p.title, url: p.url })) };
    for (const p of s.parts) p.inSeries = inSeries;
  }
  const related = relatedPosts(visible);
  for (const p of visible) p.related = related.get(p.slug)!.map((r) => ({ title: r.title, url: r.url, date: r.date }));
  return sortPostsNewestFirst(visible);
}

/** The cacheKey of a post's page: the posts it shows, and its related posts (another post's tags can change them). */
export function postPageCacheKey(post: Post, newer?: Post, older?: Post): string {
  return JSON.stringify([pageCacheKey(post, newer, older), post.related]);
}

/**
 * The cacheKey of a page that shows these posts (experimental.incrementalBuild skips a page whose
 * key and code are unchanged): each post's content digest, its URL, its shown tags (another post
 * can change their spelling), its series' parts (another part can change the series box), its archived
 * comments and, for lists, its place. A post's own page adds its related posts (postPageCacheKey).
 * (An entry without a digest makes a key never seen before: its page is always rendered; the body is
 * not in the store to stand in for it.)
 */
export function pageCacheKey(...posts: Array<Post | undefined>): string {
  return JSON.stringify(posts.map((p) => (p ? [p.url, p.tags, p.entry.digest ?? Math.random(), ...(p.inSeries ? [p.inSeries] : []), ...(p.comments.length ? [p.comments] : [])] : null)));
}
