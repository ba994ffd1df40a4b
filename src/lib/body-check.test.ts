import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join, relative, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPostBodies, checkPostBody, plainlyFine, rawHtmlProblems, urlScheme } from './body-check.ts';
import { formatProblems } from './frontmatter-check.ts';
import { tempDir } from '../../scripts/harness/temp.ts';

const root = resolve(import.meta.dirname, '../..');
const options = { root, isFile: (p: string) => existsSync(p) && statSync(p).isFile() };
const fm = '---\ntitle: x\ndate: 2020-01-01\n---\n\n'; // the body starts on line 6
const check = (body: string, path = 'content/posts/a.md') => checkPostBody({ path, source: fm + body }, options);
const lines = (body: string, path?: string) => check(body, path).map((p) => [p.line, p.message]);

describe('raw HTML that runs script', () => {
  it('reports <script> in any case, inline or with src, on its line, with the island fix', () => {
    const problems = check('Hi <script>alert(1)</script> there.\n\n<SCRIPT src="https://x.example/a.js"></SCRIPT>\n\n<ScRiPt>\nx()\n</ScRiPt>\n');
    expect(problems.map((p) => p.line)).toEqual([6, 8, 10]);
    expect(formatProblems(problems.slice(0, 1))).toBe(
      'content/posts/a.md:6: error in body: raw HTML <script> is not allowed in a post.\n' +
      '    fix: to add behaviour, write the post as .mdx and embed an island component (README.md: "Embedding an island in a post"); to show HTML as code, put it in a fenced listing');
  });

  it('reports any on* attribute on the line of the attribute', () => {
    expect(lines('<img src="a.png" alt=""\n     onerror="alert(1)">\n\nA <b onclick=go()>bold</b> and <svg onload=x>; <svg/onload=x> is text, not a tag.\n')).toEqual([
      [7, 'raw HTML event-handler attribute onerror= on <img> is not allowed in a post'],
      [9, 'raw HTML event-handler attribute onclick= on <b> is not allowed in a post'],
      [9, 'raw HTML event-handler attribute onload= on <svg> is not allowed in a post'],
    ]);
  });

  it('reports javascript: URLs however they are spelled, in HTML and in Markdown links', () => {
    const problems = check([
      '<a href="JaVaScRiPt:alert(1)">a</a>',
      '<a href="java&#x09;script:alert(1)">b</a> <a href="&#106;avascript&colon;x">c</a>',
      '<form action="javascript:x"><button formaction=" javascript:y">d</button></form>',
      '<svg><a xlink:href="javascript:z"><text>e</text></a></svg>',
      '',
      '[f](javascript:alert(1)) [g](java&#x09;script:x) [h](javascript\\:x) <javascript:alert(1)> ![i](vbscript:x)',
      '',
      '[ref]: javascript:alert(1)',
    ].join('\n'));
    expect(problems.map((p) => [p.line, p.message.replace(/ is not allowed in a post$/, '')])).toEqual([
      [6, 'a javascript: URL in href= on <a>'],
      [7, 'a javascript: URL in href= on <a>'],
      [7, 'a javascript: URL in href= on <a>'],
      [8, 'a javascript: URL in action= on <form>'],
      [8, 'a javascript: URL in formaction= on <button>'],
      [9, 'a javascript: URL in xlink:href= on <a>'],
      [11, 'a javascript: URL in a Markdown link'], [11, 'a javascript: URL in a Markdown link'], [11, 'a javascript: URL in a Markdown link'],
      [11, 'a javascript: URL in a Markdown link'], [11, 'a vbscript: URL in a Markdown image'],
      [13, 'a javascript: URL in a Markdown link'],
    ]);
    expect(problems[0]!.fix).toMatch(/^link to an https: URL; behaviour belongs in an island component in an \.mdx post/);
  });

  it('keeps allowed raw HTML and code that only shows HTML', () => {
    expect(check([
      '<details><summary>More</summary>', '', 'Press <kbd>Ctrl</kbd>+<kbd>C</kbd>, x<sup>2</sup>, H<sub>2</sub>O, <abbr title="Interrupt Request Level">IRQL</abbr>.<br>', '', '</details>', '',
      '<table><tr><td>a</td></tr></table>', '', '| a | b |', '|---|---|', '| <kbd>x</kbd> | `<script>` |', '',
      '```html', '<script>alert(1)</script><img onerror="x">', '```', '', 'Inline `<a href="javascript:x">` and [ok](https://example.org/javascript:x).',
      '', '    <script>indented code</script>', '', '<!-- <script>commented</script> -->',
    ].join('\n'))).toEqual([]);
  });

  it('reads attribute values as a browser does', () => {
    expect(urlScheme(' \u0001java\tscr\nipt:x')).toBe('javascript');
    expect(urlScheme('https://x')).toBe('https');
    expect(urlScheme('/javascript:x')).toBeUndefined();
    expect(rawHtmlProblems('<iframe srcdoc="<script>x</script>"></iframe>')).toHaveLength(1);
  });
});

