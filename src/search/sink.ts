// Where the build-time middleware (src/search/pagefind-middleware.ts) finds the index
// of the build in progress: one process-wide slot, set by the Pagefind integration for the
// length of `astro build`.
export const SEARCH_SINK = Symbol.for('ring-zero.search-sink');

export interface SearchSink {
  /** A page Astro just rendered: its URL path and HTML (the bytes it writes to disk). */
  page(pathname: string, html: string): void;
}
