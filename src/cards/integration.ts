// Astro integration: a build starts drawing its cards while Astro is still syncing content and
// bundling (work for one core, so the second is free), from the posts the checks have just read
// (check-posts.ts hands them over through `predraw`). The card route then finds most cards in
// the store. It works from the end of the list while the route starts at its front, so they meet
// once; a card both draw is drawn twice, identically. Nothing here decides what is published:
// the route does, and any card this misses is drawn there.
import type { AstroIntegration } from 'astro';
import type { PostFacts } from '../lib/frontmatter-check.ts';
import type { BuildSettings } from '../node/settings.ts';
import { publishedCardPosts, siteCards, type CardSite } from './contents.ts';
import { drawInBackground } from './pool.ts';
import { cardStore, pruneCardStore } from './store.ts';

export function socialCards(settings: Pick<BuildSettings, 'now' | 'cards'>, site: CardSite): AstroIntegration & { predraw: (posts: PostFacts[]) => void } {
  let drawing: ReturnType<typeof drawInBackground> | undefined;
  return {
    name: 'ring-zero:cards',
    predraw(posts) {
      if (!settings.cards) return;
      try {
        const store = cardStore();
        pruneCardStore(store);
        const waiting = [...siteCards(publishedCardPosts(posts, settings.now), site).values()].filter((c) => !store.read(store.keyOf(c)));
        if (waiting.length) drawing = drawInBackground(waiting.reverse());
      } catch (e) {
        // only a head start: the card route draws whatever this did not
        console.warn(`cards: drawing early failed (the route draws them instead): ${e instanceof Error ? e.message : String(e)}`);
      }
    },
    hooks: {
      'astro:build:done': async () => { await drawing?.stop(); },
    },
  };
}
