// Blogger's habits, each a fixture pair: the HTML as Blogger stored it -> the Markdown written.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bloggerConverter } from './html-to-markdown.ts';

const dir = join(import.meta.dirname, 'fixtures');
const converter = bloggerConverter();
const convert = (html: string) => { const r = converter.toMdast(html); return { md: converter.toMarkdown(r.tree), ...r }; };

describe('Blogger HTML to Markdown, fixture by fixture', () => {
  const names = readdirSync(dir).filter((f) => f.endsWith('.html')).map((f) => f.replace(/\.html$/, ''));
  it('has the fixtures', () => expect(names.length).toBeGreaterThanOrEqual(8));
  for (const name of names) {
    it(name, () => {
      const { md } = convert(readFileSync(join(dir, `${name}.html`), 'utf8'));
      expect(md).toBe(readFileSync(join(dir, `${name}.md`), 'utf8'));
    });
  }
});

describe('what the conversion leaves out', () => {
  it('leaves no no-break space where a space was meant, and no style or trbidi', () => {
    const { md } = convert('<div dir="ltr" style="text-align: left;" trbidi="on"><span style="color: #333333;">a&nbsp;b&nbsp;&nbsp;c</span></div>');
    expect(md).toBe('a b c\n'); // in prose a run of spaces shows as one
    expect(md).not.toMatch(/\u00a0|&nbsp;|style|trbidi/);
  });
  it('keeps tabs and runs of no-break spaces inside a listing, column for column', () => {
    const { md } = convert('<pre>a\tb    c</pre><span style="font-family:monospace">x&nbsp;&nbsp;&nbsp;y<br />z&nbsp; &nbsp; w</span>');
    expect(md).toContain('a\tb    c');
    expect(md).toContain('x   y\nz    w');
  });
  it('collapses ordinary white space in monospace text as a browser did (source line breaks are not listing lines)', () => {
    const { md } = convert('<span style="font-family: courier new">mov   eax,\n    ebx<br />ret</span>');
    expect(md).toContain('mov eax, ebx\nret');
  });
  it('lists embeds it had to drop, and renumbers headings so the top level is h2', () => {
    const r = convert('<h1>Top</h1><h3>Deeper</h3><iframe src="https://www.youtube.com/embed/x"></iframe><script src="https://gist.github.com/u/1.js"></script>');
    expect(r.md).toBe('## Top\n\n#### Deeper\n');
    expect(r.dropped).toEqual(['<iframe src="https://www.youtube.com/embed/x">', '<script src="https://gist.github.com/u/1.js">']);
  });
  it('names the listings it found with their language and why', () => {
    const r = convert(readFileSync(join(dir, 'br-courier-listing.html'), 'utf8'));
    expect(r.listings).toEqual([{ lang: 'windbg', why: 'a kd> prompt', lines: 4, first: '0: kd> uf KiCheckForSListAddress' }]);
  });
  it('makes an inline monospace run inline code, not a listing', () => {
    expect(convert('<div>call <span style="font-family: courier new">KeInitializeSpinLock</span> first</div>').md).toBe('call `KeInitializeSpinLock` first\n');
  });
  it('keeps a listing that holds backticks intact (a longer fence)', () => {
    expect(convert('<pre>fffff800`01234567 c3 ret\n```</pre>').md).toBe('````text\nfffff800`01234567 c3 ret\n```\n````\n');
  });
});
