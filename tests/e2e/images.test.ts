// Images in a post (issue 20), on the fixture post tests/fixtures/posts/images-post/: a PNG
// screenshot becomes WebP in widths up to its own with width, height, lazy loading and sizes for
// phones; an SVG diagram is served as it is. Stopping the build on a missing alt text or file is
// in author-content.test.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, openPage } from './support/browser.ts';
import { fixturePosts } from './support/build.ts';
import { serve, type Served } from './support/server.ts';

const POST = 'posts/images-post/';
let site: Served;
let browser: Browser;
beforeAll(async () => { site = await serve(inject('featuresDir')); browser = await launch(); });
afterAll(async () => { await browser?.close(); await site?.close(); });

const imgs = () => [...readFileSync(join(inject('featuresDir'), POST, 'index.html'), 'utf8').matchAll(/<img\b[^>]*>/g)].map((m) => m[0]);
const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];

describe('a post with images beside it', () => {
  it('the screenshot: WebP in widths up to its own, with width, height, lazy loading and the column\'s sizes', async () => {
    const png = imgs().find((t) => attr(t, 'alt') === 'A debugger window with a kd prompt')!;
    expect(png).toBeDefined();
    expect({ width: attr(png, 'width'), height: attr(png, 'height'), loading: attr(png, 'loading'), decoding: attr(png, 'decoding'), sizes: attr(png, 'sizes') })
      .toEqual({ width: '1600', height: '900', loading: 'lazy', decoding: 'async', sizes: '(min-width: 46rem) 44rem, 100vw' });
    expect(attr(png, 'src')).toMatch(/^\/_astro\/debugger-window\.[\w-]+\.webp$/);
    const srcset = attr(png, 'srcset')!.split(', ').map((s) => s.split(' '));
    expect(srcset.map(([, w]) => w)).toEqual(['640w', '750w', '828w', '1080w', '1280w', '1600w']);
    for (const [url] of srcset) {
      const res = await fetch(new URL(url!, site.origin));
      expect(res.status, url).toBe(200);
      expect(res.headers.get('content-type'), url).toBe('image/webp');
    }
  });

  it('the diagram: the SVG file itself, byte for byte', async () => {
    const svg = imgs().find((t) => attr(t, 'alt')?.startsWith('An SList head'))!;
    expect(attr(svg, 'src')).toMatch(/^\/_astro\/slist-head\.[\w-]+\.svg$/);
    const res = await fetch(new URL(attr(svg, 'src')!, site.origin));
    expect(Buffer.from(await res.arrayBuffer()).equals(readFileSync(join(fixturePosts, 'images-post/slist-head.svg')))).toBe(true);
  });

  for (const [width, most] of [[390, 828], [1280, 1080]] as const) {
    it(`at ${width} px the browser fetches a width of at most ${most} px, and the picture fits the column`, async () => {
      const page = await openPage(browser, `${site.url}${POST}`, { width });
      try {
        const img = page.getByAltText('A debugger window with a kd prompt');
        await img.scrollIntoViewIfNeeded();
        await expect.poll(() => img.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth)).toBeGreaterThan(0);
        const shown = await img.evaluate((i: HTMLImageElement) => ({ natural: i.naturalWidth, box: i.getBoundingClientRect().width, column: i.closest('.prose')!.getBoundingClientRect().width }));
        expect(shown.natural).toBeLessThanOrEqual(most);
        expect(shown.box).toBeLessThanOrEqual(shown.column + 0.5);
      } finally {
        await page.context().close();
      }
    });
  }
});
