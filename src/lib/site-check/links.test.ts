import { describe, expect, it } from 'vitest';
import { findBrokenLinks, internalLinks } from './links.ts';

describe('findBrokenLinks', () => {
  const pages = [
    { url: '/blog/', html: '<a href="/blog/posts/a/">a</a> <a href="posts/a/#intro">b</a> <a href="https://x.example/">x</a> <img src="/blog/missing.png" alt="">' },
    { url: '/blog/posts/a/', html: '<h2 id="intro">Intro</h2><a href="#nowhere">n</a><a href="#intro">i</a><a href="../../">home</a>' },
  ];
  const files = new Set(['/blog/index.html', '/blog/posts/a/index.html']);

  it('reports missing files and missing ids, and nothing else', () => {
    expect(findBrokenLinks(pages, files)).toEqual([
      { page: '/blog/', link: '/blog/missing.png', reason: 'no such file' },
      { page: '/blog/posts/a/', link: '#nowhere', reason: 'no element with id "nowhere"' },
    ]);
  });
  it('resolves relative links against the page and skips other origins', () => {
    expect(internalLinks(pages[0]!).map((l) => `${l.path}#${l.hash}`)).toEqual(['/blog/posts/a/#', '/blog/posts/a/#intro', '/blog/missing.png#']);
  });
});
