// The integration's two paths without Astro: indexing a built folder, and the dev
// middleware indexing what a (fake) dev server renders, refreshed after a change.
import { createServer, type Server } from 'node:http';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as pagefind from 'pagefind';
import { BuildIndex, DevIndex, indexBuiltSite } from './pagefind.ts';
import { tempDir } from '../../scripts/harness/temp.ts';

const post = (title: string, body: string): string =>
  `<!doctype html><html lang="en"><body><nav>Site chrome</nav><article data-pagefind-body><h1 data-pagefind-meta="title">${title}</h1><p>${body}</p></article></body></html>`;

afterAll(() => pagefind.close());

describe('indexBuiltSite', () => {
  it('indexes only pages with data-pagefind-body and writes <dir>/pagefind without the unused UIs', async () => {
    const dir = tempDir('rz-pf-');
    mkdirSync(join(dir, 'posts/a'), { recursive: true });
    mkdirSync(join(dir, 'tags'), { recursive: true });
    writeFileSync(join(dir, 'posts/a/index.html'), post('A', 'ExInterlockedPopEntrySList here'));
    writeFileSync(join(dir, 'tags/index.html'), '<html><body><h1>Tags</h1></body></html>');
    const r = await indexBuiltSite(dir, '/blog/');
    expect(r.pages).toBe(1);
    expect(r.extraWords).toBeGreaterThan(0);
    const files = readdirSync(join(dir, 'pagefind'));
    expect(files).toEqual(expect.arrayContaining(['pagefind.js', 'pagefind-entry.json']));
    expect(files.filter((f) => /-ui\.|highlight/.test(f))).toEqual([]);
    expect(JSON.parse(readFileSync(join(dir, 'pagefind/pagefind-entry.json'), 'utf8')).languages.en.page_count).toBe(1);
  });
});

describe('DevIndex', () => {
  it('serves an index of what the server renders now, and rebuilds it after a change', async () => {
    const pages: Record<string, string> = { '/blog/posts/a/': post('A', 'alpha') };
    const dev = new DevIndex('/blog/');
    const server: Server = createServer((req, res) => {
      if (req.url === '/blog/archive/') { res.end(Object.keys(pages).map((u) => `<a href="${u}">x</a>`).join('')); return; }
      const page = pages[req.url ?? ''];
      if (page) { res.end(page); return; }
      dev.handle(req, res, () => { res.statusCode = 404; res.end('next'); });
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const port = (server.address() as { port: number }).port;
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
      await new Promise((ok) => server.close(ok));
    }
  });
});

describe('BuildIndex', () => {
  it('indexes pages handed over during the build, reads back only the ones that were not, and holds each once', async () => {
    const dir = tempDir('rz-pf-build-');
    for (const slug of ['a', 'b']) {
      mkdirSync(join(dir, 'posts', slug), { recursive: true });
      writeFileSync(join(dir, 'posts', slug, 'index.html'), post(slug.toUpperCase(), `text of ${slug}`));
    }
    writeFileSync(join(dir, 'index.html'), '<html><body><h1>Home</h1></body></html>');
    const index = new BuildIndex('/blog/');
    // As Astro's middleware sees them: with and without the trailing slash.
    index.page('/blog/posts/a/', readFileSync(join(dir, 'posts/a/index.html'), 'utf8'));
    index.page('/blog', readFileSync(join(dir, 'index.html'), 'utf8'));
    const r = await index.finish(dir);
    expect(r.pages).toBe(2);
    expect(r.fromDisk).toBe(1); // posts/b only
    expect(JSON.parse(readFileSync(join(dir, 'pagefind/pagefind-entry.json'), 'utf8')).languages.en.page_count).toBe(2);
  });

  it('writes byte-identical index files for the same pages, whatever order they arrive in', async () => {
    const slugs = Array.from({ length: 40 }, (_, i) => `post-${i}`);
    const build = async (order: string[], viaMiddleware: boolean) => {
      const dir = tempDir('rz-pf-order-');
      for (const slug of slugs) {
        mkdirSync(join(dir, 'posts', slug), { recursive: true });
        writeFileSync(join(dir, 'posts', slug, 'index.html'), post(slug, `KiCheckForSListAddress ${slug} text ${slug.length}`));
      }
      const index = new BuildIndex('/');
      if (viaMiddleware) for (const slug of order) index.page(`/posts/${slug}/`, readFileSync(join(dir, 'posts', slug, 'index.html'), 'utf8'));
      await index.finish(dir);
      const out = join(dir, 'pagefind');
      return readdirSync(out, { recursive: true, encoding: 'utf8' }).sort().map((f) => {
        try { return `${f}:${readFileSync(join(out, f)).toString('base64')}`; } catch { return f; }
      }).join('\n');
    };
    const forward = await build(slugs, true);
    expect(await build([...slugs].reverse(), true)).toBe(forward);
    expect(await build(slugs.filter((_, i) => i % 3 === 0), true)).toBe(forward); // the rest read back from disk
    expect(await build([], false)).toBe(forward);
  });
});
