// Small readings of Blogger's HTML shared by the import's rehype plugins.
import type { Element } from 'hast';

export const NBSP = '\u00a0';

/** Text that shows nothing: ordinary white space and no-break spaces. */
export const isWhitespace = (s: string): boolean => /^[\s\u00a0]*$/.test(s);

const blocks = new Set(['address', 'article', 'aside', 'blockquote', 'center', 'dd', 'details', 'dialog', 'div', 'dl', 'dt', 'fieldset',
  'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre',
  'section', 'table', 'tbody', 'thead', 'tfoot', 'tr', 'td', 'th', 'ul']);

/** Whether an element starts a new line as a browser lays it out (a block). */
export const isBlock = (e: Element): boolean => blocks.has(e.tagName);

const monoFamilies = /courier|monospace|consolas|lucida console|monaco|menlo|andale mono|source code|fixedsys|dejavu sans mono|liberation mono|ubuntu mono/i;

/** The font an element sets: 'mono', 'proportional', or undefined when it sets none. */
export function fontOf(e: Element): 'mono' | 'proportional' | undefined {
  if (e.tagName === 'code' || e.tagName === 'tt' || e.tagName === 'kbd' || e.tagName === 'samp') return 'mono';
  const face = e.tagName === 'font' ? e.properties['face'] : undefined;
  const style = String(e.properties['style'] ?? '');
  const family = /font-family\s*:\s*([^;]+)/i.exec(style)?.[1] ?? (face !== undefined ? String(face) : undefined);
  if (family === undefined || family.trim() === '' || /^(inherit|initial|unset)$/i.test(family.trim())) return undefined;
  return monoFamilies.test(family) ? 'mono' : 'proportional';
}
