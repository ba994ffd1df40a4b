// /cards/<page>.png: each page's social card (og:image), drawn at build time (src/cards/). The
// cacheKey is what the card shows, so a warm build restores unchanged cards without asking here;
// a cold one finds most in the card store, drawn while Astro bundled (src/cards/integration.ts).
import type { APIRoute, GetStaticPaths } from 'astro';
import { getCards } from '../../data/cards.ts';
import { readSettings } from '../../node/settings.ts';
import { cardPool } from '../../cards/pool.ts';
import { cardStore } from '../../cards/store.ts';
import { missingGlyphs } from '../../cards/fonts.ts';
import type { CardContent } from '../../cards/card.ts';
import { cardParam } from '../../lib/routes.ts';

export const getStaticPaths = (async () => {
  if (!readSettings().cards) return [];
  const cards = await getCards();
  return [...cards].map(([path, content]) => ({
    // the param is the decoded path (Astro encodes it in the URL), without `cards/` and `.png`
    params: { card: decodeURIComponent(cardParam(path)) },
    props: { content },
    cacheKey: JSON.stringify(content),
  }));
}) satisfies GetStaticPaths;

// one store and pool for the build (or the dev server), made by the first card
let store: ReturnType<typeof cardStore> | undefined;
let pool: ReturnType<typeof cardPool> | undefined;

export const GET: APIRoute<{ content: CardContent }> = async ({ props, params }) => {
  const png = (store ??= cardStore()).read(store.keyOf(props.content)) ?? await (pool ??= cardPool()).draw(props.content);
  // asked of every card, drawn here or earlier (src/cards/integration.ts), so the warning is never lost
  const missing = missingGlyphs(props.content);
  if (missing.length) console.warn(`cards/${params.card}.png: warning: no shipped font draws ${missing.join(' ')}; those characters are left out of the card`);
  return new Response(new Uint8Array(png), { headers: { 'Content-Type': 'image/png' } });
};
