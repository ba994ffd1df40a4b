import { describe, expect, it } from 'vitest';
import { withoutSidenotes } from './sidenotes.ts';

describe('withoutSidenotes', () => {
  it('drops the margin copies and keeps the paragraph and the footnotes list', () => {
    const html = '<aside class="sidenote" aria-hidden="true" data-pagefind-ignore=""><p><span class="sidenote-number">1 </span>The note.</p></aside>\n'
      + '<p>Text<sup><a href="#user-content-fn-1" id="user-content-fnref-1" data-footnote-ref="">1</a></sup>.</p>\n'
      + '<section data-footnotes="" class="footnotes"><ol><li id="user-content-fn-1"><p>The note.</p></li></ol></section>';
    const out = withoutSidenotes(html);
    expect(out).not.toContain('aside');
    expect(out.match(/The note\./g)).toHaveLength(1);
    expect(out).toContain('<section data-footnotes="" class="footnotes">');
    expect(out).toContain('Text<sup><a href="#user-content-fn-1"');
  });
  it('returns HTML without sidenotes byte for byte, other asides included', () => {
    const html = '<p>a &amp; b<br></p><aside class="other">kept</aside>';
    expect(withoutSidenotes(html)).toBe(html);
  });
});
