import { describe, expect, it } from 'vitest';
import { sanitizeComment } from './comments.ts';

describe('sanitizeComment', () => {
  it('keeps text, emphasis and line breaks', () => {
    expect(sanitizeComment('Thanks! <b>Great</b> post.<br />Second line')).toBe('Thanks! <b>Great</b> post.<br>Second line');
  });
  it('drops scripts, handlers, styles and javascript: URLs', () => {
    const out = sanitizeComment('<script>alert(1)</script><a href="javascript:alert(1)" onclick="x()">click</a><span style="color:red" onmouseover="y()">hi</span><img src="https://tracker.example/p.gif">');
    expect(out).toBe('<span>click</span><span>hi</span>');
  });
  it('marks links rel="nofollow ugc"', () => {
    expect(sanitizeComment('see <a href="https://example.org/x" target="_blank">this</a>'))
      .toBe('see <a href="https://example.org/x" rel="nofollow ugc">this</a>');
  });
  it('is idempotent (the site sanitises what the import already did)', () => {
    const once = sanitizeComment('<p>a <a href="http://e.org">b</a> <i>c</i></p>');
    expect(sanitizeComment(once)).toBe(once);
  });
});
