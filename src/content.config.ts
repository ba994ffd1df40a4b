// The posts collection: Markdown under content/posts/, typed by the one post schema
// (src/lib/post-schema.ts; src/lib/frontmatter-check.ts runs it before a build, with file:line).
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { slugFromPath } from './lib/frontmatter-check.ts';
import { postSchema } from './lib/post-schema.ts';
import { readSettings } from './lib/settings.ts';

const posts = defineCollection({
  loader: glob({
    base: readSettings().contentDir,
    pattern: '**/*.{md,mdx}',
    generateId: ({ entry, data }) => (typeof data['slug'] === 'string' ? data['slug'] : slugFromPath(entry)),
  }),
  schema: postSchema,
});

export const collections = { posts };
