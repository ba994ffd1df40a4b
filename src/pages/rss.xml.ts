import rss from '@astrojs/rss';
import type { APIRoute } from 'astro';
import { feedSite, getFeedItems } from '../data/feed.ts';
import { pagePaths } from '../lib/routes.ts';

export const GET: APIRoute = async () => {
  const s = feedSite(pagePaths.rss);
  const items = await getFeedItems();
  return rss({
    title: s.title,
    description: s.description,
    site: s.home,
    trailingSlash: true,
    items: items.map((i) => ({ title: i.title, link: i.url, pubDate: i.date, description: i.summary, content: i.html, categories: i.tags })),
    customData: `<language>${s.lang}</language>`,
  });
};
