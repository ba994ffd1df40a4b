// The card pool as the card route uses it: real workers, real drawings, the store in a folder of
// the test's own.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cardPool } from './pool.ts';
import { drawCard } from './draw.ts';
import { tempDir } from '../../scripts/harness/temp.ts';
import type { CardContent } from './card.ts';

const card = (title: string): CardContent => ({ kicker: 'Ring Zero', title, meta: '9 March 2013 · #windows', host: 'ringzero.example' });

afterEach(() => { delete process.env['RZ_CACHE_DIR']; });

describe('cardPool', () => {
  it('hands over to a new worker every few cards; every card comes back drawn, the same bytes, and stored', async () => {
    const cache = tempDir('rz-card-pool-');
    process.env['RZ_CACHE_DIR'] = cache; // (the workers' store, read from the environment they start with)
    const pool = cardPool(1, 2); // five cards, two a worker: three workers in turn
    try {
      const cards = [1, 2, 3, 4, 5].map((i) => card(`A card of the pool test, number ${i}`));
      const pngs = await Promise.all(cards.map((c) => pool.draw(c)));
      for (const [i, png] of pngs.entries()) expect(png.equals((await drawCard(cards[i]!)).png), `card ${i + 1}`).toBe(true);
      expect(readdirSync(join(cache, 'cards')).filter((f) => f.endsWith('.png'))).toHaveLength(5);
    } finally {
      await pool.close();
    }
  });
});
