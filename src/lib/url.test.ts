import { describe, expect, it } from 'vitest';
import { joinBase, withTrailingSlash } from './url.ts';

describe('URL joining', () => {
  it('gives a base one trailing slash', () => {
    expect(withTrailingSlash('/')).toBe('/');
    expect(withTrailingSlash('/blog')).toBe('/blog/');
    expect(withTrailingSlash('/blog/')).toBe('/blog/');
    expect(withTrailingSlash('')).toBe('/');
  });
  it('joins a path onto the base with one slash between', () => {
    expect(joinBase('/', 'posts/x/')).toBe('/posts/x/');
    expect(joinBase('/blog', '/posts/x/')).toBe('/blog/posts/x/');
    expect(joinBase('/blog/', '//rss.xml')).toBe('/blog/rss.xml');
    expect(joinBase('/blog/', '')).toBe('/blog/');
  });
});
