// The posts collection: Markdown under content/posts/, typed by the one post schema
// (src/lib/post-schema.ts; src/lib/frontmatter-check.ts runs it before a build, with file:line);
// and the reader comments archived beside imported posts (`<post folder>/comments.json`).
import { globSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { slugOfPost } from './lib/slugs.ts';
import { postSchema } from './lib/post-schema.ts';
import { summarisedLoader } from './lib/post-body.ts';
import { commentsFile, commentsSchema } from './lib/comments.ts';
import { readSettings } from './node/settings.ts';

const { contentDir } = readSettings();

const posts = defineCollection({
  // stored with the excerpt and reading time lists show, without the Markdown body (src/lib/post-body.ts)
  loader: summarisedLoader(glob({
    base: contentDir,
    pattern: '**/*.{md,mdx}',
    generateId: ({ entry, data }) => slugOfPost(data['slug'], entry),
  })),
  schema: postSchema,
});

// Keyed by the post's folder (absolute), which is how data/posts.ts finds them. Not a glob
// loader: most sites have none, and the glob loader warns about a pattern that matches nothing.
const noComments = '(no archived comments)';
const comments = defineCollection({
  loader: {
    name: 'archived-comments',
    load: async ({ store, parseData, generateDigest }) => {
      store.clear();
      const files = globSync(`**/${commentsFile}`, { cwd: contentDir }).sort();
      for (const rel of files) {
        const file = resolve(contentDir, rel);
        const raw = readFileSync(file, 'utf8');
        let json: unknown;
        try { json = JSON.parse(raw); } catch (err) { throw new Error(`${file}: not JSON (${(err as Error).message}); fix: run the import again, or restore the file`); }
        const id = dirname(file);
        store.set({ id, data: await parseData({ id, data: json as Record<string, unknown> }), digest: generateDigest(raw) });
      }
      // Astro warns on every build that a collection with no entry "does not exist or is empty":
      // without archived comments, one empty entry whose id is no post's folder
      if (!files.length) store.set({ id: noComments, data: await parseData({ id: noComments, data: { comments: [] } }), digest: generateDigest('') });
    },
  },
  schema: commentsSchema,
});

export const collections = { posts, comments };
