import type { APIRoute } from 'astro';
import { site } from '../site.config.ts';
import { url } from '../data/urls.ts';
import { pagePaths } from '../lib/routes.ts';

export const GET: APIRoute = () =>
  new Response(`User-agent: *\nAllow: /\n\nSitemap: ${new URL(url(pagePaths.sitemap), site.url).href}\n`, {
    headers: { 'Content-Type': 'text/plain; charset=utf-8' },
  });
