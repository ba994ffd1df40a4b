// The import's closing report, as data (run.ts fills it) and as the text the command prints.
import type { Notice } from './problems.ts';

export interface ImportReport {
  file: string;
  schema: 'legacy' | 'takeout';
  blog: string | undefined;
  out: string;
  tzNote: string;
  written: Array<{ file: string; title: string; isNew: boolean }>;
  unchanged: Array<{ file: string; title: string }>;
  kept: Array<{ file: string; title: string }>;
  /** Posts of the last import whose folder the author deleted or moved: not written again. */
  removed: Array<{ file: string; title: string }>;
  clashes: Array<{ title: string; file: string; why: string }>;
  drafts: number;
  skipped: { pages: string[]; trashed: string[]; settings: number; template: number; other: number };
  comments: { archived: number; orphans: number };
  images: { fetched: number; reused: number; failed: number; skipped: number };
  listings: Array<{ file: string; line: number | undefined; lang: string; why: string; lines: number }>;
  notices: Notice[];
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const at = (n: { file: string; line?: number | undefined }) => `${n.file}${n.line ? `:${n.line}` : ''}`;

export function formatReport(r: ImportReport): string {
  const out: string[] = [];
  const source = r.schema === 'legacy' ? 'a Blogger backup (Back up content)' : `Google Takeout${r.blog ? `, blog "${r.blog}"` : ''}`;
  out.push(`Imported ${r.file} (${source}) into ${r.out}/`);
  const total = r.written.length + r.unchanged.length;
  const fresh = r.written.filter((w) => w.isNew).length;
  out.push(`  posts: ${total} (${fresh} new, ${r.written.length - fresh} updated, ${r.unchanged.length} unchanged), ${plural(r.drafts, 'draft')} among them`);
  const s = r.skipped;
  const skipped = [
    s.pages.length && `${plural(s.pages.length, 'page')} (${s.pages.map((p) => `"${p}"`).join(', ')})`,
    s.trashed.length && `${plural(s.trashed.length, 'trashed post')} (${s.trashed.map((p) => `"${p}"`).join(', ')})`,
    s.settings && plural(s.settings, 'setting'), s.template && 'the template', s.other && plural(s.other, 'other entry', 'other entries'),
  ].filter(Boolean);
  out.push(`  not imported as posts: ${skipped.length ? skipped.join(', ') : 'nothing'}`);
  out.push(`  comments: ${r.comments.archived} archived with their posts${r.comments.orphans ? `, ${r.comments.orphans} left out (their post is not imported)` : ''}`);
  out.push(`  images: ${r.images.fetched} fetched, ${r.images.reused} already here, ${r.images.failed} failed${r.images.skipped ? `, ${r.images.skipped} not fetched (--no-images)` : ''}`);
  const langs = new Map<string, number>();
  for (const l of r.listings) langs.set(l.lang, (langs.get(l.lang) ?? 0) + 1);
  out.push(`  listings: ${r.listings.length}${langs.size ? ` (${[...langs].map(([l, n]) => `${l} ${n}`).join(', ')})` : ''}`);
  for (const l of r.listings) out.push(`    ${at(l)}: ${l.lang}, ${plural(l.lines, 'line')} (${l.why})`);
  out.push(`  dates: ${r.tzNote}`);
  for (const w of r.written) out.push(`  ${w.isNew ? 'new' : 'updated'}: ${w.file}`);
  const eye = [
    ...r.kept.map((k) => `${k.file}: edited since the last import, so kept as it is ("${k.title}"); --force overwrites it`),
    ...r.removed.map((k) => `${k.file}: gone since the last import (deleted or moved), so not written again ("${k.title}"); --force writes it back`),
    ...r.clashes.map((c) => `"${c.title}" is already in ${c.file} (${c.why}), so it was not imported again; delete that file and run again to take the imported copy`),
    ...r.listings.filter((l) => l.lang === 'text').map((l) => `${at(l)}: a listing in no language this import recognises: shown as plain text; name its language on the fence if it has one`),
    ...r.notices.map((n) => `${at(n)}: ${n.message}`),
  ];
  if (eye.length) { out.push('', 'Needs your eye:'); for (const e of eye) out.push(`  ${e}`); }
  if (!r.written.length && total) out.push('', `Nothing changed: every post is as the last import wrote it.`);
  out.push('', `Next: RZ_CONTENT_DIR=${r.out} npm run check  (builds and checks exactly what was imported)`);
  return out.join('\n');
}
