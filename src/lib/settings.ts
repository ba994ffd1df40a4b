// The build's settings from the environment (RZ_* variables), read and checked in one place.
// Each is documented in the README under "Configuration".

export interface BuildSettings {
  /** RZ_CONTENT_DIR: the folder of posts (tests and benchmarks point a build at another). */
  contentDir: string;
  /** RZ_NOW: the day the build publishes as of (default: now); posts dated after it wait. */
  now: Date;
}

export function readSettings(env: NodeJS.ProcessEnv = process.env): BuildSettings {
  return {
    contentDir: env['RZ_CONTENT_DIR'] || 'content/posts',
    now: env['RZ_NOW'] ? parseNow(env['RZ_NOW']) : new Date(),
  };
}

function parseNow(value: string): Date {
  const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(d.getTime()))
    throw new Error(`RZ_NOW=${value}: write the day to publish as of as YYYY-MM-DD (or an ISO time such as 2027-01-05T09:00:00Z), or unset it to publish as of now`);
  return d;
}
