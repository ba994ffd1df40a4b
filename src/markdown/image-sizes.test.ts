import { describe, expect, it } from 'vitest';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import rehypeImageSizes from './image-sizes.ts';

const run = (html: string) => { const tree = fromHtml(html, { fragment: true }); rehypeImageSizes()(tree); return toHtml(tree); };

describe('post image sizes', () => {
  it('gives an image the column width on wide screens and the screen width on phones, keeping a sizes the author wrote', () => {
    expect(run('<p><img src="./a.png" alt="A"></p>')).toBe('<p><img src="./a.png" alt="A" sizes="(min-width: 46rem) 44rem, 100vw"></p>');
    expect(run('<img src="./b.png" alt="B" sizes="50vw">')).toBe('<img src="./b.png" alt="B" sizes="50vw">');
  });
});
