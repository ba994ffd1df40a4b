// The build's settings from the environment (RZ_* variables), read and checked in one place.
// Each is documented in the README under "Configuring the site".
import { withTrailingSlash } from '../lib/routes.ts';
import { nowOf } from '../lib/instants.ts';

export interface BuildSettings {
  /** RZ_CONTENT_DIR: the folder of posts (tests and benchmarks point a build at another). */
  contentDir: string;
  /** RZ_NOW: the day the build publishes as of (default: now); posts dated after it wait. */
  now: Date;
  /** RZ_BASE: the sub-path the site is served under, with a trailing slash (default /). */
  base: string;
  /** RZ_SITE_URL: the absolute URL the site is served from, overriding src/site.config.ts. */
  siteUrl: string | undefined;
  /** RZ_CACHE_DIR: where the build caches live instead of the checkout's .cache/ (the tests keep theirs apart). */
  cacheDir: string | undefined;
  /** RZ_CARDS: `off` builds no social cards (a quicker preview of a large archive); on by default. */
  cards: boolean;
  /** RZ_PUBLISH_MANIFEST: where a build writes what the publish server needs (scripts/publish/manifest.ts); the server's hook sets it. */
  publishManifest: string | undefined;
}

// One "now" for the whole build: its checks, pages and redirects agree on which posts are due.
const started = new Date();

export function readSettings(env: NodeJS.ProcessEnv = process.env): BuildSettings {
  return {
    contentDir: env['RZ_CONTENT_DIR'] || 'content/posts',
    now: nowOf(env['RZ_NOW'], started),
    base: env['RZ_BASE'] ? parseBase(env['RZ_BASE']) : '/',
    siteUrl: env['RZ_SITE_URL'] ? parseUrl(env['RZ_SITE_URL']) : undefined,
    cacheDir: env['RZ_CACHE_DIR'] || undefined,
    cards: env['RZ_CARDS'] ? parseSwitch('RZ_CARDS', env['RZ_CARDS']) : true,
    publishManifest: env['RZ_PUBLISH_MANIFEST'] || undefined,
  };
}

function parseSwitch(name: string, value: string): boolean {
  if (/^(on|1|true|yes)$/i.test(value)) return true;
  if (/^(off|0|false|no)$/i.test(value)) return false;
  throw new Error(`${name}=${value}: write ${name}=off to leave it out, or unset it (on)`);
}


function parseBase(value: string): string {
  if (!value.startsWith('/') || /[?#\s]/.test(value)) throw new Error(`RZ_BASE=${value}: write the sub-path the site is served under, starting with /, e.g. RZ_BASE=/blog/`);
  return withTrailingSlash(value);
}

function parseUrl(value: string): string {
  let u: URL | undefined;
  try { u = new URL(value); } catch { /* reported below */ }
  if (!u || !/^https?:$/.test(u.protocol) || (u.pathname !== '/' && u.pathname !== ''))
    throw new Error(`RZ_SITE_URL=${value}: write the site's origin, e.g. RZ_SITE_URL=https://blog.example.org (a sub-path goes in RZ_BASE)`);
  return u.origin;
}
