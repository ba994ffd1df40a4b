import { describe, expect, it } from 'vitest';
import { postLinks, withMarkedTerms } from './paths.ts';

describe('postLinks', () => {
  it('finds each post link under the base once', () => {
    const html = '<a href="/blog/posts/a/">A</a><a href="/blog/posts/a/">A</a><a href="/blog/posts/b/#x">B</a><a href="/blog/tags/t/">t</a><a href="/posts/c/">c</a>';
    expect(postLinks(html, '/blog/')).toEqual(['/blog/posts/a/']);
    expect(postLinks('<a href="/posts/c/">c</a>', '/')).toEqual(['/posts/c/']);
  });
});

describe('withMarkedTerms', () => {
  it('puts the terms before the hash', () => {
    expect(withMarkedTerms('/blog/posts/x/#h', ['a b', 'nt!K'])).toBe('/blog/posts/x/?mark=a%20b&mark=nt!K#h');
    expect(withMarkedTerms('/p/', [])).toBe('/p/');
  });
});
