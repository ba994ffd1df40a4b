import { describe, expect, it } from 'vitest';
import { aliasRedirects, renderNginxRedirects } from './aliases.ts';
import { fragmentProblems, headerLine, headersOf, redirectLine } from './nginx-fragments.ts';
import { renderNginxHeaders, securityHeaders } from './security-headers.ts';

describe('the files nginx includes', () => {
  it('accepts what the build writes, by the same rule', () => {
    expect(fragmentProblems('headers', renderNginxHeaders("default-src 'self'; script-src 'self' 'sha256-x+/='"))).toEqual([]);
    const redirects = renderNginxRedirects(aliasRedirects([{ slug: 'new', aliases: ['/old/', '/2016/12/a.html', '/日本語/'] }], '/'));
    expect(fragmentProblems('redirects', redirects)).toEqual([]);
    expect(redirects.split('\n').filter((l) => l.startsWith('location')).length).toBe(5);
  });

  it('names each line that is anything else, by its number', () => {
    const text = [
      '# comment', '', 'add_header X-A "a" always;', 'add_header X-B "b"; return 200;', 'location / { root /etc; }',
      'add_header X-C "$host" always;', 'add_header X-D "a\\"b" always;',
    ].join('\n');
    expect(fragmentProblems('headers', text)).toEqual(['4:add_header X-B "b"; return 200;', '5:location / { root /etc; }', '6:add_header X-C "$host" always;', '7:add_header X-D "a\\"b" always;']);
    expect(fragmentProblems('redirects', 'location = /old { return 301 /posts/new/; }\nlocation = /a { return 301 /b; } location / { }\nlocation = /$x { return 301 /b; }\n'))
      .toEqual(['2:location = /a { return 301 /b; } location / { }', '3:location = /$x { return 301 /b; }']);
  });

  it('refuses to write a line the rule would refuse', () => {
    expect(() => headerLine('X-A', 'a"b')).toThrow(/quote/);
    expect(() => headerLine('X-A', 'pay $5')).toThrow(/\$/);
    expect(() => headerLine('X A', 'a')).toThrow(/letters and dashes/);
    expect(() => redirectLine('/old path/', '/posts/new/')).toThrow(/"\/old path\/" is not a path nginx can take/);
    expect(() => redirectLine('/old/', 'posts/new/')).toThrow(/starts with \//);
    expect(redirectLine('/old/', '/posts/new/')).toBe('location = /old/ { return 301 /posts/new/; }');
  });
});

describe('reading a headers file', () => {
  it('gives each header the build wrote, by name', () => {
    const csp = "default-src 'self'; script-src 'self'";
    const text = renderNginxHeaders(csp);
    const headers = headersOf(text);
    expect(new Map(securityHeaders(csp))).toEqual(headers);
    expect(headers.get('Content-Security-Policy')).toContain(csp);
    expect([...headers.keys()].length).toBe(text.split('\n').filter((l) => l.startsWith('add_header')).length);
    expect(headersOf('# none\nlocation = /a/ { return 301 /b/; }\n').size).toBe(0);
  });
});
