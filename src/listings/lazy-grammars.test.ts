// Bundled grammars load on first use; pages are rendered side by side, so many renders may want
// the same grammar at once: every one of them must get it, never plain text instead. And a busy
// machine must not change a listing: no line is cut short by a time limit.
import { describe, expect, it, vi } from 'vitest';
import { createMarkdownProcessor } from '@astrojs/markdown-remark';
import { listingsRehypePlugins, listingsRemarkPlugins } from './index.ts';
import type { RehypeHighlightOptions } from './rehype-highlight.ts';

const post = (i: number) => [
  '```js', `const a${i} = 1; // [!code ++]`, 'const b = 2;', '```', '',
  '```rust', `fn f${i}() {} // [!code focus]`, '```', '',
  '```python', `x${i} = 1  # [!code --]`, '```', '',
].join('\n');

// The site's plugins with a highlighter of their own: the theme's name is part of the process's
// highlighter key, so no earlier render in this worker can have loaded these grammars first.
let made = 0;
const processor = () => {
  const [[highlight, options], ...rest] = listingsRehypePlugins() as unknown as [[unknown, RehypeHighlightOptions], ...unknown[]];
  const own = { ...options, theme: { ...options.theme, name: `${options.theme.name}-first-use-${++made}` } };
  return createMarkdownProcessor({
    syntaxHighlight: false,
    remarkPlugins: listingsRemarkPlugins() as never,
    rehypePlugins: [[highlight, own], ...rest] as never,
  });
};

describe('bundled grammars loaded on first use', () => {
  it('serve every one of 24 renders at once, the first included', async () => {
    const render = await processor();
    const pages = await Promise.all(Array.from({ length: 24 }, (_, i) => render.render(post(i)).then((r) => r.code)));
    for (const [i, html] of pages.entries()) {
      expect(html, `render ${i}`).toContain('class="line diff add"');
      expect(html, `render ${i}`).toContain('class="line focused"');
      expect(html, `render ${i}`).toContain('class="line diff remove"');
      expect(html, `render ${i}`).not.toContain('[!code');
    }
  });
});

describe('a listing on a slow machine', () => {
  // The tokenizer reads the clock as it goes: here a second passes between two readings, as on a
  // machine so busy that compiling a grammar's patterns takes seconds. Every token must still come.
  it('is highlighted in full, however long a line takes', async () => {
    const render = await processor();
    let t = Date.now();
    const clock = vi.spyOn(Date, 'now').mockImplementation(() => (t += 1000));
    try {
      const html = (await render.render(post(99))).code;
      expect(html).toContain('class="line diff add"');
      expect(html).toContain('class="line focused"');
      expect(html).toContain('class="line diff remove"');
      expect(html).not.toContain('[!code');
    } finally {
      clock.mockRestore();
    }
  });
});
