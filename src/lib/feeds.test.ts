import { describe, expect, it } from 'vitest';
import { absolutizeHtml, buildJsonFeed, feedItems } from './feeds.ts';

const posts = [
  { title: 'New', date: new Date('2016-12-28T00:00:00Z'), description: 'n', tags: ['windows'], url: '/blog/posts/new/', html: '<p><a href="#x">x</a> <img src="/blog/a.png"> <a href="https://github.com/x">gh</a></p>' },
  { title: 'Old', date: new Date('2016-12-15T00:00:00Z'), description: 'o', tags: [], url: '/blog/posts/old/', html: '<p>old</p>' },
];

describe('feeds', () => {
  it('makes relative URLs in content absolute against the post', () => {
    expect(absolutizeHtml('<a href="#x">x</a><img src="/a.png"><a href="mailto:a@b">m</a>', 'https://s.example/blog/posts/p/'))
      .toBe('<a href="https://s.example/blog/posts/p/#x">x</a><img src="https://s.example/a.png"><a href="mailto:a@b">m</a>');
  });
  it('builds items with absolute ids and full content, honouring a limit', () => {
    const items = feedItems(posts, 'https://s.example');
    expect(items.map((i) => i.url)).toEqual(['https://s.example/blog/posts/new/', 'https://s.example/blog/posts/old/']);
    expect(items[0]!.html).toContain('href="https://s.example/blog/posts/new/#x"');
    expect(items[0]!.html).toContain('href="https://github.com/x"');
    expect(feedItems(posts, 'https://s.example', 1)).toHaveLength(1);
  });
  it('writes a JSON Feed 1.1 document', () => {
    const feed = buildJsonFeed({ title: 'T', description: 'D', home: 'https://s.example/', feedUrl: 'https://s.example/feed.json', author: { name: 'A' }, lang: 'en' }, feedItems(posts, 'https://s.example'));
    expect(feed['version']).toBe('https://jsonfeed.org/version/1.1');
    const items = feed['items'] as Array<Record<string, unknown>>;
    expect(items).toHaveLength(2);
    expect(items[0]).toMatchObject({ id: 'https://s.example/blog/posts/new/', title: 'New', date_published: '2016-12-28T00:00:00.000Z', tags: ['windows'] });
    expect(String(items[0]!['content_html'])).toContain('<a href=');
  });
});
