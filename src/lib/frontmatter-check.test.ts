import { describe, expect, it } from 'vitest';
import { checkPostSources, formatProblems, isValidDateString } from './frontmatter-check.ts';

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

describe('isValidDateString', () => {
  it('accepts calendar dates and ISO times only', () => {
    expect(isValidDateString('2016-12-28')).toBe(true);
    expect(isValidDateString('2016-12-28T10:00:00Z')).toBe(true);
    expect(isValidDateString('2016-02-30')).toBe(false);
    expect(isValidDateString('28/12/2016')).toBe(false);
  });
});
