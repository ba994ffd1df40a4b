import { describe, expect, it } from 'vitest';
import type { DataStore, LoaderContext } from 'astro/loaders';
import { bodySummary, summarisedLoader, summaryOf } from './post-body.ts';

const body = `The first paragraph, with **bold** and a [link](https://example.org).\n\n\`\`\`asm\n${'mov eax, 1\n'.repeat(24)}\`\`\`\n`;

describe('bodySummary', () => {
  it('keeps the reading time, and the excerpt only for a post without a description', () => {
    expect(bodySummary(body, undefined)).toEqual({ minutes: 2, excerpt: 'The first paragraph, with bold and a link.' });
    expect(bodySummary(body, 'Written by the author.')).toEqual({ minutes: 2 });
  });
});

describe('summarisedLoader', () => {
  it('stores each entry with its summary and without its body; the rest of the store is untouched', async () => {
    const stored = new Map<string, Parameters<DataStore['set']>[0]>();
    const store = { set: (e: Parameters<DataStore['set']>[0]) => (stored.set(e.id, e), true), get: (id: string) => stored.get(id), keys: () => [...stored.keys()] } as unknown as DataStore;
    const loader = summarisedLoader({
      name: 'fake',
      load: async ({ store: s }) => {
        s.set({ id: 'a', data: { title: 'A' }, body, digest: '1' });
        s.set({ id: 'b', data: { title: 'B', description: 'Mine.' }, body: 'Short.', digest: '2' });
        expect(s.keys()).toEqual(['a', 'b']);
      },
    });
    await loader.load({ store } as LoaderContext);
    expect(stored.get('a')).toEqual({ id: 'a', data: { title: 'A', bodySummary: { minutes: 2, excerpt: 'The first paragraph, with bold and a link.' } }, digest: '1' });
    expect(summaryOf(stored.get('b')!)).toEqual({ minutes: 1 });
    expect(stored.get('b')!.body).toBeUndefined();
  });
});
