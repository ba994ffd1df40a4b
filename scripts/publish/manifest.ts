// What a build tells the publish server, as data: the posts it held back, each with the instant
// it is due (the site's own day/time rule, src/lib/instants.ts), and the nginx files it wrote
// into dist/ (src/lib/nginx-fragments.ts), each already checked by the rule that wrote it, with
// its SHA-256. The build writes it where RZ_PUBLISH_MANIFEST says
// (src/integrations/publish-manifest.ts); the server checks the nginx files it lists before it
// publishes, keeps it beside the release (run/scheduled/<id>.json), and its daily run asks what
// is due (runtime.ts due). Nothing is read from a build's log. Pure.
import { createHash } from 'node:crypto';
import { instantOf, isValidDateString } from '../../src/lib/instants.ts';
import { nginxFragments, type NginxFragment } from '../../src/lib/nginx-fragments.ts';

export interface PublishManifest {
  /** 1 still: `nginx` is a field a server's older runtime ignores (it refuses any other version) */
  version: 1;
  /** Posts dated after the build's "now", soonest first: the day (or time) as written, and its instant. */
  scheduled: Array<{ file: string; day: string; at: string }>;
  /** The nginx files the build wrote, by kind: their name in dist/ and the SHA-256 of their text. */
  nginx: Array<{ kind: NginxFragment; file: string; sha256: string }>;
}
export type NginxFileEntry = PublishManifest['nginx'][number];

export function publishManifest(scheduled: ReadonlyArray<{ file: string; day: string }>, nginx: readonly NginxFileEntry[] = []): PublishManifest {
  return { version: 1, scheduled: scheduled.map((s) => ({ file: s.file, day: s.day, at: instantOf(s.day).toISOString() })), nginx: [...nginx] };
}

/** An nginx file as the manifest lists it: its kind, its name in dist/ and the SHA-256 of its text. */
export function nginxFileEntry(kind: NginxFragment, text: string): NginxFileEntry {
  return { kind, file: nginxFragments[kind].file, sha256: createHash('sha256').update(text).digest('hex') };
}

const isKind = (k: unknown): k is NginxFragment => typeof k === 'string' && Object.hasOwn(nginxFragments, k);

/**
 * The manifest in a file's text; none holds nothing. A release built before the nginx files were
 * listed has no `nginx` field (none listed); one built before manifests kept a list of days, one a line.
 */
export function readPublishManifest(text: string | undefined): PublishManifest {
  if (!text?.trim()) return publishManifest([]);
  if (!text.trimStart().startsWith('{')) {
    const days = text.split('\n').map((l) => l.trim()).filter(isValidDateString);
    return publishManifest(days.map((day) => ({ file: '', day })));
  }
  const m = JSON.parse(text) as { version?: unknown; scheduled?: PublishManifest['scheduled']; nginx?: unknown };
  if (m.version !== 1 || !Array.isArray(m.scheduled)) throw new Error('the build wrote a publish manifest of an unknown version');
  const nginx = Array.isArray(m.nginx) ? (m.nginx as Partial<NginxFileEntry>[]) : [];
  return {
    version: 1,
    scheduled: m.scheduled.filter((s) => typeof s.at === 'string' && !Number.isNaN(new Date(s.at).getTime())),
    nginx: nginx.filter((n): n is NginxFileEntry => isKind(n.kind) && n.file === nginxFragments[n.kind].file && typeof n.sha256 === 'string'),
  };
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
