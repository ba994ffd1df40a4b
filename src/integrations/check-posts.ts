// Astro integration: validates every post's frontmatter before the build starts,
// so one bad post stops the build with file:line, field and fix (nothing is half-built).
import type { AstroIntegration } from 'astro';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkPostSources, formatProblems } from '../lib/frontmatter-check.ts';

/** Where posts live; RZ_CONTENT_DIR overrides it for tests and benchmarks. */
export const postsDir = process.env.RZ_CONTENT_DIR ?? 'content/posts';

export function listPosts(dir: string): string[] {
  let names: string[];
  try { names = readdirSync(dir); } catch { return []; }
  return names.flatMap((n) => {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) return listPosts(p);
    return /\.(md|mdx)$/i.test(n) ? [p] : [];
  });
}

export function checkPosts(): AstroIntegration {
  return {
    name: 'ring-zero:check-posts',
    hooks: {
      'astro:config:setup': ({ config, command, logger }) => {
        const root = fileURLToPath(config.root);
        const files = listPosts(resolve(root, postsDir));
        const problems = checkPostSources(files.map((f) => ({ path: relative(root, f), source: readFileSync(f, 'utf8') })));
        const errors = problems.filter((p) => p.severity === 'error');
        const warnings = problems.filter((p) => p.severity === 'warning');
        if (warnings.length) logger.warn(`\n${formatProblems(warnings)}`);
        if (!errors.length) return;
        const text = `${errors.length} problem${errors.length > 1 ? 's' : ''} in post frontmatter:\n${formatProblems(errors)}`;
        // The dev server keeps running so the author can fix the file and see it reload.
        if (command === 'dev') logger.error(text);
        else throw new Error(text);
      },
    },
  };
}
