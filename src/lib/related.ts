// Related posts, shown under a post: up to three others that share its tags, rarer tags weighing
// more (a tag on two posts says more than one on every post), the parts of its own series left
// out (the series box lists them), newest first among equals, and none when nothing relates. Pure.
// Computed for every post at once from one tag -> posts index: a build of 1,000 posts pays a few
// milliseconds, not a comparison of every post with every other.
import { seriesSlug, tagSlug } from './slugs.ts';

export interface RelatableMeta { slug: string; date: Date; tags: readonly string[]; series?: { name: string } | undefined }

/** Each post's related posts, by slug. */
export function relatedPosts<T extends RelatableMeta>(posts: readonly T[], limit = 3): Map<string, T[]> {
  const tagsOf = posts.map((p) => [...new Set(p.tags.map(tagSlug))]);
  const seriesOf = posts.map((p) => (p.series ? seriesSlug(p.series.name) : undefined));
  const withTag = new Map<string, number[]>();
  tagsOf.forEach((tags, i) => {
    for (const t of tags) { const list = withTag.get(t); if (list) list.push(i); else withTag.set(t, [i]); }
  });
  const out = new Map<string, T[]>();
  posts.forEach((post, i) => {
    const score = new Map<number, number>();
    for (const t of tagsOf[i]!) {
      const others = withTag.get(t)!;
      for (const j of others) if (j !== i && !(seriesOf[i] && seriesOf[i] === seriesOf[j])) score.set(j, (score.get(j) ?? 0) + 1 / others.length);
    }
    out.set(post.slug, [...score]
      .sort(([a, sa], [b, sb]) => sb - sa || posts[b]!.date.getTime() - posts[a]!.date.getTime() || (posts[a]!.slug < posts[b]!.slug ? -1 : 1))
      .slice(0, limit)
      .map(([j]) => posts[j]!));
  });
  return out;
}
