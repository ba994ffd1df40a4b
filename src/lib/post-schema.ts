// The one definition of a post's frontmatter: the collection's schema (src/content.config.ts) and
// the checks before a build (frontmatter-check.ts, which adds the file and line) both use it.
// Each message is "what is wrong" and "the fix", joined by fixSeparator.
import { z } from 'zod';
import { aliasPathProblem } from './aliases.ts';
import { seriesSlug, slugPattern } from './slugs.ts';
import { instantOf, isValidDateString } from './instants.ts';


export const fixSeparator = '\n    fix: ';
const say = (message: string, fix: string) => `${message}${fixSeparator}${fix}`;
const shown = (v: unknown) => JSON.stringify(v instanceof Date ? v.toISOString().slice(0, 10) : v);

/** A day as YAML gives it: a Date (an unquoted date or time) or a string (a quoted one); both read as UTC. */
const day = (name: 'date' | 'updated') => {
  const bad = (input: unknown) => input === undefined
    ? say(`the post has no ${name}`, `add a line \`${name}: 2016-12-28\` (YYYY-MM-DD) to the frontmatter`)
    : say(`${name} is not a date: ${shown(input)}`, `write ${name} as YYYY-MM-DD, e.g. \`${name}: 2016-12-28\``);
  return z.union([z.date(), z.string()], { error: (iss) => bad(iss.input) })
    .refine((v) => (v instanceof Date ? !Number.isNaN(v.getTime()) : isValidDateString(v)), { error: (iss) => bad(iss.input) })
    .transform((v) => (v instanceof Date ? v : instantOf(v)));
};

const seriesExample = 'write `series: { name: "Linux process", part: 2 }` (the name of the series, and this post\'s place in it: 1, 2, 3…)';
const aliasesExample = 'write the old paths as a list, e.g. `aliases: [/old/path/, /2016/12/old-name.html]`';

export const postSchema = z.object({
  title: z.string({ error: (iss) => iss.input === undefined
    ? say('the post has no title', 'add a line `title: "Your post title"` to the frontmatter')
    : say('title must be non-empty text', 'write the title as text, e.g. `title: "Linux process. The beginning."`') })
    .refine((t) => t.trim() !== '', { error: say('title must be non-empty text', 'write the title as text, e.g. `title: "Linux process. The beginning."`') }),
  date: day('date'),
  updated: day('updated').optional(),
  description: z.string({ error: say('description must be text', 'write it as one sentence in quotes, or remove it to use the first paragraph') }).optional(),
  tags: z.array(
    z.string({ error: say('every tag must be a word', 'write tags as a list of words, e.g. `tags: [windows, kernel]`') })
      .refine((t) => t.trim() !== '', { error: say('every tag must be a word', 'write tags as a list of words, e.g. `tags: [windows, kernel]`') }),
    { error: say('tags must be a list', 'write tags as a list, e.g. `tags: [windows, kernel]`') },
  ).default([]),
  draft: z.boolean({ error: (iss) => say(`draft must be true or false, not ${shown(iss.input)}`, 'write `draft: true` while writing and remove it (or `draft: false`) to publish') }).default(false),
  slug: z.string({ error: (iss) => say(`slug must be lower-case words joined by hyphens, not ${shown(iss.input)}`, 'e.g. `slug: linux-process-the-beginning`, or remove it to use the file name') })
    .regex(slugPattern, { error: (iss) => say(`slug must be lower-case words joined by hyphens, not ${shown(iss.input)}`, 'e.g. `slug: linux-process-the-beginning`, or remove it to use the file name') })
    .optional(),
  series: z.strictObject({
    name: z.string({ error: say('series needs a name', seriesExample) })
      .refine((n) => n.trim() !== '', { error: say('series needs a name', seriesExample) })
      .refine((n) => n.trim() === '' || seriesSlug(n) !== '', { error: (iss) => say(`the series name ${shown(iss.input)} has no letter or digit to make its URL from`, seriesExample) })
      .transform((n) => n.trim()),
    part: z.number({ error: (iss) => iss.input === undefined ? say('series needs a part number', seriesExample)
      : say(`the part must be a positive whole number, not ${shown(iss.input)}`, 'write the part as 1, 2, 3… without quotes, e.g. `part: 2`') })
      .refine((p) => Number.isInteger(p) && p >= 1, { error: (iss) => say(`the part must be a positive whole number, not ${shown(iss.input)}`, 'write the part as 1, 2, 3… without quotes, e.g. `part: 2`') }),
  }, { error: (iss) => (iss.code === 'unrecognized_keys'
    ? say(`series has no field ${iss.keys.map((k) => `"${k}"`).join(', ')}`, seriesExample)
    : say('series needs a name and a part number', seriesExample)) }).optional(),
  aliases: z.array(
    z.string({ error: (iss) => say(`the alias ${shown(iss.input)} is not a path`, aliasesExample) })
      .superRefine((path, ctx) => { const bad = aliasPathProblem(path); if (bad) ctx.addIssue({ code: 'custom', message: say(bad.message, bad.fix) }); }),
    { error: say('aliases must be a list of paths', aliasesExample) },
  ).default([]),
}).superRefine((post, ctx) => {
  if (post.updated && post.updated < post.date)
    ctx.addIssue({ code: 'custom', path: ['updated'], message: say('updated is before date', 'set updated to the day of the last change, on or after date') });
});

export type PostData = z.output<typeof postSchema>;

/** The frontmatter fields a post may have. */
export const knownFields = Object.keys(postSchema.shape) as (keyof typeof postSchema.shape)[];

/** An issue's message as what is wrong and the fix. */
export function splitMessage(message: string): { message: string; fix: string } {
  const at = message.indexOf(fixSeparator);
  return at < 0 ? { message, fix: 'see the field\'s description in README.md, "Writing a post"' } : { message: message.slice(0, at), fix: message.slice(at + fixSeparator.length) };
}
