// What a build tells the publish server, as data: the posts it held back, each with the instant
// it is due (the site's own day/time rule, src/lib/instants.ts). The build writes it where
// RZ_PUBLISH_MANIFEST says (src/integrations/check-posts.ts); the server's hook keeps it beside
// the release and asks this file, run by Node, what is due. Nothing is read from a build's log.
//   node manifest.ts due <manifest file> <release id>   prints "due <day>", "next <day>" or "none"
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { instantOf, isValidDateString, nowOf } from '../../src/lib/instants.ts';

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

/** When a release was built: its id begins with the build's UTC time, YYYYmmddTHHMMSS. */
export function builtAt(releaseId: string): Date {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})/.exec(releaseId);
  if (!m) throw new Error(`not a release id: ${releaseId}`);
  return new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`);
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

// run by the hook (import.meta.main is Node 24.2+; the server may run an older Node)
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [command, file, release] = process.argv.slice(2);
  try {
    if (command !== 'due' || !file || !release) throw new Error('usage: node manifest.ts due <manifest file> <release id>');
    let text: string | undefined;
    try { text = readFileSync(file, 'utf8'); } catch (e) { if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e; }
    const r = dueScheduled(readPublishManifest(text), builtAt(release), nowOf(process.env['RZ_NOW'], new Date()));
    console.log(r.due ? `due ${r.due}` : r.next ? `next ${r.next}` : 'none');
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(1);
  }
}
