import { describe, expect, it } from 'vitest';
import { h } from 'hastscript';
import { toHtml } from 'hast-util-to-html';
import type { Root } from 'hast';
import { listingShelf, rehypeShelveListings } from './listing-shelf.ts';

const page = (): Root => ({
  type: 'root',
  children: [
    h('p', 'Before.'),
    h('figure', { className: ['listing'], id: 'lst-1-x' }, [h('pre', [h('code', [h('span', { className: ['line'] }, 'kd> uf nt!Foo')])])]),
    h('blockquote', [h('figure', { className: ['listing'] }, [h('pre', 'two')])]),
    h('figure', { className: ['not-a-listing'] }, 'a figure'),
  ],
});

describe('rehypeShelveListings + fill', () => {
  it('gives back the same page HTML as the tree written whole', () => {
    const shelf = listingShelf('n0nce');
    const tree = page();
    const whole = toHtml(page(), { allowDangerousHtml: true });
    rehypeShelveListings(shelf)(tree);
    const shelved = toHtml(tree, { allowDangerousHtml: true });
    expect(shelved).not.toContain('kd&gt; uf'); // the listings are out of the tree...
    expect(shelved).toContain('<figure class="not-a-listing">'); // ...and only they
    expect(shelf.fill(shelved)).toBe(whole);
  });

  it('leaves a comment that only looks like one of its own (another nonce, or already filled)', () => {
    const shelf = listingShelf('n0nce');
    const key = shelf.put('<figure>x</figure>');
    expect(shelf.fill(`<!--rz-listing other 1--><!--${key}-->`)).toBe('<!--rz-listing other 1--><figure>x</figure>');
    expect(shelf.fill(`<!--${key}-->`)).toBe(`<!--${key}-->`);
  });
});