describe('images', () => {
  const dir = tempDir('rz-body-images-');
  mkdirSync(join(dir, 'with-images'), { recursive: true });
  writeFileSync(join(dir, 'with-images/stack.png'), 'png');
  const post = (body: string) => checkPostBody({ path: relative(root, join(dir, 'with-images/index.md')), source: fm + body }, options);
  it('stops an image without alt text, with the line and how to write one (or mark it decoration)', () => {
    const [p] = post('Text.\n\n![](./stack.png)\n');
    expect(p).toMatchObject({ line: 8, field: 'body', severity: 'error', message: 'the image ./stack.png has no alt text' });
    expect(p!.fix).toContain('![The kernel stack at the fault](./stack.png)');
    expect(p!.fix).toContain('<img src="./stack.png" alt="">');
    expect(post('![The kernel stack](./stack.png)\n')).toEqual([]);
  });
  it('stops a raw <img> without an alt attribute, and lets alt="" through as decoration', () => {
    expect(post('<img src="./stack.png">\n').map((p) => [p.line, p.message])).toEqual([[6, 'this <img> has no alt attribute']]);
    expect(post('<img src="./stack.png" alt="">\n')).toEqual([]);
  });
  it('names a missing image file with the post, the line and the path looked for', () => {
    const problems = post('Intro.\n\n![The stack](./Stack.png)\n\n![Remote](https://example.org/x.png)\n');
    expect(problems.map((p) => [p.line, p.message])).toEqual([[8, `the image ./Stack.png is not there: ${relative(root, join(dir, 'with-images/Stack.png'))} does not exist`]]);
    expect(problems[0]!.fix).toContain('<slug>/index.md');
  });
});

describe('code fences', () => {
  it('warns of a listing over 5,000 lines, on its line, and not of one of 5,000', () => {
    const listing = (n: number) => `Intro.\n\n\`\`\`text\n${Array.from({ length: n }, (_, i) => `line ${i}`).join('\n')}\n\`\`\`\n`;
    const [p, ...rest] = check(listing(20_000));
    expect(rest).toEqual([]);
    expect(formatProblems([p!])).toBe('content/posts/a.md:8: warning in body: the listing on line 8 is 20,000 lines long; its page will be megabytes.\n' +
      '    fix: keep the lines that matter (under 5,000) and link to the full output as a file');
    expect(check(listing(5000))).toEqual([]);
  });

  it('reports a fence never closed on the line it opened', () => {
    expect(formatProblems(check('## A\n\n```c\nint x;\n\n## B\n'))).toBe(
      'content/posts/a.md:8: error in body: the code fence opened on line 8 is never closed.\n' +
      '    fix: add a closing ``` line after the listing (until then, everything after line 8 is shown as code)');
    expect(lines('~~~~text\n~~~\n')).toEqual([[6, 'the code fence opened on line 6 is never closed']]);
    expect(check('````\n```\n')[0]!.fix).toMatch(/^add a closing ```` line/);
    expect(lines('> ```c\n> code\n\nafter\n')).toEqual([[6, 'the code fence opened on line 6 is never closed']]);
    expect(lines('- item\n\n  ```\n  code\n\n```\nall code\n')).toEqual([
      [8, 'the code fence opened on line 8 is never closed'], [11, 'the code fence opened on line 11 is never closed']]);
  });

  it('accepts closed fences: nested in a longer fence, in quotes and lists, indented code, empty, CRLF', () => {
    expect(check([
      '````md', '```c', 'nested', '```', '````', '', '~~~', '```', '~~~', '',
      '    ```', '    indented code, not a fence', '',
      '> ```', '> quoted', '> ```', '', '- item', '', '  ```', '  in a list', '  ```', '',
      'para', '', '```', '```', '', '```js title="x"', 'a', '   ```   ',
    ].join('\n'))).toEqual([]);
    expect(checkPostBody({ path: 'a.md', source: fm.replace(/\n/g, '\r\n') + '```c\r\nx\r\n```\r\n' }, options)).toEqual([]);
  });
});

