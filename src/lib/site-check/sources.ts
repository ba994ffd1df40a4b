// The post a built page comes from, and the line in it a check problem points at, so a failed
// check names the file the author edits (and the line, where it can) beside the built URL.

import { postSlugOfPath } from '../routes.ts';

export interface PostSourceFile { file: string; text: string }

/** The post behind a built page URL (/posts/<slug>/), if any. */
export function postOfPage(url: string, bySlug: ReadonlyMap<string, PostSourceFile>): PostSourceFile | undefined {
  const slug = postSlugOfPath(url);
  return slug === undefined ? undefined : bySlug.get(decodeURIComponent(slug));
}

/** 1-based line of the frontmatter field `name:` in a post's source. */
export function fieldLine(text: string, name: string): number | undefined {
  const lines = text.split('\n');
  if (lines[0]?.replace(/^\uFEFF/, '').trimEnd() !== '---') return undefined;
  for (let i = 1; i < lines.length && lines[i]!.trimEnd() !== '---'; i++) if (lines[i]!.startsWith(`${name}:`)) return i + 1;
  return undefined;
}

/** 1-based line of the first occurrence of a snippet (at least 3 characters) in a post's source. */
export function snippetLine(text: string, snippet: string): number | undefined {
  const s = snippet.trim();
  if (s.length < 3) return undefined;
  const at = text.indexOf(s);
  return at < 0 ? undefined : text.slice(0, at).split('\n').length;
}

/** "content/posts/x.md:12" (or without the line when none is known). */
export function where(post: PostSourceFile, line: number | undefined): string {
  return line ? `${post.file}:${line}` : post.file;
}
