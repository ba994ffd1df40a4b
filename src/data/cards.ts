// The site's social cards (src/cards/contents.ts) from the posts the pages show.
import { site } from '../site.config.ts';
import type { CardContent } from '../cards/card.ts';
import { homeCard as homeCardOf, siteCards } from '../cards/contents.ts';
import { getPosts, type Post } from './posts.ts';

export const homeCard: CardContent = homeCardOf(site);

let built: { posts: readonly Post[]; cards: Map<string, CardContent> } | undefined;

/**
 * Every card of the site by its path (`cards/posts/x.png`), made again only when the posts are
 * (getPosts keeps them while no post changed, in dev too): every page's head asks, and at 1,000
 * posts making them per page was a quarter of the dev search index's time.
 */
export async function getCards(): Promise<Map<string, CardContent>> {
  const posts = await getPosts();
  if (built?.posts !== posts) built = { posts, cards: siteCards(posts, site) };
  return built.cards;
}
