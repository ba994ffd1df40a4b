import { describe, expect, it } from 'vitest';
import { absolutizeHtml, buildJsonFeed, feedItems, sanitizeFeedHtml } from './feeds.ts';

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

describe('feed HTML sanitising', () => {
  // markup of the site's own pages, as it reaches the feeds: kept byte for byte
  const listing = '<figure class="listing" data-lang="windbg"><figcaption class="listing-head"><span class="listing-lang">WinDbg</span></figcaption><div class="listing-tools"><button type="button" class="listing-btn" data-listing-wrap aria-pressed="false" hidden>Wrap lines</button><span class="listing-status" role="status"></span></div><pre tabindex="0" class="shiki listing-pre" data-language="windbg"><code><span class="line xref-block" id="lst-1-nt-K"><a class="xref-anchor" href="https://s.example/p/#lst-1-nt-K"><span class="tok-type">nt</span></a></span></code></pre></figure>';
  const figure = '<svg viewBox="0 0 640 330" role="img" aria-labelledby="t d" class="sl-fig"><title id="t">T</title><desc id="d">D</desc><defs><marker id="m" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#1d2"></path></marker></defs><g class="x"><rect x="1" y="2" width="3" height="4" rx="1" fill="none" stroke="#000"></rect><line x1="0" y1="0" x2="1" y2="1" stroke="#000" marker-end="url(#m)"></line><text x="1" y="2" text-anchor="middle">A</text><polyline points="0,0 1,1"></polyline></g></svg>';
  const prose = '<h2 id="a">A<a class="heading-anchor" aria-label="Link to section: A" href="https://s.example/p/#a">#</a></h2><details class="d"><summary>More</summary><p>Press <kbd>Ctrl</kbd>, x<sup>2</sup>, H<sub>2</sub>O, <abbr title="t">IRQL</abbr>.<br></p></details><table><thead><tr><th scope="col">a</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table><p><a href="https://x.example/" rel="noopener noreferrer">x</a></p>';

  it('keeps the site\'s markup exactly', () => {
    for (const html of [listing, figure, prose]) expect(sanitizeFeedHtml(html)).toBe(html);
  });

  it('drops scripts, event handlers and javascript: URLs, whatever their spelling', () => {
    const out = sanitizeFeedHtml([
      '<p>a<script>alert(1)</script><SCRIPT src="https://x.example/a.js"></SCRIPT></p>',
      '<img src="https://s.example/a.png" onerror="alert(1)" alt="a"><b onclick="x()">b</b><svg onload="x()"><a xlink:href="javascript:y"><text>t</text></a></svg>',
      '<a href="JaVaScRiPt:alert(1)">c</a><a href="java&#x09;script:alert(1)">d</a><a href="&#106;avascript&colon;x">e</a>',
      '<form action="javascript:x"><button formaction="javascript:y">f</button></form><iframe src="https://x.example/"></iframe><style>p{}</style>',
    ].join(''));
    expect(out).not.toMatch(/<script|\son\w+=|javascript|<iframe|<style|<form|formaction/i);
    expect(out).toContain('<img src="https://s.example/a.png" alt="a">');
    expect(out).toContain('<b>b</b>');
    expect(out).toContain('<a>c</a><a>d</a><a>e</a>');
  });

  it('sanitises what feedItems returns', () => {
    const [item] = feedItems([{ ...posts[0]!, html: '<p onclick="x()">hi<script>x()</script> <a href="/x">x</a></p>' }], 'https://s.example');
    expect(item!.html).toBe('<p>hi <a href="https://s.example/x">x</a></p>');
  });
});
