import { describe, expect, it } from 'vitest';
import { relatedPosts as relatedOfAll, type RelatableMeta } from './related.ts';

/** One post's related posts, as the site computes them (for every post at once). */
const relatedPosts = (post: RelatableMeta, posts: RelatableMeta[]) => relatedOfAll(posts).get(post.slug)!;

const p = (slug: string, day: string, tags: string[], series?: string): RelatableMeta => ({ slug, date: new Date(`${day}T00:00:00Z`), tags, ...(series ? { series: { name: series } } : {}) });
const slugs = (xs: RelatableMeta[]) => xs.map((x) => x.slug);

// the four seed posts' tags
const seeds = [
  p('slist', '2016-12-28', ['windows', 'kernel', 'lock-free']),
  p('net', '2016-12-25', ['macos', 'kernel', 'networking']),
  p('vfs', '2016-12-22', ['macos', 'kernel', 'filesystems']),
  p('linux', '2016-12-15', ['linux', 'kernel', 'memory']),
];

describe('relatedPosts', () => {
  it('puts a rarer shared tag first, then newest first among equals', () => {
    expect(slugs(relatedPosts(seeds[1]!, seeds))).toEqual(['vfs', 'slist', 'linux']); // macos (2 posts) before kernel (4)
    expect(slugs(relatedPosts(seeds[0]!, seeds))).toEqual(['net', 'vfs', 'linux']);
  });
  it('shows at most three, none when nothing is shared, and never the post itself', () => {
    const many = [...seeds, p('extra', '2017-01-01', ['kernel'])];
    expect(relatedPosts(many[0]!, many)).toHaveLength(3);
    const alone = p('alone', '2017-01-01', ['cooking']);
    expect(relatedPosts(alone, [...seeds, alone])).toEqual([]);
    expect(slugs(relatedPosts(seeds[3]!, seeds))).not.toContain('linux');
  });
  it('counts tag spellings as one tag (the site\'s tag rule)', () => {
    const posts = [p('a', '2017-01-01', ['Windows']), p('b', '2017-01-02', ['windows']), p('c', '2017-01-03', ['linux'])];
    expect(slugs(relatedPosts(posts[0]!, posts))).toEqual(['b']);
  });
  it('leaves out the parts of its own series (the series box lists them)', () => {
    const posts = [p('one', '2017-01-01', ['boot'], 'Boot chain'), p('two', '2017-01-02', ['boot'], 'Boot chain'), p('other', '2017-01-03', ['boot'])];
    expect(slugs(relatedPosts(posts[0]!, posts))).toEqual(['other']);
  });
  it('is the same whatever order the posts come in', () => {
    const shuffled = [seeds[2]!, seeds[0]!, seeds[3]!, seeds[1]!];
    for (const s of seeds) expect(slugs(relatedPosts(s, shuffled))).toEqual(slugs(relatedPosts(s, seeds)));
  });
});
