import { describe, expect, it } from 'vitest';
import { cleanExcerpt, decodeEntities, EXTRA_MARK, htmlText, LISTING_END, LISTING_LINE, LISTING_START, prepareForIndex, TITLE_WEIGHT } from './html.ts';

const page = (body: string): string =>
  `<html lang="en"><head><title>T · Ring Zero</title><link rel="stylesheet" href="/x.css"></head><body><header class="site-header">Skip to content</header><main><article class="post" data-pagefind-body><header><h1 data-pagefind-meta="title">T</h1><div class="meta"><time data-pagefind-filter="year:2016">x</time></div></header>${body}</article></main><footer>RSS</footer></body></html>`;

describe('prepareForIndex', () => {
  it('leaves pages without data-pagefind-body out', () => {
    expect(prepareForIndex('<html><body><h1>Tags</h1></body></html>').indexed).toBe(false);
  });
  it('weights the title highest, ignores the meta line and adds a hidden variant block inside the body', () => {
    const r = prepareForIndex(page('<pre><code>nt!KiCheckForSListAddress+0x16:</code></pre>'));
    expect(r.indexed).toBe(true);
    expect(r.html).toContain(`<h1 data-pagefind-weight="${TITLE_WEIGHT}" data-pagefind-meta="title">`);
    expect(r.html).toContain('<div class="meta" data-pagefind-ignore>');
    const block = /<div data-pagefind-weight="[\d.]+" hidden>([^<]*)<\/div><\/article>/.exec(r.html);
    expect(block?.[1]).toContain('SListAddress');
    expect(block?.[1]?.startsWith(EXTRA_MARK)).toBe(true);
  });
  it('hands Pagefind only the language, the title and the body element', () => {
    const r = prepareForIndex(page('<p>text</p>'));
    expect(r.html.startsWith('<!doctype html><html lang="en"><head><title>T · Ring Zero</title></head><body><article class="post" data-pagefind-body>')).toBe(true);
    expect(r.html.endsWith('</article></body></html>')).toBe(true);
    expect(r.html).not.toContain('RSS');
    expect(r.html).not.toContain('Skip to content');
  });
  it('drops the token spans of listings but keeps their text and links', () => {
    const r = prepareForIndex(page('<pre class="listing-pre"><code><span class="line"><span class="tok-a">nt!Ki</span><span>CheckForSListAddress</span> <a href="#l">jmp</a></span></code></pre><p><span class="x">kept</span></p>'));
    expect(r.html).toContain(`<code>nt!KiCheckForSListAddress <a href="#l">jmp</a></code>`);
    expect(r.html).toContain('<p><span class="x">kept</span></p>');
  });
  it('marks where each listing starts and ends and where its lines break, the label and diagram inside', () => {
    const figure = '<figure class="listing" data-lang="windbg"><figcaption>WinDbg</figcaption><pre class="listing-pre"><code><span class="line">kd&gt; uf X</span>\n<span class="line">82acbe29 c3 ret</span></code></pre><table><tr><td>t</td></tr></table></figure>';
    const r = prepareForIndex(page(`<p>a ${LISTING_START}${LISTING_LINE} b</p>${figure}<pre><code>x\ny</code></pre><p>c</p>`));
    const [S, E, L] = [LISTING_START, LISTING_END, LISTING_LINE];
    expect(r.html).toContain('<p>a    b</p>'); // the markers are the index's own: dropped from the text
    expect(r.html).toContain(`<figure class="listing" data-lang="windbg"> ${S} <figcaption>WinDbg</figcaption><pre class="listing-pre"> ${L} <code>kd&gt; uf X ${L} 82acbe29 c3 ret</code> ${L} </pre><table><tr><td>t</td></tr></table> ${E} </figure>`);
    expect(r.html).toContain(`<pre> ${S}  ${L} <code>x ${L} y</code> ${L}  ${E} </pre><p>c</p>`);
  });
  it('escapes what it adds', () => {
    const r = prepareForIndex(page('<p>a&lt;b&gt;FooBarBaz</p>'));
    expect(r.html).not.toMatch(/hidden>[^<]*<b>/);
  });
});

describe('htmlText and decodeEntities', () => {
  it('turns tags into spaces and decodes entities', () => {
    expect(htmlText('<p>a&amp;b</p><script>x()</script><span>c&#x41;&#66;</span>').replace(/\s+/g, ' ').trim()).toBe('a&b cAB');
    expect(decodeEntities('&unknown;')).toBe('&unknown;');
  });
});

describe('cleanExcerpt', () => {
  it('cuts the excerpt where the variant block begins, closing an open <mark>', () => {
    expect(cleanExcerpt(`the end. ${EXTRA_MARK} PopEntrySList ${EXTRA_MARK} <mark>EntrySList</mark>`)).toBe('the end.');
    expect(cleanExcerpt(`<mark>a ${EXTRA_MARK} b</mark>`)).toBe('<mark>a</mark>');
    expect(cleanExcerpt(`${EXTRA_MARK} <mark>EntrySList</mark>`)).toBe('');
    expect(cleanExcerpt('plain <mark>text</mark>')).toBe('plain <mark>text</mark>');
    expect(cleanExcerpt(`prose. ${LISTING_START} WinDbg ${LISTING_LINE} <mark>kd</mark>`)).toBe('prose. WinDbg <mark>kd</mark>');
  });
});
