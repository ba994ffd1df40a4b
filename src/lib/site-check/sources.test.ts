import { describe, expect, it } from 'vitest';
import { fieldLine, postOfPage, snippetLine, where } from './sources.ts';

const text = '---\ntitle: "A post"\ndate: 2016-12-28\n---\n\nSee [the doc](/posts/gone/) and\n<kbd>Ctrl</kbd>.\n';
const post = { file: 'content/posts/a-post.md', text };

describe('post sources of check problems', () => {
  it('finds the post of a post page, and no post for other pages', () => {
    const bySlug = new Map([['a-post', post]]);
    expect(postOfPage('/posts/a-post/', bySlug)).toBe(post);
    expect(postOfPage('/tags/linux/', bySlug)).toBeUndefined();
    expect(postOfPage('/posts/other/', bySlug)).toBeUndefined();
  });
  it('finds a frontmatter field and a snippet on their lines', () => {
    expect(fieldLine(text, 'title')).toBe(2);
    expect(fieldLine(text, 'tags')).toBeUndefined();
    expect(fieldLine('title: x\n', 'title')).toBeUndefined(); // no frontmatter
    expect(snippetLine(text, '/posts/gone/')).toBe(6);
    expect(snippetLine(text, '<kbd>Ctrl</kbd>')).toBe(7);
    expect(snippetLine(text, 'absent')).toBeUndefined();
    expect(snippetLine(text, ' a ')).toBeUndefined(); // too short to mean anything
  });
  it('writes file:line, or the file alone', () => {
    expect(where(post, 6)).toBe('content/posts/a-post.md:6');
    expect(where(post, undefined)).toBe('content/posts/a-post.md');
  });
});
