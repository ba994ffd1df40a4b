import type { APIRoute } from 'astro';
import { feedSite, getFeedItems } from '../data/feed.ts';
import { buildJsonFeed } from '../lib/feeds.ts';
import { pagePaths } from '../lib/routes.ts';

export const GET: APIRoute = async () =>
  new Response(JSON.stringify(buildJsonFeed(feedSite(pagePaths.jsonFeed), await getFeedItems()), null, 1), {
    headers: { 'Content-Type': 'application/feed+json; charset=utf-8' },
  });
