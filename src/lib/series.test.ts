import { describe, expect, it } from 'vitest';
import { checkPostSources, formatProblems } from './frontmatter-check.ts';
import { groupSeries, seriesOfPost, seriesSlug } from './series.ts';

const post = (series: string, title = 'A part') => `---\ntitle: "${title}"\ndate: 2016-12-28\n${series}\n---\n\nBody.\n`;
const check = (...sources: string[]) => checkPostSources(sources.map((source, i) => ({ path: `content/posts/p${i + 1}.md`, source })));

describe('series in the frontmatter', () => {
  it('accepts a name and a part, in flow or block style', () => {
    expect(check(post('series: { name: "Linux process", part: 1 }'), post('series:\n  name: Linux process\n  part: 2'))).toEqual([]);
  });

  it('names the file, line, field and fix of a part that is not a positive whole number', () => {
    for (const part of ['0', '-1', '1.5', '"2"', 'two']) {
      const problems = check(post(`series:\n  name: Linux process\n  part: ${part}`));
      expect(problems, part).toHaveLength(1);
      expect(formatProblems(problems), part).toMatch(/^content\/posts\/p1\.md:6: error in series: the part must be a positive whole number, not .*\n    fix: write the part as 1, 2, 3… without quotes, e.g. `part: 2`$/);
    }
  });

  it('asks for a name and a part when either is missing, or series is only a name', () => {
    expect(check(post('series: Linux process'))[0]).toMatchObject({ line: 4, field: 'series', message: 'series needs a name and a part number' });
    expect(check(post('series: { name: "Linux process" }'))[0]).toMatchObject({ line: 4, message: 'series needs a part number' });
    expect(check(post('series: { part: 1 }'))[0]).toMatchObject({ line: 4, message: 'series needs a name' });
    expect(check(post('series: { name: "!!", part: 1 }'))[0]!.message).toContain('no letter or digit');
    expect(check(post('series: { name: x, part: 1, order: 2 }'))[0]).toMatchObject({ message: 'series has no field "order"' });
  });

  it('stops two parts with one number in one series, on the second part line, naming both files', () => {
    const problems = check(post('series: { name: "Linux process", part: 2 }'), post('series:\n  name: Linux process\n  part: 2'));
    expect(problems).toHaveLength(1);
    expect(formatProblems(problems)).toBe('content/posts/p2.md:6: error in series: two posts are part 2 of the series "Linux process": content/posts/p1.md and content/posts/p2.md.\n    fix: give each part its own number (part: 1, part: 2, …)');
  });

  it('stops two spellings of one series name (they would share a URL)', () => {
    const problems = check(post('series: { name: "Linux process", part: 1 }'), post('series: { name: "linux Process", part: 2 }'));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: 'content/posts/p2.md', line: 4, field: 'series' });
    expect(problems[0]!.message).toContain('(content/posts/p1.md:4) would share the URL /series/linux-process/');
  });

  it('is a known field (no warning)', () => {
    expect(check(post('series: { name: a, part: 1 }')).filter((p) => p.severity === 'warning')).toEqual([]);
  });
});

describe('groupSeries', () => {
  const p = (slug: string, name?: string, part = 1) => ({ slug, ...(name ? { series: { name, part } } : {}) });
  it('groups parts by series, in part order, series by name; posts without a series are left out', () => {
    const posts = [p('c', 'Linux process', 3), p('x'), p('a', 'Linux process', 1), p('m', 'macOS sockets', 1)];
    expect(groupSeries(posts).map((s) => [s.name, s.slug, s.parts.map((q) => q.slug)])).toEqual([
      ['Linux process', 'linux-process', ['a', 'c']],
      ['macOS sockets', 'macos-sockets', ['m']],
    ]);
    expect(seriesOfPost(posts, posts[0]!)?.parts.map((q) => q.slug)).toEqual(['a', 'c']);
    expect(seriesOfPost(posts, posts[1]!)).toBeUndefined();
  });
  it('makes URLs by the tags\' rule', () => {
    expect(seriesSlug('Linux process. The C++ way')).toBe('linux-process-the-cpp-way');
  });
});
