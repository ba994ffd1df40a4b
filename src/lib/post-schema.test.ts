import { describe, expect, it } from 'vitest';
import { knownFields, postSchema, splitMessage } from './post-schema.ts';

describe('postSchema', () => {
  it('reads a post as this project parses YAML (strings) and as Astro does (Dates), to the same data', () => {
    const fromStrings = postSchema.parse({ title: 'A', date: '2016-12-28', tags: ['windows'] });
    const fromDates = postSchema.parse({ title: 'A', date: new Date('2016-12-28T00:00:00Z'), tags: ['windows'] });
    expect(fromStrings).toEqual(fromDates);
    expect(fromStrings).toMatchObject({ draft: false, aliases: [], date: new Date('2016-12-28T00:00:00Z') });
  });
  it('words each issue as what is wrong and the fix', () => {
    const r = postSchema.safeParse({ date: '2016-13-45', draft: 'yes' });
    expect(r.success).toBe(false);
    const issues = r.success ? [] : r.error.issues.map((i) => ({ path: i.path.join('.'), ...splitMessage(i.message) }));
    expect(issues).toEqual([
      { path: 'title', message: 'the post has no title', fix: 'add a line `title: "Your post title"` to the frontmatter' },
      { path: 'date', message: 'date is not a date: "2016-13-45"', fix: 'write date as YYYY-MM-DD, e.g. `date: 2016-12-28`' },
      { path: 'draft', message: 'draft must be true or false, not "yes"', fix: 'write `draft: true` while writing and remove it (or `draft: false`) to publish' },
    ]);
  });
  it('checks updated against date, and knows its fields', () => {
    const r = postSchema.safeParse({ title: 'A', date: '2016-12-28', updated: '2016-12-01' });
    expect(r.success ? [] : r.error.issues.map((i) => [i.path.join('.'), splitMessage(i.message).message])).toEqual([['updated', 'updated is before date']]);
    expect(knownFields).toEqual(['title', 'date', 'updated', 'description', 'tags', 'draft', 'slug', 'series', 'aliases']);
  });
});
