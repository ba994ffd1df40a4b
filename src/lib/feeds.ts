// Feed items and the JSON Feed 1.1 document. RSS 2.0 is written by @astrojs/rss
// from the same items, so both feeds always carry the same posts and content.

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
    try { return `${attr}="${new URL(value.replace(/&amp;/g, '&'), pageUrl).href.replace(/&/g, '&amp;')}"`; } catch { return whole; }
  });
}

/** Feed items from posts (already sorted and filtered), with absolute URLs. `limit` 0 keeps all. */
export function feedItems(posts: readonly FeedPostInput[], origin: string, limit = 0): FeedItem[] {
  const chosen = limit > 0 ? posts.slice(0, limit) : posts;
  return chosen.map((p) => {
    const url = new URL(p.url, origin).href;
    return { id: url, title: p.title, url, date: p.date, updated: p.updated, summary: p.description, html: absolutizeHtml(p.html, url), tags: p.tags };
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
