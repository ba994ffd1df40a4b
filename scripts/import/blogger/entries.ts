// The export's entries sorted into what becomes a post (published or draft) and what does not
// (pages, settings, the template, trashed posts), with each post's reader comments attached.
import type { Entry } from './atom.ts';

export interface Classified {
  posts: Entry[];
  /** Comments by their post's id, oldest first. */
  comments: Map<string, Entry[]>;
  skipped: { pages: Entry[]; trashed: Entry[]; settings: number; template: number; other: number; orphanComments: number };
}

/** The number at the end of a Blogger id (`tag:blogger.com,1999:blog-1.post-42` -> `42`): the two schemas write it differently. */
export const postKey = (id: string): string => /(\d+)$/.exec(id.trim())?.[1] ?? id.trim();

export function classify(entries: readonly Entry[]): Classified {
  const posts: Entry[] = [];
  const comments = new Map<string, Entry[]>();
  const skipped: Classified['skipped'] = { pages: [], trashed: [], settings: 0, template: 0, other: 0, orphanComments: 0 };
  const byTime = (a: Entry, b: Entry) => (a.published < b.published ? -1 : a.published > b.published ? 1 : 0);
  for (const e of entries) {
    if (e.kind === 'post') (e.trashed ? skipped.trashed : posts).push(e);
    else if (e.kind === 'page') skipped.pages.push(e);
    else if (e.kind === 'settings') skipped.settings++;
    else if (e.kind === 'template') skipped.template++;
    else if (e.kind !== 'comment') skipped.other++;
  }
  const keys = new Set(posts.map((p) => postKey(p.id)));
  for (const e of entries) {
    // only published comments: not one waiting for moderation, marked as spam, or in the bin
    if (e.kind !== 'comment' || e.trashed || (e.status !== undefined && e.status !== 'LIVE')) continue;
    const key = e.parent ? postKey(e.parent) : '';
    if (!keys.has(key)) { skipped.orphanComments++; continue; }
    const list = comments.get(key) ?? [];
    list.push(e);
    comments.set(key, list);
  }
  for (const list of comments.values()) list.sort(byTime);
  posts.sort(byTime);
  return { posts, comments, skipped };
}
