// The one home of URL joining: the site's base path (Astro's `base`, RZ_BASE) and paths under it.

/** A base path with exactly one trailing slash: "/blog" and "/blog/" -> "/blog/", "" -> "/". */
export function withTrailingSlash(base: string): string {
  return base.endsWith('/') ? base : `${base}/`;
}

/** Join a site-relative path onto the base ("/" or "/blog" or "/blog/"), keeping one slash between. */
export function joinBase(base: string, path: string): string {
  return `${withTrailingSlash(base)}${path.replace(/^\/+/, '')}`;
}
