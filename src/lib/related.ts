// Related posts, shown under a post: up to three others that share its tags, rarer tags weighing
// more (a tag on two posts says more than one on every post), the parts of its own series left
// out (the series box lists them), newest first among equals, and none when nothing relates. Pure.
import { seriesSlug, tagSlug } from './slugs.ts';

export interface RelatableMeta { slug: string; date: Date; tags: readonly string[]; series?: { name: string } | undefined }

export function relatedPosts<T extends RelatableMeta>(post: T, posts: readonly T[], limit = 3): T[] {
  const tagsOf = (p: T) => new Set(p.tags.map(tagSlug));
  const postsWith = new Map<string, number>();
  for (const p of posts) for (const t of tagsOf(p)) postsWith.set(t, (postsWith.get(t) ?? 0) + 1);
  const mine = tagsOf(post);
  const series = post.series ? seriesSlug(post.series.name) : undefined;
  return posts
    .filter((p) => p.slug !== post.slug && !(series && p.series && seriesSlug(p.series.name) === series))
    .map((p) => ({ p, score: [...tagsOf(p)].filter((t) => mine.has(t)).reduce((s, t) => s + 1 / postsWith.get(t)!, 0) }))
    .filter((x) => x.score > 0)
    .sort((a, b) => b.score - a.score || b.p.date.getTime() - a.p.date.getTime() || (a.p.slug < b.p.slug ? -1 : 1))
    .slice(0, limit)
    .map((x) => x.p);
}
