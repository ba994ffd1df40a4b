// The social card of every page that has one (src/cards/card.ts), keyed by the page's path
// (routes.ts's cardPath maps a page to its card): posts, tags, series and the home page.
import { site } from '../site.config.ts';
import type { CardContent } from '../cards/card.ts';
import { tagLine } from '../cards/card.ts';
import { getPosts } from './posts.ts';
import { countTags, humanDate, postsWithTag } from '../lib/posts.ts';
import { groupSeries } from '../lib/series.ts';
import { cardPath, postPath, seriesPath, tagPath } from '../lib/routes.ts';
import { tagSlug } from '../lib/slugs.ts';

const host = new URL(site.url).host;
const count = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** The home page's card, which every page without a card of its own shows. */
export const homeCard: CardContent = { kicker: site.title, title: site.description, meta: `by ${site.author.name}`, host };

/** Every card of the site by its path (`cards/posts/x.png`), in a stable order. */
export async function getCards(): Promise<Map<string, CardContent>> {
  const posts = await getPosts();
  const cards = new Map<string, CardContent>([[cardPath(''), homeCard]]);
  for (const p of posts) {
    const kicker = p.series ? `${site.title} · ${p.series.name}, part ${p.series.part}` : site.title;
    const meta = [humanDate(p.date, site.lang), tagLine(p.tags)].filter(Boolean).join(' · ');
    cards.set(cardPath(postPath(p.slug)), { kicker, title: p.title, meta, host });
  }
  for (const { tag, count: n } of countTags(posts)) {
    const newest = postsWithTag(posts, tag)[0]!;
    cards.set(cardPath(tagPath(tagSlug(tag))), { kicker: `${site.title} · tag`, title: `Posts tagged ${tag}`, meta: `${count(n, 'post')}, the latest on ${humanDate(newest.date, site.lang)}`, host });
  }
  for (const s of groupSeries(posts)) {
    cards.set(cardPath(seriesPath(s.slug)), { kicker: `${site.title} · series`, title: s.name, meta: count(s.parts.length, 'part'), host });
  }
  return cards;
}
