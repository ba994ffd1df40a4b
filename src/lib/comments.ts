// Reader comments archived with an imported post (`comments.json` beside its index.md): read-only,
// shown under the post in the order written, never in the search index or the feeds. Their HTML
// is sanitised when imported and again when shown (a hand-edited file cannot inject anything).
import { fromHtml } from 'hast-util-from-html';
import { sanitize, type Schema } from 'hast-util-sanitize';
import { toHtml } from 'hast-util-to-html';
import type { Element, Root } from 'hast';
import { z } from 'zod';
import { isValidDateString } from './instants.ts';

export interface ArchivedComment {
  /** The name the reader gave. */
  author: string;
  /** The day it was written, in the blog's time zone (YYYY-MM-DD). */
  date: string;
  /** Its text as HTML, sanitised. */
  html: string;
}

/** The file beside a post's index.md that holds its comments. */
export const commentsFile = 'comments.json';

// What a Blogger comment could hold (its editor allowed <b>, <i> and <a>), plus plain structure.
const schema: Schema = {
  tagNames: ['a', 'b', 'i', 'em', 'strong', 'br', 'p', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'span'],
  attributes: { a: ['href'] },
  protocols: { href: ['http', 'https', 'mailto'] },
  strip: ['script', 'style'],
  clobber: [],
  ancestors: {},
  required: {},
};

const links = (node: Root | Element): void => {
  for (const c of node.children) {
    if (c.type !== 'element') continue;
    if (c.tagName === 'a') {
      if (typeof c.properties['href'] === 'string') c.properties['rel'] = ['nofollow', 'ugc'];
      else { c.tagName = 'span'; c.properties = {}; } // a link without a safe target is its text
    }
    links(c);
  }
};

/** A comment's HTML with no script, handler, style or unsafe URL; links marked rel="nofollow ugc". */
export function sanitizeComment(html: string): string {
  const tree = sanitize(fromHtml(html, { fragment: true }), schema) as Root;
  links(tree);
  return toHtml(tree).trim();
}

const day = z.string().refine((d) => d.length === 10 && isValidDateString(d), 'write the day as YYYY-MM-DD');
/** What a comments.json holds (the import writes it; the site reads it through this). */
export const commentsSchema = z.object({
  comments: z.array(z.object({ author: z.string(), date: day, html: z.string() })),
});
