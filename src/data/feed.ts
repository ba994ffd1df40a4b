// Feed items for the RSS and JSON Feed endpoints: published posts with their rendered HTML.
import { site } from '../site.config.ts';
import { feedItems, type FeedItem, type FeedSite } from '../lib/feeds.ts';
import { getPosts, url } from './posts.ts';

export async function getFeedItems(): Promise<FeedItem[]> {
  const posts = await getPosts();
  return feedItems(
    posts.map((p) => ({ ...p, html: p.entry.rendered?.html ?? '' })),
    site.url,
    site.feedLimit,
  );
}

export function feedSite(feedPath: string): FeedSite {
  return {
    title: site.title,
    description: site.description,
    home: new URL(url(''), site.url).href,
    feedUrl: new URL(url(feedPath), site.url).href,
    author: site.author,
    lang: site.lang,
  };
}
