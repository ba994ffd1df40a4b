// The one home of slugs: the URL segment of a post, a tag and a series. Pure.
//
// Two rules, on purpose. A post's slug is its file name (or its `slug:` field): typed in shells,
// git and old links, so lower-case ASCII words joined by hyphens (slugPattern). A tag's or a
// series' slug is only ever clicked: it keeps letters of any script (日本語), folds case and Latin
// accents, and spells the symbols programmers put in names (C++ -> cpp, C# -> csharp).

/** What a post's slug may be: lower-case ASCII words joined by hyphens. */
export const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A post's slug from its title ("Linux process. The beginning." -> "linux-process-the-beginning"); empty when no ASCII letter or digit is left. */
export function postSlug(title: string): string {
  return title.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

/**
 * The slug a post's file gives it: its file name without extension; a post in a folder of its
 * own (`name/index.md`, beside its images) is named by the folder.
 */
export function slugFromPath(path: string): string {
  const parts = path.split(/[\\/]/);
  const name = parts.pop() ?? path;
  const folder = parts.pop();
  if (folder && isFolderPost(name)) return folder;
  return name.replace(/\.(md|mdx|markdown)$/i, '');
}

/** A post's slug: its `slug:` field when it has one (a string), else what its file gives it. */
export function slugOfPost(slugField: unknown, path: string): string {
  return typeof slugField === 'string' ? slugField : slugFromPath(path);
}

/** Whether a post file is its folder's index (`name/index.md`): the folder is the post's, images and comments beside it. */
export const isFolderPost = (path: string): boolean => /(^|[\\/])index\.mdx?$/.test(path);

/** Case folded, compatibility forms unified, accents dropped from Latin letters only (й stays й). */
export function foldWord(word: string): string {
  return word.normalize('NFKD').replace(/(\p{Script=Latin})\p{M}+/gu, '$1').normalize('NFKC').toLowerCase().trim();
}

/**
 * A tag's URL segment: case-folded, accents dropped, `+` as p and `#` as sharp (C++ -> cpp,
 * C# -> csharp, .NET -> dotnet), every run of other characters a hyphen. Letters of any script stay.
 */
export function tagSlug(tag: string): string {
  return foldWord(tag)
    .replace(/^\.(?=[\p{L}\p{N}])/u, 'dot')
    .replace(/\+/g, 'p')
    .replace(/#/g, 'sharp')
    .replace(/&/g, '-and-')
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}

/** A series' URL segment: the tags' rule, so `/series/linux-process/`. */
export const seriesSlug = (name: string): string => tagSlug(name);
