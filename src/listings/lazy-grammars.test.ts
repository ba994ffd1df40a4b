// Bundled grammars load on first use; pages are rendered side by side, so many renders may want
// the same grammar at once: every one of them must get it, never plain text instead.
import { describe, expect, it } from 'vitest';
import { createMarkdownProcessor } from '@astrojs/markdown-remark';
import { listingsRehypePlugins, listingsRemarkPlugins } from './index.ts';

const post = (i: number) => [
  '```js', `const a${i} = 1; // [!code ++]`, 'const b = 2;', '```', '',
  '```rust', `fn f${i}() {} // [!code focus]`, '```', '',
  '```python', `x${i} = 1  # [!code --]`, '```', '',
].join('\n');

describe('bundled grammars loaded on first use', () => {
  it('serve every one of 24 renders at once, the first included', async () => {
    const processor = await createMarkdownProcessor({
      syntaxHighlight: false,
      remarkPlugins: listingsRemarkPlugins() as never,
      rehypePlugins: listingsRehypePlugins() as never,
    });
    const pages = await Promise.all(Array.from({ length: 24 }, (_, i) => processor.render(post(i)).then((r) => r.code)));
    for (const [i, html] of pages.entries()) {
      expect(html, `render ${i}`).toContain('class="line diff add"');
      expect(html, `render ${i}`).toContain('class="line focused"');
      expect(html, `render ${i}`).toContain('class="line diff remove"');
      expect(html, `render ${i}`).not.toContain('[!code');
    }
  });
});
