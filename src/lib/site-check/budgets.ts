// Page-weight budgets and the no-third-party rule, over a built page's HTML.

export interface PageAssets { scripts: string[]; styles: string[]; inlineScripts: number; inlineStyles: number; styleAttributes: number; external: string[] }

/** What a page loads by itself: script and stylesheet URLs, inline blocks, and any other-origin resource. */
export function pageAssets(html: string): PageAssets {
  const scripts = [...html.matchAll(/<script\b[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1]!);
  const modulePreloads = [...html.matchAll(/<link\b[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)].map((m) => m[1]!);
  const styles = [...html.matchAll(/<link\b[^>]*rel="stylesheet"[^>]*href="([^"]+)"|<link\b[^>]*href="([^"]+)"[^>]*rel="stylesheet"/g)].map((m) => (m[1] ?? m[2])!);
  const inlineScripts = [...html.matchAll(/<script\b(?![^>]*\ssrc=)(?![^>]*type="application\/(?:ld\+)?json")[^>]*>/g)].length;
  const inlineStyles = [...html.matchAll(/<style\b/g)].length;
  const styleAttributes = [...html.matchAll(/<[a-zA-Z][^>]*\sstyle="/g)].length;
  // Resources the browser fetches on load: scripts, styles, images, fonts, iframes, media. Plain links are not loads.
  const loads = [...html.matchAll(/<(script|img|iframe|source|video|audio|embed|object)\b[^>]*\s(?:src|data)="([^"]+)"|<link\b[^>]*rel="(?:stylesheet|preload|modulepreload|icon|prefetch|preconnect|dns-prefetch)"[^>]*href="([^"]+)"/g)]
    .map((m) => (m[2] ?? m[3])!);
  const external = loads.filter((u) => /^(https?:)?\/\//i.test(u));
  return { scripts: [...new Set([...scripts, ...modulePreloads])], styles, inlineScripts, inlineStyles, styleAttributes, external };
}
