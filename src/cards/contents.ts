// Which pages have a card and what each card says: posts (title, date, tags, series part), tags,
// series and the home page, keyed by the card's path (routes.ts). Pure: the pages' data layer
// (src/data/cards.ts) and the build's early drawing (integration.ts) both call it.
import type { CardContent } from './card.ts';
import { tagLine } from './card.ts';
import { countTags, humanDate, postsWithTag, sortPostsNewestFirst, visiblePosts, type PostMeta } from '../lib/posts.ts';
import { groupSeries, type SeriesRef } from '../lib/series.ts';
import { showTags, tagSpellings } from '../lib/tags.ts';
import { cardPath, postPath, seriesPath, tagPath } from '../lib/routes.ts';
import { tagSlug } from '../lib/slugs.ts';

export interface CardSite { title: string; description: string; author: { name: string }; url: string; lang: string }
export type CardPost = Pick<PostMeta, 'slug' | 'title' | 'date' | 'tags'> & { series?: SeriesRef | undefined };

const count = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** The home page's card, which every page without a card of its own shows. */
export function homeCard(site: CardSite): CardContent {
  return { kicker: site.title, title: site.description, meta: `by ${site.author.name}`, host: new URL(site.url).host };
}

/** Every card of the site by its path (`cards/posts/x.png`): `posts` as the site shows them (published, tags in their shown spelling). */
export function siteCards(posts: readonly CardPost[], site: CardSite): Map<string, CardContent> {
  const host = new URL(site.url).host;
  const meta = posts.map((p) => ({ ...p, draft: false }));
  const cards = new Map<string, CardContent>([[cardPath(''), homeCard(site)]]);
  for (const p of posts) {
    const kicker = p.series ? `${site.title} · ${p.series.name}, part ${p.series.part}` : site.title;
    cards.set(cardPath(postPath(p.slug)), { kicker, title: p.title, meta: [humanDate(p.date, site.lang), tagLine(p.tags)].filter(Boolean).join(' · '), host });
  }
  for (const { tag, count: n } of countTags(meta)) {
    const newest = postsWithTag(meta, tag)[0]!;
    cards.set(cardPath(tagPath(tagSlug(tag))), { kicker: `${site.title} · tag`, title: `Posts tagged ${tag}`, meta: `${count(n, 'post')}, the latest on ${humanDate(newest.date, site.lang)}`, host });
  }
  for (const s of groupSeries(posts)) {
    cards.set(cardPath(seriesPath(s.slug)), { kicker: `${site.title} · series`, title: s.name, meta: count(s.parts.length, 'part'), host });
  }
  return cards;
}

/**
 * The posts a build publishes, read from the checks' facts before Astro has a collection, the
 * way src/data/posts.ts shows them: no drafts or scheduled posts, one spelling per tag, newest first.
 */
export function publishedCardPosts(facts: ReadonlyArray<{ slug: string; draft: boolean; date: Date | undefined; title?: string | undefined; tags?: string[]; series?: SeriesRef | undefined }>, now: Date): CardPost[] {
  const posts = facts.flatMap((f) => (f.date && f.title ? [{ slug: f.slug, title: f.title, date: f.date, tags: f.tags ?? [], draft: f.draft, series: f.series }] : []));
  const visible = visiblePosts(posts, false, now);
  const shown = tagSpellings(visible.map((p) => p.tags));
  return sortPostsNewestFirst(visible.map((p) => ({ ...p, tags: showTags(p.tags, shown) })))
    .map(({ draft: _, ...p }) => p);
}
