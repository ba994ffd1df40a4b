// Astro integration: the publish manifest (scripts/publish/manifest.ts), written where
// RZ_PUBLISH_MANIFEST says once the build is done, so the publish server reads what it needs as
// data: the posts held back for a later day (given by check-posts, which read them) and the nginx
// files the other integrations wrote (each line made by nginx-fragments.ts's rule, which refuses a
// bad value), with their SHA-256. Listed last in astro.config.mjs: Astro runs the build:done hooks
// in the integrations' order.
import type { AstroIntegration } from 'astro';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nginxFileEntry, publishManifest, type NginxFileEntry } from '../../scripts/publish/manifest.ts';
import { scheduledPosts, type PostFacts } from '../lib/frontmatter-check.ts';
import { nginxFragments, type NginxFragment } from '../lib/nginx-fragments.ts';
import type { BuildSettings } from '../node/settings.ts';

export function publishManifestFile(settings: Pick<BuildSettings, 'now' | 'publishManifest'>): AstroIntegration & { posts(posts: readonly PostFacts[]): void } {
  let posts: readonly PostFacts[] = [];
  return {
    name: 'ring-zero:publish-manifest',
    /** the posts of the build, as check-posts read them */
    posts(p) { posts = p; },
    hooks: {
      'astro:build:done': ({ dir, logger }) => {
        if (!settings.publishManifest) return;
        const out = fileURLToPath(dir);
        const nginx: NginxFileEntry[] = [];
        for (const kind of Object.keys(nginxFragments) as NginxFragment[]) {
          const file = join(out, nginxFragments[kind].file);
          if (existsSync(file)) nginx.push(nginxFileEntry(kind, readFileSync(file, 'utf8')));
        }
        writeFileSync(settings.publishManifest, `${JSON.stringify(publishManifest(scheduledPosts(posts, settings.now), nginx), null, 2)}\n`);
        logger.debug(`publish manifest: ${settings.publishManifest}`);
      },
    },
  };
}
