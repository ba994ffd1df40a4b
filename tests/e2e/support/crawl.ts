// Follows every internal link of a served site: pages, assets, feeds and #anchors.
const attr = /\s(?:href|src)="([^"]+)"/g;
const ids = /\sid="([^"]+)"/g;

export interface CrawlResult { pages: string[]; fetched: Map<string, number>; broken: string[]; external: Set<string> }

export async function crawl(start: string, opts: { extraStarts?: string[] } = {}): Promise<CrawlResult> {
  const origin = new URL(start).origin;
  const queue = [start, ...(opts.extraStarts ?? [])];
  const fetched = new Map<string, number>();
  const idsByPage = new Map<string, Set<string>>();
  const anchors: Array<{ from: string; page: string; id: string }> = [];
  const broken: string[] = [];
  const external = new Set<string>();
  while (queue.length) {
    const url = queue.shift()!;
    if (fetched.has(url)) continue;
    const res = await fetch(url);
    fetched.set(url, res.status);
    if (res.status !== 200) { broken.push(`${url} -> ${res.status}`); continue; }
    const type = res.headers.get('content-type') ?? '';
    if (!/html|xml|json/.test(type)) { await res.arrayBuffer(); continue; }
    const text = await res.text();
    if (type.includes('html')) idsByPage.set(url, new Set([...text.matchAll(ids)].map((m) => m[1]!)));
    const links = type.includes('html') ? [...text.matchAll(attr)].map((m) => m[1]!)
      : [...text.matchAll(/<loc>([^<]+)<\/loc>|<link>([^<]+)<\/link>|"(?:url|home_page_url|feed_url)":\s*"([^"]+)"/g)].map((m) => m[1] ?? m[2] ?? m[3]!);
    for (const raw of links) {
      const target = new URL(raw.replace(/&amp;/g, '&'), url);
      if (target.origin !== origin) {
        // Feeds and sitemaps carry the configured public URL: map it back onto this server.
        if (/^https?:$/.test(target.protocol)) external.add(target.href);
        continue;
      }
      const page = `${target.origin}${target.pathname}${target.search}`;
      if (target.hash.length > 1 && type.includes('html')) anchors.push({ from: url, page, id: decodeURIComponent(target.hash.slice(1)) });
      if (!fetched.has(page)) queue.push(page);
    }
  }
  for (const a of anchors) {
    if (!idsByPage.get(a.page)?.has(a.id)) broken.push(`${a.from} -> ${a.page}#${a.id} (no such id)`);
  }
  return { pages: [...idsByPage.keys()], fetched, broken, external };
}
