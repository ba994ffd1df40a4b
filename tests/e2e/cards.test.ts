// Social cards (issue 20): every post, tag and series page and the home page name a 1200x630 PNG
// card drawn at build time; the fixture posts' titles (120 characters, Japanese, symbols) fit it.
// Read from the fixture build a crawler of Mastodon, Slack or X would fetch.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { serve, type Served } from './support/server.ts';
import { cardPixels } from '../../scripts/harness/card-pixels.ts';
import { site as siteConfig } from '../../src/site.config.ts';

let site: Served;
beforeAll(async () => { site = await serve(inject('featuresDir')); });
afterAll(async () => { await site?.close(); });

/** The card tags of a built page, as a crawler reads them. */
function cardTags(path: string): Record<string, string> {
  const html = readFileSync(join(inject('featuresDir'), path, 'index.html'), 'utf8');
  const out: Record<string, string> = {};
  for (const m of html.matchAll(/<meta (?:property|name)="((?:og|twitter):(?:image[^"]*|card))" content="([^"]*)">/g)) out[m[1]!] = m[2]!.replaceAll('&amp;', '&').replaceAll('&quot;', '"');
  return out;
}

/** Fetches the card a page names from the served build, as a crawler would (the site's origin swapped for the test server's). */
async function fetchCard(tags: Record<string, string>): Promise<Buffer> {
  const url = new URL(tags['og:image']!);
  expect(url.origin).toBe(new URL(siteConfig.url).origin);
  const res = await fetch(new URL(url.pathname, site.origin));
  expect(res.status, url.pathname).toBe(200);
  expect(res.headers.get('content-type')).toBe('image/png');
  return Buffer.from(await res.arrayBuffer());
}

const pages = [
  { name: 'a 120-character title', path: 'posts/card-long-title/', card: '/cards/posts/card-long-title.png', alt: /^Ring Zero · SList on x64, part 1: KiCheckForSListAddress and the x64 fixup range: .* SList \(January 10, 2017 · #windows #kernel #lock-free #scheduler \+1\)$/ },
  { name: 'a Japanese title', path: 'posts/card-japanese/', card: '/cards/posts/card-japanese.png', alt: /^Ring Zero: 日本語のカーネル: スケジューラの内部構造 \(January 11, 2017 · #日本語 #kernel\)$/ },
  { name: 'symbols in the title and tags', path: 'posts/card-symbols/', card: '/cards/posts/card-symbols.png', alt: /^Ring Zero · SList on x64, part 2: C\+\+ # ! and C#: what the compiler emits \(January 12, 2017 · #C\+\+ #C#\)$/ },
  { name: 'a tag in Japanese', path: 'tags/日本語/', card: '/cards/tags/%E6%97%A5%E6%9C%AC%E8%AA%9E.png', alt: /^Ring Zero · tag: Posts tagged 日本語 \(1 post, the latest on January 11, 2017\)$/ },
  { name: 'a series', path: 'series/slist-on-x64/', card: '/cards/series/slist-on-x64.png', alt: /^Ring Zero · series: SList on x64 \(2 parts\)$/ },
  { name: 'the home page', path: '', card: '/cards/home.png', alt: /^Ring Zero: Windows, macOS and Linux internals/ },
  { name: 'the archive (the home page\'s card)', path: 'archive/', card: '/cards/home.png', alt: /^Ring Zero: Windows, macOS/ },
];

describe('social cards', () => {
  for (const p of pages) {
    it(`${p.name}: og:image and twitter tags name a 1200x630 PNG whose text stays inside the card`, async () => {
      const tags = cardTags(p.path);
      expect(new URL(tags['og:image']!).pathname).toBe(p.card);
      expect(tags).toMatchObject({ 'og:image:type': 'image/png', 'og:image:width': '1200', 'og:image:height': '630', 'twitter:card': 'summary_large_image', 'twitter:image': tags['og:image'] });
      expect(tags['og:image:alt']).toMatch(p.alt);
      const px = await cardPixels(await fetchCard(tags));
      expect({ width: px.width, height: px.height, inkOutside: px.inkOutside }).toEqual({ width: 1200, height: 630, inkOutside: 0 });
      expect(px.inkInside).toBeGreaterThan(5000);
    });
  }
});
