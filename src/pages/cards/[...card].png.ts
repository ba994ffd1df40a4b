// /cards/<page>.png: each page's social card (og:image), drawn at build time (src/cards/draw.ts).
// The cacheKey is what the card shows, so a warm build restores unchanged cards instead of drawing them.
import type { APIRoute, GetStaticPaths } from 'astro';
import { getCards } from '../../data/cards.ts';
import { readSettings } from '../../lib/settings.ts';
import { cardPool } from '../../cards/pool.ts';
import type { CardContent } from '../../cards/card.ts';

export const getStaticPaths = (async () => {
  if (!readSettings().cards) return [];
  const cards = await getCards();
  return [...cards].map(([path, content]) => ({
    // the param is the decoded path (Astro encodes it in the URL), without `cards/` and `.png`
    params: { card: decodeURIComponent(path.slice('cards/'.length, -'.png'.length)) },
    props: { content },
    cacheKey: JSON.stringify(content),
  }));
}) satisfies GetStaticPaths;

// one pool for the build (or the dev server), started by the first card
let pool: ReturnType<typeof cardPool> | undefined;

export const GET: APIRoute<{ content: CardContent }> = async ({ props, params }) => {
  const { png, missing } = await (pool ??= cardPool()).draw(props.content);
  if (missing.length) console.warn(`cards/${params.card}.png: warning: no shipped font draws ${missing.join(' ')}; those characters are left out of the card`);
  return new Response(new Uint8Array(png), { headers: { 'Content-Type': 'image/png' } });
};