describe('MDX', () => {
  it('reports a missing import on its line, with the path and where components live', () => {
    const problems = check('## Try\n\nimport Sim from \'/src/slist/ui/Simulator.tsx\';\nimport Foo from \'../../src/components/Nope.tsx\';\nimport Bar from \'./Nope2\';\n\n<Sim client:visible />\n', 'content/posts/a.mdx');
    expect(formatProblems(problems)).toBe(
      'content/posts/a.mdx:9: error in import: the import of \'../../src/components/Nope.tsx\' names src/components/Nope.tsx, which does not exist.\n' +
      '    fix: check the path: components live under src/ (an island such as the SList simulator in src/slist/ui/); import them root-relative, e.g. `import Simulator from \'/src/slist/ui/Simulator.tsx\';`\n' +
      'content/posts/a.mdx:10: error in import: the import of \'./Nope2\' names content/posts/Nope2, which does not exist.\n' +
      '    fix: check the path: components live under src/ (an island such as the SList simulator in src/slist/ui/); import them root-relative, e.g. `import Simulator from \'/src/slist/ui/Simulator.tsx\';`');
    expect(check('import Sim from \'../../src/slist/ui/Simulator\';\nimport { h } from \'preact\';\n', 'content/posts/a.mdx')).toEqual([]);
  });

  it('reports script, handlers on HTML elements, javascript: URLs and open fences in .mdx', () => {
    expect(lines('<script>{"alert(1)"}</script>\n\n<img src="a.png" alt="" onError="x" />\n\n<a href="javascript:x">a</a> <a href={"javascript:y"}>b</a>\n\n<Sim onChange="ok: a component prop" />\n\n```js\nopen\n', 'content/posts/a.mdx')).toEqual([
      [6, '<script> is not allowed in a post'],
      [8, 'event-handler attribute onError= on <img> is not allowed in a post'],
      [10, 'a javascript: URL in href= on <a> is not allowed in a post'],
      [10, 'a javascript: URL in href= on <a> is not allowed in a post'],
      [14, 'the code fence opened on line 14 is never closed'],
    ]);
  });

  it('reports MDX that does not parse on its line', () => {
    expect(check('Text\n\nSet a { b here.\n', 'content/posts/a.mdx')).toMatchObject([{ line: 8, field: 'body', message: expect.stringMatching(/^MDX cannot parse this: /) }]);
  });
});

describe('no false positives', () => {
  it('passes the four posts', () => {
    const dir = join(root, 'content/posts');
    const posts = readdirSync(dir).map((n) => ({ path: relative(root, join(dir, n)), source: readFileSync(join(dir, n), 'utf8') }));
    expect(posts.length).toBeGreaterThanOrEqual(4);
    expect(formatProblems(checkPostBodies(posts, options))).toBe('');
  });

  const gen = join(root, '../shared/corpus/gen.py');
  it.skipIf(!existsSync(gen))('passes the reference corpus (200 posts), with and without the fast path', () => {
    const out = tempDir('rz-body-check-corpus-');
    expect(spawnSync('python3', [gen, '--n', '200', '--schema', 'hugo', '--out', out, '--clean']).status).toBe(0);
    const posts = readdirSync(out).map((n) => ({ path: n, source: readFileSync(join(out, n), 'utf8') }));
    expect(posts).toHaveLength(200);
    expect(formatProblems(checkPostBodies(posts, options))).toBe('');
    // the full parse agrees: the fast path is never what makes a post pass
    expect(formatProblems(checkPostBodies(posts.map((p) => ({ ...p, source: `${p.source}\n\n<!-- &#1; -->\n` })), options))).toBe('');
  });
});

describe('plainlyFine (the fast path)', () => {
  it('says fine only when the full parse finds nothing', () => {
    const line = fc.constantFrom('', 'text', '```', '```c', '````', '~~~', '  ```', '    ```', '\t```', '> ```', '> x', '- ```', '- item', '  code',
      '1. ```', '[^1]: ```', '<pre>', '</pre>', '<div>', '`` ` ``', '```a`b', '## h', '<a href="x">', '[x](javascript:y)', 'java', 'script:', '&#106;');
    fc.assert(fc.property(fc.array(line, { maxLength: 12 }), (ls) => {
      const body = ls.join('\n');
      if (plainlyFine(body)) expect(checkPostBody({ path: 'a.md', source: `\n\n<!-- &#1; -->\n\n${body}` }, options)).toEqual([]);
    }), { numRuns: 1500 });
  });
});
