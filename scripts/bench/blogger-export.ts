// A Blogger backup made from the reference corpus, for the import benchmark: each post's
// Markdown rendered to HTML (mdast-util-from-markdown, mdast-util-to-hast, hast-util-to-html)
// and then stored the way Blogger's editor stores it: a `<div dir="ltr" trbidi="on">` wrapper,
// `<h3>` headings, and code as `<br />`-separated courier text with `&nbsp;` runs (even posts)
// or one `<div>` per line in a monospace `<div>` (odd posts).
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { toHast } from 'mdast-util-to-hast';
import { toHtml } from 'hast-util-to-html';
import type { Element, ElementContent, Root } from 'hast';
import { parse as parseYaml } from 'yaml';

const esc = (s: string) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
const nbsp = (line: string) => esc(line).replace(/ {2,}/g, (run) => '&nbsp;'.repeat(run.length)).replace(/^ /, '&nbsp;');

function bloggerHtml(markdown: string, habit: number): string {
  const hast = toHast(fromMarkdown(markdown)) as Root;
  const out: string[] = [];
  for (const node of hast.children) {
    if (node.type !== 'element') continue;
    if (node.tagName === 'pre') {
      const code = ((node.children[0] as Element).children[0] as { value: string }).value.replace(/\n$/, '').split('\n');
      out.push(habit % 2 === 0
        ? `<span style="font-family: &quot;courier new&quot; , &quot;courier&quot; , monospace;">${code.map(nbsp).join('<br />')}</span><br /><br />`
        : `<div style="font-family: courier new, monospace;">${code.map((l) => `<div>${l ? nbsp(l) : '<br />'}</div>`).join('')}</div>`);
    } else if (/^h[1-6]$/.test(node.tagName)) {
      out.push(toHtml({ ...node, tagName: 'h3', properties: { style: 'text-align: left;' } } as Element));
    } else if (node.tagName === 'p') {
      out.push(`${toHtml(node.children as ElementContent[])}<br /><br />`);
    } else out.push(toHtml(node));
  }
  return `<div dir="ltr" style="text-align: left;" trbidi="on">${out.join('')}</div>`;
}

/** Writes a legacy Blogger backup of the corpus posts in `corpusDir` to `file`; returns the post count. */
export function writeBloggerExport(corpusDir: string, file: string): number {
  const names = readdirSync(corpusDir).filter((f) => f.endsWith('.md')).sort();
  const entries = names.map((name, i) => {
    const text = readFileSync(join(corpusDir, name), 'utf8');
    const [, fm = '', body = ''] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text) ?? [];
    const data = parseYaml(fm) as { title: string; date: string | Date; tags?: string[] };
    const day = data.date instanceof Date ? data.date.toISOString().slice(0, 10) : String(data.date);
    const slug = name.replace(/\.md$/, '');
    return `<entry><id>tag:blogger.com,1999:blog-1.post-${i + 1}</id><published>${day}T10:00:00.000-08:00</published><updated>${day}T10:00:00.000-08:00</updated>` +
      `<category scheme='http://schemas.google.com/g/2005#kind' term='http://schemas.google.com/blogger/2008/kind#post'/>` +
      (data.tags ?? []).map((t) => `<category scheme='http://www.blogger.com/atom/ns#' term='${esc(t)}'/>`).join('') +
      `<title type='text'>${esc(data.title)}</title><content type='html'>${esc(bloggerHtml(body, i))}</content>` +
      `<link rel='alternate' type='text/html' href='https://bench.blogspot.com/${day.slice(0, 4)}/${day.slice(5, 7)}/${slug}.html'/><author><name>bench</name></author></entry>\n`;
  });
  writeFileSync(file, `<?xml version='1.0' encoding='UTF-8'?><feed xmlns='http://www.w3.org/2005/Atom'>\n${entries.join('')}</feed>\n`);
  return names.length;
}
