// The posts collection: Markdown under content/posts/, typed by this schema.
// Messages name the fix; src/lib/frontmatter-check.ts adds file:line before a build.
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';
import { slugFromPath } from './lib/frontmatter-check.ts';
import { readSettings } from './lib/settings.ts';

const day = (field: string) =>
  z.coerce.date({ error: `${field}: write a date as YYYY-MM-DD, e.g. ${field}: 2016-12-28` });

const posts = defineCollection({
  loader: glob({
    base: readSettings().contentDir,
    pattern: '**/*.{md,mdx}',
    generateId: ({ entry, data }) => (typeof data['slug'] === 'string' ? data['slug'] : slugFromPath(entry)),
  }),
  schema: z.object({
    title: z.string({ error: 'title: add `title: "Your post title"`' }).min(1, 'title: must not be empty'),
    date: day('date'),
    updated: day('updated').optional(),
    description: z.string({ error: 'description: write one sentence, or remove it to use the first paragraph' }).optional(),
    tags: z.array(z.string(), { error: 'tags: write a list, e.g. tags: [windows, kernel]' }).default([]),
    draft: z.boolean({ error: 'draft: write true or false' }).default(false),
    slug: z.string().optional(),
    series: z.object({
      name: z.string().trim().min(1, 'series: give the series a name'),
      part: z.number().int().positive('series: the part must be a positive whole number, e.g. part: 2'),
    }, { error: 'series: write `series: { name: "Linux process", part: 2 }`' }).optional(),
    aliases: z.array(z.string().startsWith('/', 'aliases: start each old path with /'), { error: 'aliases: write a list of old paths, e.g. aliases: [/old/path/]' }).default([]),
  }),
});

export const collections = { posts };
