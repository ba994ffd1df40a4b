import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { siteMarkdownRenderer } from './pipeline.ts';
import { renderInWorkers } from './render-workers.ts';

const shared = { syntaxHighlight: false as const };
const post = (n: number) => `## Part ${n}\n\nText with \`code\` and a [link](https://example.com/${n}).\n\n\`\`\`windbg\nkd> uf nt!KiCheckForSListAddress\nnt!KiCheckForSListAddress:\n82acbdf1 0fb7416c        movzx   eax,word ptr [ecx+6Ch]\n\`\`\`\n`;

describe('renderInWorkers', () => {
  it('renders as the site renderer does in this thread, ten at once, each its own', { timeout: 30_000 }, async () => {
    const here = await siteMarkdownRenderer(shared);
    const pool = renderInWorkers(shared, () => siteMarkdownRenderer(shared), { size: 2 })!;
    const posts = Array.from({ length: 10 }, (_, i) => post(i));
    const there = await Promise.all(posts.map((p) => pool.render(p)));
    for (const [i, p] of posts.entries()) {
      const expected = await here.render(p);
      expect(there[i]!.code).toBe(expected.code);
      expect(there[i]!.metadata.headings).toEqual(expected.metadata.headings);
    }
    expect(there[3]!.code).toContain('Part 3');
    expect(there[3]!.code).toContain('class="listing'); // the listing came back from the shelf
  });

  it('is not used when the options cannot be sent to a worker (a function in them)', () => {
    expect(renderInWorkers({ ...shared, remarkRehype: { handlers: { x: () => undefined } } } as never, () => siteMarkdownRenderer(shared))).toBeUndefined();
  });

  it('renders in this thread when a worker cannot start, and says so once, as not a problem in any post', { timeout: 30_000 }, async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const here = await siteMarkdownRenderer(shared);
      const pool = renderInWorkers(shared, async () => here, { size: 2, file: join(import.meta.dirname, 'no-such-worker.ts') })!;
      const posts = [post(1), post(2), post(3)];
      const rendered = await Promise.all(posts.map((p) => pool.render(p)));
      for (const [i, p] of posts.entries()) expect(rendered[i]!.code).toBe((await here.render(p)).code);
      expect((await pool.render(post(4))).code).toContain('Part 4'); // and later renders too
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0]![0])).toMatch(/a render worker failed .*Not a problem in any post/);
    } finally {
      warn.mockRestore();
    }
  });
});
