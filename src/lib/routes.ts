// The one home of the site's URLs: the base path (Astro's `base`, RZ_BASE), every page's path,
// the list of the site's own routes (checked against src/pages/ and public/ by routes.test.ts),
// and the mapping between a URL and its file in the built site. Pure.
import { nginxFragments } from './nginx-fragments.ts';

/** A base path with exactly one trailing slash: "/blog" and "/blog/" -> "/blog/", "" -> "/". */
export function withTrailingSlash(base: string): string {
  return base.endsWith('/') ? base : `${base}/`;
}

/** Join a site-relative path onto the base ("/" or "/blog" or "/blog/"), keeping one slash between. */
export function joinBase(base: string, path: string): string {
  return `${withTrailingSlash(base)}${path.replace(/^\/+/, '')}`;
}

// Paths under the base, without it: what src/pages/ serves.
/** A post's page: `posts/<slug>/`. */
export const postPath = (slug: string): string => `posts/${slug}/`;
/** A tag's page (its slug by tags.ts's rule, percent-encoded: tags keep letters of any script). */
export const tagPath = (tagSlug: string): string => `tags/${encodeURIComponent(tagSlug)}/`;
/** A series' page. */
export const seriesPath = (seriesSlug: string): string => `series/${encodeURIComponent(seriesSlug)}/`;
/**
 * The site's URL builders for one base: a path, a post, a tag or a series, base included
 * (src/data/urls.ts binds them to Astro's base for pages and components).
 */
export function siteUrls(base: string) {
  const url = (path: string): string => joinBase(base, path);
  return {
    url,
    postUrl: (slug: string): string => url(postPath(slug)),
    tagUrl: (tagSlug: string): string => url(tagPath(tagSlug)),
    seriesUrl: (seriesSlug: string): string => url(seriesPath(seriesSlug)),
    /** A site URL's path under the base (`/blog/posts/x/` -> `posts/x/`). */
    pathOf: (urlPath: string): string => {
      const b = withTrailingSlash(base);
      return urlPath.startsWith(b) ? urlPath.slice(b.length) : urlPath.replace(/^\/+/, '');
    },
  };
}

/** The pages and feeds of which the site has one, under the base. */
export const pagePaths = {
  home: '',
  archive: 'archive/',
  tags: 'tags/',
  series: 'series/',
  search: 'search/',
  rss: 'rss.xml',
  jsonFeed: 'feed.json',
  sitemap: 'sitemap-index.xml',
} as const;
/** Page n of the home page's list (1 is the home page itself). */
export const listPagePath = (n: number): string => (n === 1 ? '' : `page/${n}/`);

/**
 * The social card (og:image) of a page, by the page's path: a post, a tag and a series have their
 * own (`cards/posts/<slug>.png`); every other page shows the home page's (`cards/home.png`).
 */
export function cardPath(pagePath: string): string {
  const p = pagePath.replace(/^\/+|\/+$/g, '');
  return /^(posts|tags|series)\/[^/]+$/.test(p) ? `cards/${p}.png` : 'cards/home.png';
}

/** A card's path as the card route's `[...card]` param: without `cards/` and `.png`. */
export function cardParam(path: string): string {
  return path.replace(/^cards\//, '').replace(/\.png$/, '');
}

/** The search index (Pagefind's output folder) and the search runtime in it, under the base. */
export const searchIndex = { folder: 'pagefind', runtime: 'pagefind/pagefind.js' } as const;

/** The slug of a post's page path (`posts/x` or `posts/x/`), or undefined for any other path. */
export function postSlugOfPath(path: string): string | undefined {
  return /^\/?posts\/([^/]+)\/?$/.exec(path)?.[1];
}

/**
 * What the site itself serves at its top level: files (pages, feeds, what public/ and the
 * integrations write) and folders (everything under them is the site's). An old URL (alias)
 * may be none of these. routes.test.ts checks the list against src/pages/ and public/.
 */
export const siteRoutes = {
  files: ['index.html', '404.html', '404', 'rss.xml', 'feed.json', 'robots.txt', 'favicon.svg', '_headers', nginxFragments.headers.file, nginxFragments.redirects.file],
  folders: ['posts', 'tags', 'series', 'page', 'archive', 'search', 'cards', '_astro', searchIndex.folder],
  /** Files the sitemap integration writes. */
  generated: /^sitemap-[^/]*\.xml$/,
} as const;

/** The URL of a built file (`posts/x/index.html` -> `<base>posts/x/`, `rss.xml` -> `<base>rss.xml`). */
export function urlOfFile(file: string, base: string): string {
  const path = file.replace(/^\/+/, '').replace(/(^|\/)index\.html$/, '$1').replace(/\.html$/, '/');
  return `${withTrailingSlash(base)}${path}`;
}

/**
 * The built files a URL path may be served from, in the order a static host tries them:
 * the file itself, or a folder's index.html (`/posts/x/` and `/posts/x` -> posts/x/index.html).
 * Paths are relative to the build's output and carry no base (the caller strips it).
 */
export function filesOfUrl(path: string): string[] {
  const p = path.replace(/^\/+/, '');
  if (p === '' || p.endsWith('/')) return [`${p}index.html`];
  return [p, `${p}/index.html`];
}

/**
 * The file a page at a URL path (no base) is written to: its folder's index.html, so that `/a/`
 * and `/a` both find it, or the .html file the path names (`/2016/12/x.html`, as Blogger's were).
 */
export function fileOfPage(path: string): string {
  const files = filesOfUrl(path);
  return /\.html?$/i.test(path) ? files[0]! : files.at(-1)!;
}
