// Callouts and sidenotes through the site's whole Markdown pipeline (src/markdown/pipeline.ts).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createMarkdownProcessor } from '@astrojs/markdown-remark';
import { markdownProcessorOptions } from './pipeline.ts';

const render = async (md: string) => (await (await createMarkdownProcessor(markdownProcessorOptions())).render(md)).code;
const fixture = readFileSync(new URL('./fixtures/reading.md', import.meta.url), 'utf8');
const between = (html: string, open: string, close: string) => html.split(open).slice(1).map((s) => s.slice(0, s.indexOf(close)));

describe('callouts', async () => {
  const html = await render(fixture);
  it('turns each of the five GitHub alerts into a role=note with its label in words', () => {
    const callouts = between(html, '<div class="markdown-alert ', '</div>');
    expect(callouts.map((c) => c.match(/^markdown-alert-(\w+)" dir="auto" role="note">/)?.[1])).toEqual(['note', 'tip', 'important', 'warning', 'caution']);
    expect(callouts.map((c) => c.match(/<\/svg>(\w+)<\/p>/)?.[1])).toEqual(['Note', 'Tip', 'Important', 'Warning', 'Caution']);
    expect(callouts[3]).toContain('This bugchecks.');
    expect(callouts.every((c) => c.includes('aria-hidden="true"') && !c.includes('style='))).toBe(true);
    expect(html).not.toContain('[!WARNING]');
  });
  it('leaves a plain quote alone', () => {
    expect(html).toContain('<blockquote>\n<p>Just a quote, [!NOTE] not at the start.</p>\n</blockquote>');
  });
});

describe('sidenotes', async () => {
  const html = await render(fixture);
  const asides = between(html, '<aside class="sidenote" aria-hidden="true" data-pagefind-ignore="">', '</aside>');
  it('puts one margin copy before the paragraph that cites the notes, each note once', () => {
    expect(asides).toHaveLength(1);
    expect(html).toMatch(/<\/aside>\n<p>First paragraph cites one/);
    expect(asides[0]).toContain('<span class="sidenote-number">1 </span>The first note, with <a href="https://example.org/" rel="noopener noreferrer" tabindex="-1">a link</a>.</p>');
    expect(asides[0]).toContain('<span class="sidenote-number">2 </span>The second note.</p>');
    expect(asides[0]).toContain('<p>Its second paragraph.</p>');
  });
  it('keeps no ids or back-links in the copy, and the footnotes list as remark-gfm made it', () => {
    expect(asides[0]).not.toMatch(/\sid=|data-footnote-backref|↩/);
    expect(html).toMatch(/<section data-footnotes="" class="footnotes">[\s\S]*id="user-content-fn-one"[\s\S]*data-footnote-backref/);
    expect(html.match(/id="user-content-fnref-one(-2)?"/g)).toEqual(['id="user-content-fnref-one"', 'id="user-content-fnref-one-2"']);
  });
  it('adds nothing to a post without footnotes', async () => {
    expect(await render('Just text.\n')).toBe('<p>Just text.</p>');
  });
});
