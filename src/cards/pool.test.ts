// The card pool as the card route uses it: real workers, real drawings, the store in a folder of
// the test's own.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cardPool, drawInBackground } from './pool.ts';
import { drawCard } from './draw.ts';
import { tempDir } from '../../scripts/harness/temp.ts';
import type { CardContent } from './card.ts';

const card = (title: string): CardContent => ({ kicker: 'Ring Zero', title, meta: '9 March 2013 · #windows', host: 'ringzero.example' });

const cacheDirBefore = process.env['RZ_CACHE_DIR'];
// (unit test files share a worker: the variable is put back as it was)
afterEach(() => { if (cacheDirBefore === undefined) delete process.env['RZ_CACHE_DIR']; else process.env['RZ_CACHE_DIR'] = cacheDirBefore; });

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

describe('drawInBackground', () => {
  it("draws a batch of cards in bounded memory: each card's native picture is freed before the next", async () => {
    const cache = tempDir('rz-card-batch-');
    process.env['RZ_CACHE_DIR'] = cache;
    const cards = Array.from({ length: 60 }, (_, i) => card(`Card ${i} of a batch that must not keep its pictures`));
    const before = process.memoryUsage.rss();
    let peak = before;
    const drawing = drawInBackground(cards, 1); // one worker, one batch
    const pngs = () => (existsSync(join(cache, 'cards')) ? readdirSync(join(cache, 'cards')) : []).filter((f) => f.endsWith('.png')).length;
    try {
      for (const end = Date.now() + 25_000; Date.now() < end; await new Promise((r) => setTimeout(r, 20))) {
        peak = Math.max(peak, process.memoryUsage.rss());
        if (pngs() === cards.length) break;
      }
      expect(pngs()).toBe(cards.length);
      // measured: 145 MB (a worker with its fonts and libraries); 245 MB when each picture is kept to the end
      expect((peak - before) / 2 ** 20).toBeLessThan(200);
    } finally {
      await drawing.stop();
    }
  });
});
