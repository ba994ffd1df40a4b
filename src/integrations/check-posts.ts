// Astro integration: checks every post file, its frontmatter and its body before the build starts, so one
// bad post stops the build with file:line, field and fix (nothing is half-built), and says which
// posts are scheduled (dated after the build's day) and when they appear, in the log (the publish
// server learns them from the publish manifest, src/integrations/publish-manifest.ts).
import type { AstroIntegration } from 'astro';
import { readFileSync, statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatProblems, inspectPostSources, scheduledPosts, type PostFacts } from '../lib/frontmatter-check.ts';
import { checkPostBodies } from '../lib/body-check.ts';
import { listPostFiles } from '../node/post-files.ts';
import type { BuildSettings } from '../node/settings.ts';

/**
 * `settings`: where the posts are and the day the build publishes as of (src/node/settings.ts);
 * `onPosts`: given what the checks read of every post when a build's posts pass them (the cards
 * start drawing; the publish manifest lists the scheduled ones).
 */
export function checkPosts(settings: Pick<BuildSettings, 'contentDir' | 'now'>, { onPosts }: { onPosts?: (posts: PostFacts[]) => void } = {}): AstroIntegration {
  return {
    name: 'ring-zero:check-posts',
    hooks: {
      'astro:config:setup': ({ config, command, logger }) => {
        const root = fileURLToPath(config.root);
        const listed = listPostFiles(resolve(root, settings.contentDir), (f) => relative(root, f));
        const sources = listed.files.map((f) => ({ path: relative(root, f), source: readFileSync(f, 'utf8') }));
        const inspected = inspectPostSources(sources);
        const isFile = (f: string) => { try { return statSync(f).isFile(); } catch { return false; } };
        const problems = [...listed.problems, ...inspected.problems, ...checkPostBodies(sources, { root, isFile })];
        const errors = problems.filter((p) => p.severity === 'error');
        const warnings = problems.filter((p) => p.severity === 'warning');
        if (warnings.length) logger.warn(`\n${formatProblems(warnings)}`);
        if (errors.length) {
          const text = `${errors.length} problem${errors.length > 1 ? 's' : ''} in posts:\n${formatProblems(errors)}`;
          logger.error(text);
          // The dev server keeps running so the author can fix the file and see it reload. A build
          // exits: a thrown error would add a stack trace and Astro's guessed hints (any "window" in
          // the text earns one about browser APIs) to the author's message.
          if (command !== 'dev') process.exit(1);
        }
        if (command !== 'build') return;
        onPosts?.(inspected.posts);
        const scheduled = scheduledPosts(inspected.posts, settings.now);
        if (scheduled.length)
          logger.info(`${scheduled.length} scheduled post${scheduled.length > 1 ? 's' : ''}, published by the first build on or after its day (UTC):\n${
            scheduled.map((s) => `  scheduled: ${s.file} on ${s.day}`).join('\n')}`);
      },
    },
  };
}
