// After a build: the old URLs of published posts (`aliases:`), each a static redirect page at
// its old path (no script: CSP-safe; noindex; canonical to the post) and a 301 in redirects.conf
// for nginx. Not Astro pages, so they stay out of the sitemap, the search index and the feeds.
import type { AstroIntegration } from 'astro';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { aliasRedirects, redirectPage, renderNginxRedirects } from '../lib/aliases.ts';
import { checkPostSource, formatProblems, type Problem } from '../lib/frontmatter-check.ts';
import { listPostFiles } from '../node/post-files.ts';
import { isScheduled } from '../lib/posts.ts';
import { fileOfPage, joinBase } from '../lib/routes.ts';
import type { BuildSettings } from '../node/settings.ts';
import { site } from '../site.config.ts';
import { nginxFragments } from '../lib/nginx-fragments.ts';

/** `settings`: where the posts are and the day the build publishes as of (src/node/settings.ts). */
export function aliasPages(settings: Pick<BuildSettings, 'contentDir' | 'now'>): AstroIntegration {
  let root = '';
  let base = '/';
  return {
    name: 'ring-zero:aliases',
    hooks: {
      'astro:config:done': ({ config }) => { root = fileURLToPath(config.root); base = config.base; },
      'astro:build:done': ({ dir, logger }) => {
        const out = fileURLToPath(dir);
        const posts = listPostFiles(resolve(root, settings.contentDir)).files
          .map((f) => checkPostSource({ path: relative(root, f), source: readFileSync(f, 'utf8') }))
          .filter((p) => !p.draft && p.date && !isScheduled({ date: p.date }, settings.now) && p.aliases?.length);
        // check-posts stopped aliases of pages it knows of before the build; a page it does not know is here now
        // taken: the page itself exists, or a folder on its path is a file (/rss.xml/x/)
        const taken = (path: string) => fileOfPage(path).split('/').some((_, i, parts) => {
          const at = join(out, ...parts.slice(0, i + 1));
          return existsSync(at) && (i === parts.length - 1 || !statSync(at).isDirectory());
        });
        const clashes: Problem[] = posts.flatMap((p) => (p.aliases ?? []).filter((a) => taken(a.path)).map((a) => ({
          file: a.file, line: a.line, field: 'aliases', severity: 'error' as const,
          message: `the alias ${a.path} is a page of the site (${fileOfPage(a.path)} in the build)`,
          fix: 'remove this alias (the old URL is a page of the site: it cannot redirect), or correct it',
        })));
        if (clashes.length) {
          logger.error(`${clashes.length} problem${clashes.length > 1 ? 's' : ''} in posts:\n${formatProblems(clashes)}`);
          process.exit(1);
        }
        const redirects = aliasRedirects(posts.map((p) => ({ slug: p.slug, aliases: (p.aliases ?? []).map((a) => a.path) })), base);
        for (const r of redirects) {
          const file = join(out, r.file);
          mkdirSync(dirname(file), { recursive: true });
          writeFileSync(file, redirectPage(r, { site: site.url, title: site.title, lang: site.lang, icon: joinBase(base, 'favicon.svg') }));
        }
        writeFileSync(join(out, nginxFragments.redirects.file), renderNginxRedirects(redirects));
        if (redirects.length) logger.info(`${redirects.length} old URL${redirects.length > 1 ? 's' : ''} of posts redirected: pages and redirects.conf`);
      },
    },
  };
}
