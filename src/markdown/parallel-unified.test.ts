// The worker-pool Markdown processor renders exactly what the in-thread unified() does:
// same HTML, headings and warnings; pipeline errors reach the caller; a dead worker's
// renders are redone in this thread.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createMarkdownProcessor, parseFrontmatter } from '@astrojs/markdown-remark';
import { markdownProcessorOptions, siteMarkdownProcessor, unifiedOptions } from './pipeline.ts';
import { parallelUnified } from './parallel-unified.ts';
import { deferredListings } from './listings/deferred-html.ts';

const root = join(import.meta.dirname, '../..');
const posts = readdirSync(join(root, 'content/posts'))
  .filter((f) => f.endsWith('.md'))
  .map((f) => ({ name: f, ...parseFrontmatter(readFileSync(join(root, 'content/posts', f), 'utf8')) }));
const fixtures = readdirSync(join(import.meta.dirname, 'listings/fixtures'))
  .filter((f) => f.endsWith('.md'))
  .map((f) => ({ name: f, ...parseFrontmatter(readFileSync(join(import.meta.dirname, 'listings/fixtures', f), 'utf8')) }));

const processor = siteMarkdownProcessor();
afterAll(() => processor.pool.close());

describe('parallelUnified', () => {
  it('renders the posts and listing fixtures in workers exactly as unified() does in this thread', async () => {
    const reference = await createMarkdownProcessor(markdownProcessorOptions() as never);
    processor.prewarm();
    const renderer = await processor.createRenderer({ syntaxHighlight: false });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const docs = [...posts, ...fixtures];
      const [pooled, local] = [
        await Promise.all(docs.map((d) => renderer.render(d.content, { frontmatter: d.frontmatter }))),
        await Promise.all(docs.map((d) => reference.render(d.content, { frontmatter: d.frontmatter }))),
      ];
      expect(processor.pool.workerCount).toBeGreaterThan(0);
      for (let i = 0; i < docs.length; i++) {
        expect(pooled[i]!.code, docs[i]!.name).toBe(local[i]!.code);
        expect(pooled[i]!.metadata.headings, docs[i]!.name).toEqual(local[i]!.metadata.headings);
      }
      // The listings really were rendered (not left as placeholders).
      expect(pooled.some((r) => r.code.includes('<figure class="listing'))).toBe(true);
      expect(pooled.every((r) => !r.code.includes('rz-listing:'))).toBe(true);
      // Warnings printed in a worker arrive here, with the file position.
      const warned = warn.mock.calls.map((c) => String(c[0]));
      expect(warned.some((w) => /warning: unknown listing language "windgb"/.test(w))).toBe(true);
    } finally {
      warn.mockRestore();
    }
  });

  it('gives the caller the error a worker hit', async () => {
    processor.prewarm();
    const renderer = await processor.createRenderer({ syntaxHighlight: false });
    // A fileURL that is not a file: URL makes the pipeline throw (vfile cannot take its path).
    await expect(renderer.render('# x', { fileURL: new URL('https://example.com/x.md') })).rejects.toThrow();
  });

  it('renders in this thread when a worker dies mid-render', async () => {
    const p = siteMarkdownProcessor();
    p.prewarm();
    const renderer = await p.createRenderer({ syntaxHighlight: false });
    await renderer.render('warm', {});
    await vi.waitFor(() => expect(p.pool.workerCount).toBeGreaterThan(0), { timeout: 20_000 });
    const inFlight = Array.from({ length: 6 }, (_, i) => renderer.render(`# Post ${i}\n\n\`\`\`c\nint x = ${i};\n\`\`\`\n`, {}));
    await p.pool.close();
    const results = await Promise.all(inFlight);
    results.forEach((r, i) => expect(r.code).toContain(`Post ${i}`));
    expect(p.pool.workerCount).toBe(0);
  });

  it('says once why workers could not start, and renders everything in this thread', async () => {
    const broken = new URL('./no-such-pipeline.ts', import.meta.url).href;
    const p = parallelUnified(unifiedOptions(), { module: broken, exportName: 'unifiedOptions' }, { workers: 2 });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      p.prewarm();
      const renderer = await p.createRenderer({ syntaxHighlight: false });
      const results = await Promise.all(Array.from({ length: 5 }, (_, i) => renderer.render(`# Post ${i}`, {})));
      results.forEach((r, i) => expect(r.code).toContain(`Post ${i}`));
      expect(p.pool.workerCount).toBe(0);
      const said = warn.mock.calls.map((c) => String(c[0])).filter((m) => m.includes('render worker'));
      expect(said).toHaveLength(1);
      expect(said[0]).toMatch(/could not start .*no-such-pipeline.*main thread/);
    } finally {
      warn.mockRestore();
    }
  });

  it('stops idle workers, renders in this thread again, and starts them again when many renders come', async () => {
    const p = parallelUnified(unifiedOptions(), { module: new URL('./pipeline.ts', import.meta.url).href, exportName: 'unifiedOptions' }, { workers: 1, spawnAfter: 3, idleMs: 300 });
    const renderer = await p.createRenderer({ syntaxHighlight: false });
    const many = () => Promise.all(Array.from({ length: 6 }, (_, i) => renderer.render(`# Post ${i}`, {})));
    await many();
    expect(p.pool.started).toBe(true);
    await vi.waitFor(() => expect(p.pool.workerCount).toBe(0), { timeout: 20_000 });
    expect(p.pool.started).toBe(false);
    expect((await renderer.render('# One', {})).code).toContain('One'); // in this thread: no worker started for it
    expect(p.pool.started).toBe(false);
    await many();
    expect(p.pool.started).toBe(true);
    await p.pool.close();
  });

  it('keeps the in-thread result when listings are deferred (the same HTML as without)', async () => {
    const plain = await createMarkdownProcessor(markdownProcessorOptions() as never);
    const deferred = deferredListings(plain);
    for (const d of [...posts, ...fixtures]) {
      const spy = vi.spyOn(console, 'warn').mockImplementation(() => {});
      expect((await deferred.render(d.content)).code, d.name).toBe((await plain.render(d.content)).code);
      spy.mockRestore();
    }
  });
});
