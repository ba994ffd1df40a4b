// The <title> of a page: the page's title and the site's, cut at a word to fit the length search
// engines show (html-validate's long-title rule, 70 characters); the <h1> keeps the full title.
export const titleMax = 70;

export function pageTitle(title: string | undefined, siteTitle: string, max = titleMax): string {
  if (!title) return siteTitle;
  const suffix = ` · ${siteTitle}`;
  const full = `${title}${suffix}`;
  if (full.length <= max) return full;
  const room = max - suffix.length - 1; // 1 for the ellipsis
  if (room < 10) return title.length <= max ? title : `${cut(title, max - 1)}…`;
  return `${cut(title, room)}…${suffix}`;
}

/** At most n characters of text, ending at a word boundary when one is near, without trailing punctuation. */
function cut(text: string, n: number): string {
  const head = [...text].slice(0, n).join('');
  const space = head.lastIndexOf(' ');
  const words = space >= n * 0.6 ? head.slice(0, space) : head;
  return words.replace(/[\s.,:;!?·–—-]+$/u, '');
}
