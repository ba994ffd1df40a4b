// The site's social cards (src/cards/contents.ts) from the posts the pages show.
import { site } from '../site.config.ts';
import type { CardContent } from '../cards/card.ts';
import { homeCard as homeCardOf, siteCards } from '../cards/contents.ts';
import { getPosts } from './posts.ts';

export const homeCard: CardContent = homeCardOf(site);

let built: Promise<Map<string, CardContent>> | undefined;

/** Every card of the site by its path (`cards/posts/x.png`); once per build (every page's head asks). */
export function getCards(): Promise<Map<string, CardContent>> {
  if (built && !import.meta.env.DEV) return built;
  return (built = getPosts().then((posts) => siteCards(posts, site)));
}
