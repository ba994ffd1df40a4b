// The dev server's index without Astro: a (fake) dev server's pages indexed in memory, served
// by the middleware, refreshed after a change.
import { afterAll, describe, expect, it } from 'vitest';
import * as pagefind from 'pagefind';
import { DevIndex, indexDevSite } from './dev-index.ts';
import { listen } from '../../scripts/harness/server.ts';

const post = (title: string, body: string): string =>
  `<!doctype html><html lang="en"><body><nav>Site chrome</nav><article data-pagefind-body><h1 data-pagefind-meta="title">${title}</h1><p>${body}</p></article></body></html>`;

afterAll(() => pagefind.close());

describe('DevIndex', () => {
  it('serves an index of what the server renders now, and rebuilds it after a change', async () => {
    const pages: Record<string, string> = { '/blog/posts/a/': post('A', 'alpha') };
    const dev = new DevIndex('/blog/');
    const server = await listen((req, res) => {
      if (req.url === '/blog/archive/') { res.end(Object.keys(pages).map((u) => `<a href="${u}">x</a>`).join('')); return; }
      const page = pages[req.url ?? ''];
      if (page) { res.end(page); return; }
      dev.handle(req, res, () => { res.statusCode = 404; res.end('next'); });
    });
    const port = new URL(server.origin).port;
    const entry = async () => (await (await fetch(`http://127.0.0.1:${port}/blog/pagefind/pagefind-entry.json`)).json()) as { languages: { en: { page_count: number } } };
    try {
      expect((await entry()).languages.en.page_count).toBe(1);
      const js = await fetch(`http://127.0.0.1:${port}/blog/pagefind/pagefind.js?import`);
      expect(js.status).toBe(200);
      expect(js.headers.get('content-type')).toMatch(/javascript/);
      expect((await fetch(`http://127.0.0.1:${port}/blog/other/`)).status).toBe(404);
      pages['/blog/posts/b/'] = post('B', 'beta');
      expect((await entry()).languages.en.page_count).toBe(1); // no change seen: same index
      dev.changed();
      expect((await entry()).languages.en.page_count).toBe(2);
    } finally {
      await server.close();
    }
  });

  it('after one post changes, renders that post again and no other; an unknown post renders them all', async () => {
    const pages: Record<string, string> = {};
    for (let i = 0; i < 5; i++) pages[`/posts/p${i}/`] = post(`P${i}`, `zzqx${i} first`);
    const rendered: string[] = [];
    let slow: (() => Promise<void>) | undefined; // runs while a page is answered
    const dev = new DevIndex('/');
    const server = await listen((req, res) => {
      if (req.url === '/archive/') { res.end(Object.keys(pages).map((u) => `<a href="${u}">x</a>`).join('')); return; }
      const page = pages[req.url ?? ''];
      if (page) { rendered.push(req.url!); void (slow?.() ?? Promise.resolve()).then(() => res.end(page)); return; }
      dev.handle(req, res, () => { res.statusCode = 404; res.end('next'); });
    });
    const { origin } = server;
    const entry = async () => (await (await fetch(`${origin}/pagefind/pagefind-entry.json`)).json()) as { languages: { en: { hash: string; page_count: number } } };
    try {
      const first = await entry();
      expect(first.languages.en.page_count).toBe(5);
      expect(rendered.sort()).toEqual(Object.keys(pages).sort());
      rendered.length = 0;
      pages['/posts/p2/'] = post('P2', 'zzqx2 second');
      dev.changed('/posts/p2/');
      const second = await entry();
      expect(rendered).toEqual(['/posts/p2/']);
      expect(second.languages.en.hash).not.toBe(first.languages.en.hash); // the edit is in the index
      rendered.length = 0;
      dev.changed('/posts/not-a-known-url/'); // e.g. a post whose frontmatter names its slug
      await entry();
      expect(rendered.sort()).toEqual(Object.keys(pages).sort());
      // a post saved while the index is being made: the page fetched before the save is not kept,
      // and the same request ends with an index made again with the saved page
      rendered.length = 0;
      dev.changed('/posts/p3/');
      slow = async () => { slow = undefined; pages['/posts/p3/'] = post('P3', 'zzqx3 saved during the fetch'); dev.changed('/posts/p3/'); };
      await entry();
      expect(rendered.filter((u) => u === '/posts/p3/')).toHaveLength(2);
      rendered.length = 0;
      await entry();
      expect(rendered).toEqual([]); // and now it is kept
    } finally {
      await server.close();
    }
  });

  it('a page the dev server cannot answer fails the index with its cause; a page known to be none is not asked for', async () => {
    const links = Array.from({ length: 30 }, (_, i) => `/posts/p${i}/`);
    const server = await listen((req, res) => {
      if (req.url === '/archive/') { res.end(links.map((u) => `<a href="${u}">x</a>`).join('')); return; }
      if (req.url === '/posts/p3/') { req.socket.destroy(); return; } // (the dev server died under this page)
      res.end(post(req.url ?? '', 'zzqx'));
    });
    const { origin } = server;
    try {
      await expect(indexDevSite(origin, '/')).rejects.toThrow(/fetch failed|socket/);
      const whole = await indexDevSite(origin, '/', new Map([['/posts/p3/', null]]));
      expect(whole.pages).toBe(29); // (p3 known as no page: not fetched)
      expect(whole.rendered).toBe(29);
    } finally {
      await server.close();
    }
  });
});
