import { describe, expect, it } from 'vitest';
import { pageAssets } from './budgets.ts';

describe('pageAssets', () => {
  it('finds scripts, styles, inline blocks, style attributes and third-party loads', () => {
    const a = pageAssets(`<head><link rel="stylesheet" href="/_astro/a.css"><script type="module" src="/_astro/b.js"></script>
      <script>inline()</script><script type="application/ld+json">{}</script><link rel="preconnect" href="https://fonts.example">
      <style>p{}</style></head><body><p style="color:red"><img src="https://cdn.example/i.png" alt=""><a href="https://x.example/">x</a></body>`);
    expect(a.styles).toEqual(['/_astro/a.css']);
    expect(a.scripts).toEqual(['/_astro/b.js']);
    expect(a.inlineScripts).toBe(1);
    expect(a.inlineStyles).toBe(1);
    expect(a.styleAttributes).toBe(1);
    expect(a.external).toEqual(['https://fonts.example', 'https://cdn.example/i.png']);
  });
});
