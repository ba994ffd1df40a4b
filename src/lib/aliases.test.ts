import { describe, expect, it } from 'vitest';
import { aliasPathProblem, aliasRedirects, redirectPage, renderNginxRedirects } from './aliases.ts';
import { checkPostSources, formatProblems } from './frontmatter-check.ts';

const post = (aliases: string, slug = '') => `---\ntitle: "A post"\ndate: 2016-12-28\n${slug}${aliases}\n---\n\nBody.\n`;
const check = (...sources: string[]) => checkPostSources(sources.map((source, i) => ({ path: `content/posts/p${i + 1}.md`, source })));

describe('aliases in the frontmatter', () => {
  it('accepts old paths of any shape a URL has', () => {
    expect(check(post('aliases: [/old/path/, /2016/12/old-name.html, /posts/old-name, /日本語/]'))).toEqual([]);
  });

  it('names the file, line, field and fix of an alias that is not an absolute path, on the alias\' own line', () => {
    const problems = check(post('aliases:\n  - /fine/\n  - old/path/\n  - https://example.org/x/\n  - //host/x/'));
    expect(problems.map((p) => [p.line, p.field])).toEqual([[6, 'aliases'], [7, 'aliases'], [8, 'aliases']]);
    expect(formatProblems(problems.slice(0, 1))).toBe('content/posts/p1.md:6: error in aliases: the alias "old/path/" is not an absolute path on this site.\n    fix: start it with one /, e.g. `/old/path/` (no scheme or host: an alias is a path of this site)');
  });

  it('refuses what is not a list of paths, and paths with a query, a fragment, spaces, .. or %-escapes', () => {
    expect(check(post('aliases: /old/'))[0]).toMatchObject({ line: 4, message: 'aliases must be a list of paths' });
    expect(check(post('aliases: [42]'))[0]!.message).toBe('the alias 42 is not a path');
    for (const bad of ['/a?b=1', '/a/#x', '/a b/', '/a/../b/', '/a//b/', '/a%20b/', '/a;b/', '/a{b}/', '/']) expect(aliasPathProblem(bad), bad).toBeDefined();
  });

  it('stops an alias that is a post\'s URL, a page of the site, or another post\'s alias (either spelling of the slash)', () => {
    const problems = check(post('aliases: [/posts/p2/, /tags/linux/, /rss.xml, /archive/, /old/]'), post('aliases: [/old]'));
    expect(problems.map((p) => `${p.file}:${p.line}: ${p.message}`)).toEqual([
      'content/posts/p1.md:4: the alias /posts/p2/ is the URL of the post content/posts/p2.md',
      'content/posts/p1.md:4: the alias /tags/linux/ is a page of the site (everything under /tags/ is)',
      'content/posts/p1.md:4: the alias /rss.xml is a page of the site',
      'content/posts/p1.md:4: the alias /archive/ is a page of the site (everything under /archive/ is)',
      'content/posts/p2.md:4: the alias /old is also an alias of content/posts/p1.md:4',
    ]);
    expect(problems[0]!.fix).toContain('remove this alias');
  });

  it('is a known field (no warning)', () => {
    expect(check(post('aliases: [/old/]'))).toEqual([]);
  });
});

describe('redirects', () => {
  it('points each old path, under the base, at the post\'s URL', () => {
    expect(aliasRedirects([{ slug: 'new', aliases: ['/old/', '/a.html'] }], '/blog/')).toEqual([
      { from: '/blog/a.html', file: 'a.html', to: '/blog/posts/new/' },
      { from: '/blog/old/', file: 'old/index.html', to: '/blog/posts/new/' },
    ]);
  });

  it('a redirect page refreshes at once, links the post, is noindex and canonical to the post, with no script or style', () => {
    const html = redirectPage({ from: '/blog/old/', file: 'old/index.html', to: '/blog/posts/new/' }, { site: 'https://ringzero.example', title: 'Ring Zero', lang: 'en', icon: '/blog/favicon.svg' });
    expect(html).toContain('<meta http-equiv="refresh" content="0; url=/blog/posts/new/">');
    expect(html).toContain('<meta name="robots" content="noindex">');
    expect(html).toContain('<link rel="canonical" href="https://ringzero.example/blog/posts/new/">');
    expect(html).toContain('<a href="/blog/posts/new/">https://ringzero.example/blog/posts/new/</a>');
    expect(html).not.toMatch(/<script|<style|style=|data-pagefind-body/);
  });

  it('nginx gets an exact location and a 301 per old path, folders with and without their slash', () => {
    expect(renderNginxRedirects(aliasRedirects([{ slug: 'new', aliases: ['/old/', '/a.html'] }], '/')).split('\n').slice(1)).toEqual([
      'location = /a.html { return 301 /posts/new/; }',
      'location = /old/ { return 301 /posts/new/; }',
      'location = /old { return 301 /posts/new/; }',
      '',
    ]);
  });
});
