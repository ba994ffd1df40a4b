import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cardParam, cardPath, fileOfPage, filesOfUrl, joinBase, listPagePath, pagePaths, postPath, postSlugOfPath, seriesPath, siteRoutes, siteUrls, tagPath, urlOfFile, withTrailingSlash } from './routes.ts';

describe('URL joining', () => {
  const bases: Array<[base: string, withSlash: string]> = [['/', '/'], ['/blog', '/blog/'], ['/blog/', '/blog/'], ['', '/']];
  for (const [base, out] of bases) it(`gives the base ${JSON.stringify(base)} one trailing slash`, () => expect(withTrailingSlash(base)).toBe(out));
  const joins: Array<[base: string, path: string, url: string]> = [
    ['/', 'posts/x/', '/posts/x/'], ['/blog', '/posts/x/', '/blog/posts/x/'], ['/blog/', '//rss.xml', '/blog/rss.xml'], ['/blog/', '', '/blog/'],
  ];
  for (const [base, path, url] of joins) it(`joins ${JSON.stringify(path)} onto ${base} with one slash between`, () => expect(joinBase(base, path)).toBe(url));
});

describe('page paths', () => {
  it('builds every URL under the base, and reads a URL\'s path under it back', () => {
    for (const base of ['/', '/blog', '/blog/']) {
      const u = siteUrls(base);
      const b = base === '/' ? '' : '/blog';
      expect([u.url('rss.xml'), u.postUrl('x'), u.tagUrl('c++'), u.seriesUrl('the slist')]).toEqual([`${b}/rss.xml`, `${b}/posts/x/`, `${b}/tags/c%2B%2B/`, `${b}/series/the%20slist/`]);
      expect(u.pathOf(u.postUrl('x'))).toBe('posts/x/');
      expect(u.pathOf(u.url(''))).toBe('');
    }
  });

  it('builds each page\'s path under the base', () => {
    expect(joinBase('/blog/', postPath('linux-process-the-beginning'))).toBe('/blog/posts/linux-process-the-beginning/');
    expect(tagPath('日本語')).toBe('tags/%E6%97%A5%E6%9C%AC%E8%AA%9E/');
    expect(seriesPath('boot-chain')).toBe('series/boot-chain/');
    expect(listPagePath(1)).toBe('');
    expect(listPagePath(3)).toBe('page/3/');
  });
  it('reads a post\'s slug back from its path', () => {
    expect(postSlugOfPath('posts/x')).toBe('x');
    expect(postSlugOfPath('/posts/x/')).toBe('x');
    expect(postSlugOfPath('posts/x/y')).toBeUndefined();
    expect(postSlugOfPath('tags/x')).toBeUndefined();
  });
});

describe('URLs and built files', () => {
  it('maps a built file to its URL and a URL to the files that serve it', () => {
    expect(urlOfFile('posts/x/index.html', '/blog/')).toBe('/blog/posts/x/');
    expect(urlOfFile('index.html', '/')).toBe('/');
    expect(urlOfFile('404.html', '/')).toBe('/404/');
    expect(urlOfFile('2016/12/old.html', '/')).toBe('/2016/12/old/');
    expect(filesOfUrl('/posts/x/')).toEqual(['posts/x/index.html']);
    expect(filesOfUrl('/rss.xml')).toEqual(['rss.xml', 'rss.xml/index.html']);
    expect(filesOfUrl('/')).toEqual(['index.html']);
  });

  it('writes a page at a URL to its folder\'s index, or to the .html file the URL names', () => {
    expect(fileOfPage('/old/path/')).toBe('old/path/index.html');
    expect(fileOfPage('/old/path')).toBe('old/path/index.html');
    expect(fileOfPage('/2016/12/x.html')).toBe('2016/12/x.html');
    expect(fileOfPage('/2016/12/X.HTM')).toBe('2016/12/X.HTM');
    expect(fileOfPage('/a.html/')).toBe('a.html/index.html');
    // a static host finds each page where it is written
    for (const p of ['/old/path/', '/old/path', '/2016/12/x.html']) expect(filesOfUrl(p)).toContain(fileOfPage(p));
  });
});

describe('the site\'s own routes', () => {
  const root = join(import.meta.dirname, '../..');
  it('name every top-level page and folder of src/pages/ and every file of public/', () => {
    const pages = readdirSync(join(root, 'src/pages'), { withFileTypes: true });
    for (const e of pages) {
      const name = e.name.replace(/\.(astro|ts)$/, '');
      // build.format 'directory': a page is a folder (search.astro -> search/index.html), but for
      // the home page and 404.html; an endpoint (rss.xml.ts) is the file it names
      if (e.isDirectory() || (!name.includes('.') && name !== 'index' && name !== '404')) expect(siteRoutes.folders, e.name).toContain(name);
      else expect(siteRoutes.files, e.name).toContain(name === 'index' ? 'index.html' : name === '404' ? '404.html' : name);
    }
    for (const f of readdirSync(join(root, 'public'))) expect(siteRoutes.files, f).toContain(f);
  });
  it('name only routes that exist (a route removed from src/pages/ leaves the list)', () => {
    const pageNames = readdirSync(join(root, 'src/pages')).map((n) => n.replace(/\.(astro|ts)$/, '').replace(/^index$/, 'index.html').replace(/^404$/, '404.html'));
    const fromIntegrations = ['_astro', 'pagefind', '_headers', 'security-headers.conf', 'redirects.conf', '404'];
    for (const f of siteRoutes.folders) expect(fromIntegrations.includes(f) || pageNames.includes(f), f).toBe(true);
    for (const f of siteRoutes.files) {
      expect(fromIntegrations.includes(f) || pageNames.includes(f) || existsSync(join(root, 'public', f)), f).toBe(true);
    }
  });

  it('hold every page path the site links to (pagePaths): a page or feed, or a file an integration writes', () => {
    const sitemap = /^sitemap-[^/]*\.xml$/;
    for (const [name, path] of Object.entries(pagePaths)) {
      const top = path.replace(/\/$/, '');
      if (path === '') continue; // the home page: index.html
      const known = path.endsWith('/') ? siteRoutes.folders.includes(top as never) : siteRoutes.files.includes(top as never) || sitemap.test(top);
      expect(known, `pagePaths.${name} = ${path}`).toBe(true);
    }
  });
});

describe('social cards', () => {
  it('a post, tag and series page has a card of its own; every other page the home page\'s', () => {
    expect(cardPath(postPath('slist'))).toBe('cards/posts/slist.png');
    expect(cardPath(tagPath('日本語'))).toBe('cards/tags/%E6%97%A5%E6%9C%AC%E8%AA%9E.png');
    expect(cardPath(seriesPath('x'))).toBe('cards/series/x.png');
    for (const p of ['', listPagePath(2), 'tags/', 'archive/2013/03/', 'search/', '404.html', 'posts/']) expect(cardPath(p), p).toBe('cards/home.png');
  });

  it('gives the card route its param: the card\'s path without cards/ and .png', () => {
    expect(cardParam(cardPath(postPath('slist')))).toBe('posts/slist');
    expect(cardParam(cardPath(''))).toBe('home');
  });
});
