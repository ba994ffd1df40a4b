// Feed items for the RSS and JSON Feed endpoints: published posts with their rendered HTML.
import { render } from 'astro:content';
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import preactRenderer from '@astrojs/preact/server.js';
import mdxRenderer from '@astrojs/mdx/server.js';
import { site } from '../site.config.ts';
import { feedItems, type FeedItem, type FeedSite } from '../lib/feeds.ts';
import { withoutSidenotes } from '../markdown/sidenotes.ts';
import { getPosts, type Post } from './posts.ts';
import { url } from './urls.ts';

/** A post's HTML: Markdown is rendered when the collection syncs; MDX (a post with an island) is
 * rendered here, and each island is reduced to its server-rendered figure (no scripts in a feed). */
async function postHtml(p: Post, container: () => Promise<AstroContainer>): Promise<string> {
  if (p.entry.rendered?.html) return p.entry.rendered.html;
  const { Content } = await render(p.entry);
  const html = await (await container()).renderToString(Content);
  return html
    .replace(/<script\b[\s\S]*?<\/script>/g, '').replace(/<style\b[\s\S]*?<\/style>/g, '')
    .replace(/<astro-island\b[^>]*>/g, '').replace(/<\/astro-island>/g, '')
    .replace(/<template[^>]*data-astro-template[^>]*>[\s\S]*?<\/template>/g, '')
    .replace(/<!--astro:end-->/g, '');
}

export async function getFeedItems(): Promise<FeedItem[]> {
  const posts = await getPosts();
  let c: Promise<AstroContainer> | undefined;
  const container = () => (c ??= AstroContainer.create().then((ct) => {
    ct.addServerRenderer({ name: 'astro:jsx', renderer: mdxRenderer });
    ct.addServerRenderer({ name: '@astrojs/preact', renderer: preactRenderer });
    return ct;
  }));
  return feedItems(
    await Promise.all(posts.map(async (p) => ({ ...p, html: withoutSidenotes(await postHtml(p, container)) }))),
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
