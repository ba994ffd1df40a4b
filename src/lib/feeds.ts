// Feed items and the JSON Feed 1.1 document. RSS 2.0 is written by @astrojs/rss
// from the same items, so both feeds always carry the same posts and content.
import { decodeHTMLAttribute } from 'entities/decode';
import { escapeAttribute } from 'entities/escape';
import { fromHtml } from 'hast-util-from-html';
import { defaultSchema, sanitize, type Schema } from 'hast-util-sanitize';
import { toHtml } from 'hast-util-to-html';

export interface FeedSite { title: string; description: string; home: string; feedUrl: string; author: { name: string; url?: string | undefined }; lang: string }
export interface FeedPostInput { title: string; date: Date; updated?: Date | undefined; description: string; tags: string[]; url: string; html: string }
export interface FeedItem { id: string; title: string; url: string; date: Date; updated?: Date | undefined; summary: string; html: string; tags: string[] }

/**
 * Make the relative URLs of rendered post HTML absolute (feed readers show the
 * content away from the site): "#x" against the post, "/x" and "x" against it too.
 */
export function absolutizeHtml(html: string, pageUrl: string): string {
  return html.replace(/\b(href|src)="([^"]*)"/g, (whole, attr: string, value: string) => {
    if (/^[a-z][a-z0-9+.-]*:/i.test(value) || value.startsWith('//')) return whole;
    try { return `${attr}="${escapeAttribute(new URL(decodeHTMLAttribute(value), pageUrl).href)}"`; } catch { return whole; }
  });
}

type Definitions = NonNullable<Schema['attributes']>[string];
const noClassRule = (defs: Definitions = []) => defs.filter((d) => !(Array.isArray(d) && d[0] === 'className'));
/**
 * What a feed may carry: GitHub's sanitising rules (no scripts, event handlers, `style`, or URLs
 * but http(s)/mailto), plus what this site's pages are made of: classes, ids and ARIA on any
 * element, data-* attributes, the listing chrome (figure, buttons) and inline SVG figures.
 */
export const feedSchema: Schema = {
  ...defaultSchema,
  clobber: [],
  clobberPrefix: '',
  strip: ['script', 'style', 'template', 'noscript', 'iframe', 'object', 'embed'],
  tagNames: [...(defaultSchema.tagNames ?? []), 'figure', 'figcaption', 'span', 'button', 'abbr', 'mark', 'time', 'svg', 'title', 'desc', 'defs',
    'marker', 'g', 'path', 'text', 'tspan', 'rect', 'line', 'polyline', 'polygon', 'circle', 'ellipse', 'pattern', 'linearGradient', 'stop'],
  attributes: {
    ...Object.fromEntries(Object.entries(defaultSchema.attributes ?? {}).map(([tag, defs]) => [tag, noClassRule(defs)])),
    '*': [...(defaultSchema.attributes?.['*'] ?? []), 'className', 'id', 'role', 'hidden', 'data*', 'ariaLabel', 'ariaLabelledBy', 'ariaDescribedBy',
      'ariaHidden', 'ariaPressed', 'ariaExpanded', 'ariaControls', 'ariaCurrent', 'ariaLive'],
    a: [...noClassRule(defaultSchema.attributes?.a), 'rel'],
    button: ['type'],
    th: [...noClassRule(defaultSchema.attributes?.th), 'scope'],
    svg: ['viewBox', 'width', 'height', 'xmlns', 'focusable'],
    ...Object.fromEntries(['marker', 'g', 'path', 'text', 'tspan', 'rect', 'line', 'polyline', 'polygon', 'circle', 'ellipse', 'pattern', 'linearGradient', 'stop'].map((t) => [t, [
      'viewBox', 'd', 'x', 'y', 'x1', 'y1', 'x2', 'y2', 'dx', 'dy', 'cx', 'cy', 'r', 'rx', 'ry', 'width', 'height', 'points', 'transform', 'fill', 'fillOpacity', 'stroke',
      'strokeWidth', 'strokeDashArray', 'strokeLineCap', 'strokeLineJoin', 'opacity', 'textAnchor', 'dominantBaseline', 'fontSize', 'fontWeight', 'markerEnd',
      'markerStart', 'markerWidth', 'markerHeight', 'markerUnits', 'refX', 'refY', 'orient', 'offset', 'stopColor', 'patternUnits', 'gradientUnits']])),
  },
};

/**
 * Post HTML made safe for feed readers, which have no CSP: whatever reached the page (an MDX
 * component's output, say), a feed carries no script, event handler or javascript: URL.
 * HTML that is already safe is returned as it came (so feeds keep the page's exact bytes).
 */
export function sanitizeFeedHtml(html: string): string {
  const tree = fromHtml(html, { fragment: true });
  const clean = toHtml(sanitize(tree, feedSchema));
  return clean === toHtml(tree) ? html : clean;
}

/** Feed items from posts (already sorted and filtered), with absolute URLs. `limit` 0 keeps all. */
export function feedItems(posts: readonly FeedPostInput[], origin: string, limit = 0): FeedItem[] {
  const chosen = limit > 0 ? posts.slice(0, limit) : posts;
  return chosen.map((p) => {
    const url = new URL(p.url, origin).href;
    return { id: url, title: p.title, url, date: p.date, updated: p.updated, summary: p.description, html: sanitizeFeedHtml(absolutizeHtml(p.html, url)), tags: p.tags };
  });
}

/** A JSON Feed 1.1 document (https://www.jsonfeed.org/version/1.1/). */
export function buildJsonFeed(site: FeedSite, items: readonly FeedItem[]): Record<string, unknown> {
  const author = { name: site.author.name, ...(site.author.url ? { url: site.author.url } : {}) };
  return {
    version: 'https://jsonfeed.org/version/1.1',
    title: site.title,
    home_page_url: site.home,
    feed_url: site.feedUrl,
    description: site.description,
    language: site.lang,
    authors: [author],
    items: items.map((i) => ({
      id: i.id,
      url: i.url,
      title: i.title,
      content_html: i.html,
      summary: i.summary,
      date_published: i.date.toISOString(),
      ...(i.updated ? { date_modified: i.updated.toISOString() } : {}),
      tags: i.tags,
      authors: [author],
    })),
  };
}
