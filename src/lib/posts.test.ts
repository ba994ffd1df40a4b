import { describe, expect, it } from 'vitest';
import {
  adjacentPosts, countTags, excerptFromMarkdown, groupPostsByMonth, humanDate, paginate,
  readingTime, sortPostsNewestFirst, visiblePosts, type PostMeta,
} from './posts.ts';

const post = (slug: string, day: string, tags: string[] = [], draft = false): PostMeta =>
  ({ slug, title: slug.toUpperCase(), date: new Date(`${day}T00:00:00Z`), tags, draft });

const seeds = [
  post('linux', '2016-12-15', ['linux', 'kernel']),
  post('slist', '2016-12-28', ['windows', 'kernel']),
  post('vfs', '2016-12-22', ['macos', 'kernel']),
  post('net', '2016-12-25', ['macos', 'kernel', 'networking']),
];

describe('sortPostsNewestFirst', () => {
  it('orders by date, newest first, without mutating the input', () => {
    const input = [...seeds];
    expect(sortPostsNewestFirst(input).map((p) => p.slug)).toEqual(['slist', 'net', 'vfs', 'linux']);
    expect(input[0]!.slug).toBe('linux');
  });
  it('breaks ties by title', () => {
    expect(sortPostsNewestFirst([post('b', '2020-01-01'), post('a', '2020-01-01')]).map((p) => p.slug)).toEqual(['a', 'b']);
  });
});

describe('visiblePosts', () => {
  it('hides drafts from a build and shows them in dev', () => {
    const all = [...seeds, post('wip', '2017-01-01', [], true)];
    expect(visiblePosts(all, false).map((p) => p.slug)).not.toContain('wip');
    expect(visiblePosts(all, true).map((p) => p.slug)).toContain('wip');
  });
});

describe('groupPostsByMonth', () => {
  it('groups the seeds into December 2016 with 4 posts', () => {
    const years = groupPostsByMonth(seeds);
    expect(years).toHaveLength(1);
    expect(years[0]).toMatchObject({ year: 2016, count: 4 });
    expect(years[0]!.months.map((m) => [m.label, m.posts.length])).toEqual([['December 2016', 4]]);
  });
  it('orders years and months newest first and reads dates in UTC', () => {
    const years = groupPostsByMonth([post('a', '2015-03-01'), post('b', '2016-01-31'), post('c', '2016-11-30'), post('d', '2016-01-01')]);
    expect(years.map((y) => [y.year, y.count])).toEqual([[2016, 3], [2015, 1]]);
    expect(years[0]!.months.map((m) => m.month)).toEqual([11, 1]);
    expect(years[0]!.months[1]!.posts.map((p) => p.slug)).toEqual(['b', 'd']);
  });
});

describe('countTags and adjacentPosts', () => {
  it('counts tags, most used first', () => {
    expect(countTags(seeds).slice(0, 2)).toEqual([{ tag: 'kernel', count: 4 }, { tag: 'macos', count: 2 }]);
  });
  it('finds newer and older neighbours', () => {
    const around = adjacentPosts(seeds);
    expect(around.get('net')).toMatchObject({ newer: { slug: 'slist' }, older: { slug: 'vfs' } });
    expect(around.get('slist')!.newer).toBeUndefined();
    expect(around.get('linux')!.older).toBeUndefined();
    expect(around.size).toBe(seeds.length);
  });
});

describe('paginate', () => {
  it('splits into pages of a size, numbered from 1', () => {
    const pages = paginate([1, 2, 3, 4, 5], 2);
    expect(pages.map((p) => p.items)).toEqual([[1, 2], [3, 4], [5]]);
    expect(pages.map((p) => [p.page, p.pages])).toEqual([[1, 3], [2, 3], [3, 3]]);
    expect(paginate([], 10)).toEqual([{ items: [], page: 1, pages: 1 }]);
  });
});

describe('excerptFromMarkdown', () => {
  it('takes the first prose paragraph, skipping headings, listings and quotes, and drops syntax', () => {
    const md = '## Heading\n\n```c\nint x;\n```\n\n> quoted\n\nI have added a [filter](https://x.example) with `code` and **bold**.\n\nSecond.';
    expect(excerptFromMarkdown(md)).toBe('I have added a filter with code and bold.');
  });
  it('cuts long paragraphs at a word and marks the cut', () => {
    const text = excerptFromMarkdown('word '.repeat(100), 40);
    expect(text.length).toBeLessThanOrEqual(41);
    expect(text.endsWith('word…')).toBe(true);
  });
});

describe('readingTime', () => {
  it('counts prose words and listing lines', () => {
    const r = readingTime(`${'w '.repeat(460)}\n\n\`\`\`asm\n${'mov eax,1\n'.repeat(24)}\`\`\`\n`);
    expect(r.words).toBe(460);
    expect(r.codeLines).toBe(24);
    expect(r.minutes).toBe(4);
  });
  it('is at least a minute', () => expect(readingTime('short').minutes).toBe(1));
});

describe('URLs and dates', () => {
  it('shows dates in UTC', () => expect(humanDate(new Date('2016-12-28T00:00:00Z'))).toBe('December 28, 2016'));
});
