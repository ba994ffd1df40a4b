// Site identity: the one place an author edits to make the blog theirs.
// Validated with zod so a typo fails the build with the field and the fix.
import { z } from 'astro/zod';
import { readSettings } from './node/settings.ts';

const siteConfigSchema = z.object({
  title: z.string().min(1, 'title: give the blog a name, e.g. title: "Ring Zero"'),
  description: z.string().min(1, 'description: one sentence that says what the blog is about'),
  author: z.object({
    name: z.string().min(1, 'author.name: the name shown on posts and in feeds'),
    url: z.url({ error: 'author.url: an absolute URL such as https://github.com/you' }).optional(),
  }),
  /** Absolute URL of the deployed site, without the base path; feeds, sitemap and canonical links use it. */
  url: z.url({ error: 'url: the absolute URL the site is served from, e.g. https://ringzero.example' }),
  lang: z.string().default('en'),
  postsPerPage: z.number().int().positive({ error: 'postsPerPage: a whole number of posts per home page, e.g. 10' }).default(10),
  /** Posts in the feeds; 0 means all. */
  feedLimit: z.number().int().min(0).default(20),
});

export type SiteConfig = z.infer<typeof siteConfigSchema>;

export function parseSiteConfig(input: unknown): SiteConfig {
  const result = siteConfigSchema.safeParse(input);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  - ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new Error(`src/site.config.ts is invalid:\n${lines.join('\n')}`);
  }
  return result.data;
}

export const site: SiteConfig = parseSiteConfig({
  title: 'Ring Zero',
  description: 'Windows, macOS and Linux internals, from the kernel up: notes of a kernel engineer.',
  author: { name: 'slavaim', url: 'https://github.com/slavaim' },
  url: readSettings().siteUrl ?? 'https://ringzero.example',
  lang: 'en',
  postsPerPage: 10,
  feedLimit: 20,
});
