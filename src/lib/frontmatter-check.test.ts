import { describe, expect, it } from 'vitest';
import { checkPostSources, formatProblems, inspectPostSources, scheduledPosts } from './frontmatter-check.ts';

const good = '---\ntitle: "A post"\ndate: 2016-12-28\ntags: [windows, kernel]\n---\n\nBody.\n';
const check = (source: string, path = 'content/posts/a-post.md') => checkPostSources([{ path, source }]);

describe('checkPostSources', () => {
  it('accepts a valid post', () => expect(check(good)).toEqual([]));

  it('reports a missing title with the file, the field and the fix', () => {
    const [p] = check('---\ndate: 2016-12-28\n---\n');
    expect(p).toMatchObject({ file: 'content/posts/a-post.md', field: 'title', severity: 'error' });
    expect(p!.fix).toContain('title: "Your post title"');
  });

  it('reports a date that is not a date on its line', () => {
    const [p] = check('---\ntitle: x\ndate: 2016-13-45\n---\n');
    expect(p).toMatchObject({ field: 'date', line: 3 });
    expect(formatProblems([p!])).toMatch(/^content\/posts\/a-post\.md:3: error in date: date is not a date: "2016-13-45"/);
    expect(check('---\ntitle: x\ndate: yesterday\n---\n')[0]).toMatchObject({ field: 'date', line: 3 });
  });

  it('reports tags that are not a list', () => {
    const [p] = check('---\ntitle: x\ndate: 2016-12-28\ntags: windows, kernel\n---\n');
    expect(p).toMatchObject({ field: 'tags', line: 4 });
    expect(p!.fix).toContain('tags: [windows, kernel]');
  });

  it('reports two posts with one slug, naming both files', () => {
    const problems = checkPostSources([
      { path: 'content/posts/one.md', source: good.replace('tags', 'slug: same\ntags') },
      { path: 'content/posts/two.md', source: good.replace('tags', 'slug: same\ntags') },
    ]);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.message).toContain('content/posts/one.md and content/posts/two.md');
    expect(problems[0]).toMatchObject({ file: 'content/posts/two.md', line: 4 }); // the slug: line
  });

  it('reports tags of two posts that would share a URL on the tag\'s own line', () => {
    const problems = checkPostSources([
      { path: 'content/posts/one.md', source: good.replace('[windows, kernel]', '[windows, csharp]') },
      { path: 'content/posts/two.md', source: good.replace('tags: [windows, kernel]', 'tags:\n  - windows\n  - C#') },
    ]);
    expect(problems).toHaveLength(1);
    expect(formatProblems(problems)).toMatch(/^content\/posts\/two\.md:6: error in tags: the tag "C#" and the tag "csharp" \(content\/posts\/one\.md:4\) would share the URL \/tags\/csharp\//);
  });

  it('tells to indent with spaces when the YAML holds a tab', () => {
    const [p] = check('---\ntitle: x\ndate: 2016-12-28\ntags:\n\t- windows\n---\n');
    expect(p).toMatchObject({ field: 'frontmatter', line: 5 });
    expect(p!.fix).toBe('indent with spaces, not tabs');
  });

  it('reports a file without frontmatter and YAML syntax errors', () => {
    expect(check('# Just a heading\n')[0]).toMatchObject({ field: 'frontmatter', line: 1 });
    expect(check('---\ntitle: "unclosed\ndate: 2016-12-28\n---\n')[0]).toMatchObject({ field: 'frontmatter' });
  });

  it('warns about unknown fields and suggests the closest', () => {
    const [p] = check(good.replace('title:', 'titel: "x"\ntitle:'));
    expect(p).toMatchObject({ severity: 'warning', field: 'titel', fix: 'did you mean `title`?' });
  });

  it('rejects a non-boolean draft and an update before the date', () => {
    expect(check(good.replace('tags', 'draft: yes please\ntags'))[0]).toMatchObject({ field: 'draft' });
    expect(check(good.replace('tags', 'updated: 2016-01-01\ntags'))[0]).toMatchObject({ field: 'updated' });
  });
});


describe('scheduledPosts', () => {
  it('lists the posts dated after the day, soonest first, drafts left out', () => {
    const { posts } = inspectPostSources([
      { path: 'later.md', source: '---\ntitle: x\ndate: 2027-03-01\n---\n' },
      { path: 'soon.md', source: '---\ntitle: x\ndate: 2027-01-05\n---\n' },
      { path: 'draft.md', source: '---\ntitle: x\ndate: 2027-01-02\ndraft: true\n---\n' },
      { path: 'old.md', source: '---\ntitle: x\ndate: 2016-12-28\n---\n' },
      { path: 'today.md', source: '---\ntitle: x\ndate: 2027-01-01\n---\n' },
    ]);
    expect(scheduledPosts(posts, new Date('2027-01-01T00:00:00Z'))).toEqual([{ file: 'soon.md', day: '2027-01-05' }, { file: 'later.md', day: '2027-03-01' }]);
    expect(scheduledPosts(posts, new Date('2027-03-01T00:00:00Z'))).toEqual([]);
  });
});

describe('frontmatter read as Astro reads it (js-yaml timestamps)', () => {
  it('rejects an unquoted date where text belongs, and a rolled-over date', () => {
    const [title] = check('---\ntitle: 2016-12-28\ndate: 2016-12-28\n---\n');
    expect(title).toMatchObject({ field: 'title', line: 2, message: 'title must be non-empty text' });
    expect(check('---\ntitle: x\ndate: 2016-02-30T10:00:00Z\n---\n')[0]).toMatchObject({ field: 'date', line: 3, message: 'date is not a date: "2016-02-30T10:00:00Z"' });
  });
  it('reads a time without a zone as UTC, whatever the machine\'s zone, and lists it with its time when scheduled', () => {
    const { posts } = inspectPostSources([{ path: 'at-ten.md', source: '---\ntitle: x\ndate: 2027-01-05T10:00:00\n---\n' }, { path: 'quoted.md', source: '---\ntitle: x\ndate: "2027-01-05T10:00:00"\n---\n' }]);
    expect(posts.map((p) => p.date?.toISOString())).toEqual(['2027-01-05T10:00:00.000Z', '2027-01-05T10:00:00.000Z']);
    expect(scheduledPosts(posts, new Date('2027-01-05T00:00:00Z'))).toEqual([{ file: 'at-ten.md', day: '2027-01-05T10:00:00Z' }, { file: 'quoted.md', day: '2027-01-05T10:00:00Z' }]);
  });
});
