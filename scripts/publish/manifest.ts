// What a build tells the publish server, as data: the posts it held back, each with the instant
// it is due (the site's own day/time rule, src/lib/instants.ts). The build writes it where
// RZ_PUBLISH_MANIFEST says (src/integrations/check-posts.ts); the server keeps it beside the
// release, run/scheduled/<id>.json, and its daily run asks what is due (runtime.ts due).
// Nothing is read from a build's log. Pure.
import { instantOf, isValidDateString } from '../../src/lib/instants.ts';

export interface PublishManifest {
  version: 1;
  /** Posts dated after the build's "now", soonest first: the day (or time) as written, and its instant. */
  scheduled: Array<{ file: string; day: string; at: string }>;
}

export function publishManifest(scheduled: ReadonlyArray<{ file: string; day: string }>): PublishManifest {
  return { version: 1, scheduled: scheduled.map((s) => ({ file: s.file, day: s.day, at: instantOf(s.day).toISOString() })) };
}

/**
 * The manifest in a file's text; none holds nothing scheduled. A release built before manifests
 * kept a list of days instead, one a line: read as such.
 */
export function readPublishManifest(text: string | undefined): PublishManifest {
  if (!text?.trim()) return { version: 1, scheduled: [] };
  if (!text.trimStart().startsWith('{')) {
    const days = text.split('\n').map((l) => l.trim()).filter(isValidDateString);
    return publishManifest(days.map((day) => ({ file: '', day })));
  }
  const m = JSON.parse(text) as Partial<PublishManifest>;
  if (m.version !== 1 || !Array.isArray(m.scheduled)) throw new Error('the build wrote a publish manifest of an unknown version');
  return { version: 1, scheduled: m.scheduled.filter((s) => typeof s.at === 'string' && !Number.isNaN(new Date(s.at).getTime())) };
}

/**
 * For the daily `scheduled` run: the earliest post a release built at `built` held back that is
 * due by `now` (so the branch is built again), else the next one still to come.
 */
export function dueScheduled(m: PublishManifest, built: Date, now: Date): { due?: string; next?: string } {
  const out: { due?: string; next?: string } = {};
  for (const s of [...m.scheduled].sort((a, b) => a.at.localeCompare(b.at))) {
    const at = new Date(s.at);
    if (at > built && at <= now) out.due ??= s.day;
    else if (at > now) out.next ??= s.day;
  }
  return out;
}
