// Build-time middleware of the Pagefind integration (pagefind.ts adds it to `astro build`
// only): hands each prerendered page to the search index while Astro is still generating
// the others, so Pagefind's own process indexes on another core during page generation
// instead of after it. Without a build in progress (no sink) it does nothing.
import { defineMiddleware } from 'astro:middleware';
import { SEARCH_SINK, type SearchSink } from './sink.ts';

export const onRequest = defineMiddleware(async (context, next) => {
  const response = await next();
  const sink = (globalThis as Record<symbol, SearchSink | undefined>)[SEARCH_SINK];
  if (!sink || !context.isPrerendered) return response;
  if (!(response.headers.get('content-type') ?? '').startsWith('text/html')) return response;
  sink.page(context.url.pathname, await response.clone().text());
  return response;
});
