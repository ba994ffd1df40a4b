// Old URLs of a post (`aliases: [/old/path/]`, checked by post-schema.ts): what a path may be,
// the errors across posts (a path another page or alias already has), and what the build
// writes for them: a static redirect page at each old path and nginx 301 rules.
import type { Problem } from './problem.ts';
import { escapeUTF8 as escapeHtml } from 'entities/escape'; // & < > " ' : for text and attributes alike
import { fileOfPage, joinBase, postPath, postSlugOfPath, siteRoutes } from './routes.ts';
import { redirectLine } from './nginx-fragments.ts';

export interface AliasUse { file: string; line: number; path: string }

// Each segment: letters, digits and the few marks URLs keep unescaped; nothing nginx or HTML would read otherwise.
const segment = /^[\p{L}\p{M}\p{N}._~!*()+,=:@-]+$/u;

/** Why `path` cannot be an alias, or undefined when it can. */
export function aliasPathProblem(path: string): { message: string; fix: string } | undefined {
  const quoted = JSON.stringify(path);
  if (!path.startsWith('/') || path.startsWith('//'))
    return { message: `the alias ${quoted} is not an absolute path on this site`, fix: 'start it with one /, e.g. `/old/path/` (no scheme or host: an alias is a path of this site)' };
  const parts = path.slice(1).replace(/\/$/, '').split('/');
  if (path === '/' || parts.some((s) => s === '' || s === '.' || s === '..'))
    return { message: `the alias ${quoted} has an empty, . or .. part`, fix: 'write the path as it appears in the old URL, e.g. `/old/path/`' };
  if (parts.some((s) => !segment.test(s)))
    return { message: `the alias ${quoted} holds characters an alias may not have (spaces, ?, #, %, quotes, ;, $, & or braces)`, fix: 'write the path alone, without a query or #fragment, with letters, digits, - . _ ~ and / (characters themselves, not %-escapes)' };
  return undefined;
}

/** The one name of an old path: without its trailing slash (`/a/` and `/a` are one URL to a reader). */
const aliasKey = (path: string): string => path.slice(1).replace(/\/$/, '');



// Under /posts/ only a post's own URL is taken: a renamed post keeps its old /posts/ URL as an alias.
const pageFolders = siteRoutes.folders.filter((d) => d !== 'posts');

/** Aliases that would replace a page of the site, a post, or another alias. `posts`: every post's file and slug. */
export function aliasProblems(uses: readonly AliasUse[], posts: ReadonlyArray<{ file: string; slug: string }>): Problem[] {
  const problems: Problem[] = [];
  const slugs = new Map(posts.map((p) => [p.slug, p.file]));
  const seen = new Map<string, AliasUse>();
  const fix = 'remove this alias (the old URL is a page of the site: it cannot redirect), or correct it';
  for (const u of uses) {
    const key = aliasKey(u.path);
    const err = (message: string, f = fix) => problems.push({ file: u.file, line: u.line, field: 'aliases', severity: 'error', message, fix: f });
    const post = postSlugOfPath(key);
    const folder = pageFolders.find((d) => key === d || key.startsWith(`${d}/`));
    if (post !== undefined && slugs.has(post)) err(`the alias ${u.path} is the URL of the post ${slugs.get(post)}`);
    else if ((siteRoutes.files as readonly string[]).includes(key) || siteRoutes.generated.test(key) || folder)
      err(`the alias ${u.path} is a page of the site${folder ? ` (everything under /${folder}/ is)` : ''}`);
    else {
      const other = seen.get(key);
      if (other) err(`the alias ${u.path} is also an alias of ${other.file}:${other.line}`, 'keep the old URL in one post only (an old URL can redirect to one place)');
      else seen.set(key, u);
    }
  }
  return problems;
}

export interface Redirect { from: string; file: string; to: string }

/** The redirects of published posts: each old path (under the site's base) to its post's URL. */
export function aliasRedirects(posts: ReadonlyArray<{ slug: string; aliases: readonly string[] }>, base: string): Redirect[] {
  return posts.flatMap((p) => p.aliases.map((a) => ({ from: joinBase(base, a), file: fileOfPage(a), to: joinBase(base, postPath(p.slug)) })))
    .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
}

/**
 * The page at an old path: sends the browser on at once (<meta refresh>: no script, so any CSP
 * allows it), says where with a link, is kept out of search engines, and names the post canonical.
 */
export function redirectPage(r: Redirect, o: { site: string; title: string; lang: string; icon: string }): string {
  const to = escapeHtml(r.to);
  const canonical = escapeHtml(new URL(r.to, o.site).href);
  return `<!DOCTYPE html>
<html lang="${escapeHtml(o.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="${escapeHtml(o.icon)}" type="image/svg+xml">
<title>Moved · ${escapeHtml(o.title)}</title>
<meta name="robots" content="noindex">
<link rel="canonical" href="${canonical}">
<meta http-equiv="refresh" content="0; url=${to}">
</head>
<body>
<main>
<h1>This post has moved</h1>
<p>It is now at <a href="${to}">${canonical}</a>.</p>
</main>
</body>
</html>
`;
}

/** nginx rules for the redirects, included in the `server` block (deploy/nginx.conf): a 301 for each old path, with and without its slash. */
export function renderNginxRedirects(redirects: readonly Redirect[]): string {
  const lines = ['# Old URLs of posts (frontmatter `aliases:`), written by the build: a 301 to the post.'];
  for (const r of redirects) {
    const paths = r.file.endsWith('/index.html') ? [r.from.replace(/\/?$/, '/'), r.from.replace(/\/$/, '')] : [r.from];
    for (const p of paths) lines.push(redirectLine(p, r.to));
  }
  return `${lines.join('\n')}\n`;
}
