// Reads a Blogger export, streamed through a real XML parser (saxes), into plain entries: either
// schema, the "Back up content" file (2008 kind categories) or Takeout's feed.atom (2018
// blogger: elements), detected from the entries themselves. Pure: it is fed text chunks.
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { ImportError } from './problems.ts';

export type Schema = 'legacy' | 'takeout';
export type EntryKind = 'post' | 'page' | 'comment' | 'settings' | 'template' | 'other';

export interface Entry {
  /** Blogger's id, e.g. tag:blogger.com,1999:blog-1.post-2 */
  id: string;
  kind: EntryKind;
  title: string;
  /** The body as Blogger stored it (HTML). */
  html: string;
  /** ISO times as written (legacy: the blog's local time with an offset; Takeout: UTC). */
  published: string;
  updated: string;
  labels: string[];
  draft: boolean;
  /** Takeout's status (LIVE, DRAFT, and for comments perhaps PENDING or SPAM), when it has one. */
  status: string | undefined;
  trashed: boolean;
  /** The post's path on the old blog (`/2016/12/slug.html`), when it had one. */
  oldPath: string | undefined;
  /** The old blog's origin, from the alternate link (legacy only). */
  oldOrigin: string | undefined;
  /** For a comment, the id of its post. */
  parent: string | undefined;
  author: string;
  /** The XML line the entry starts on. */
  line: number;
}

export interface Feed { schema: Schema; entries: Entry[] }

const ATOM = 'http://www.w3.org/2005/Atom';
const APP = 'http://purl.org/atom/app#';
const THR = 'http://purl.org/syndication/thread/1.0';
const BLOGGER_2018 = 'http://schemas.google.com/blogger/2018';
const KIND_SCHEME = 'http://schemas.google.com/g/2005#kind';
const LEGACY_LABELS = 'http://www.blogger.com/atom/ns#';

const kindOfLegacy = (term: string): EntryKind | undefined => {
  const m = /\/blogger\/2008\/kind#(\w+)$/.exec(term);
  if (!m) return undefined;
  const k = m[1];
  return k === 'post' || k === 'page' || k === 'comment' || k === 'settings' || k === 'template' ? k : 'other';
};
const kindOfTakeout = (type: string): EntryKind => {
  const t = type.trim().toUpperCase();
  return t === 'POST' ? 'post' : t === 'PAGE' ? 'page' : t === 'COMMENT' ? 'comment' : 'other';
};

const pathOf = (href: string): { path: string; origin: string } | undefined => {
  try { const u = new URL(href); return { path: decodeURI(u.pathname), origin: u.origin }; } catch { return undefined; }
};

/** A streaming reader: `write` chunks, then `end()` returns the feed. `file` names it in errors. */
export function atomReader(file: string) {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const entries: Entry[] = [];
  let rootSeen = false;
  let legacyMarks = 0;
  let takeoutMarks = 0;
  let entry: (Entry & { kindSet: boolean }) | undefined;
  let text: string[] | undefined; // the text of the element being collected
  const path: string[] = []; // element local names inside the current entry

  const fresh = (line: number): Entry & { kindSet: boolean } => ({
    id: '', kind: 'other', kindSet: false, title: '', html: '', published: '', updated: '', labels: [], draft: false, status: undefined, trashed: false,
    oldPath: undefined, oldOrigin: undefined, parent: undefined, author: '', line,
  });
  const collects = (tag: SaxesTagNS) => {
    const p = path.join('/');
    if (tag.uri === ATOM) return ['id', 'title', 'content', 'published', 'updated', 'author/name'].includes(p);
    if (tag.uri === APP) return p === 'control/draft';
    if (tag.uri === BLOGGER_2018) return ['type', 'status', 'trashed', 'filename', 'parent'].includes(p);
    return false;
  };

  parser.on('opentag', (tag) => {
    if (!rootSeen) {
      rootSeen = true;
      if (tag.local === 'rss') {
        const wordpress = Object.values(tag.ns ?? {}).some((uri) => uri.startsWith('http://wordpress.org/export/'));
        throw notBlogger(file, wordpress ? 'it is a WordPress export (WXR, an RSS file)' : 'it is an RSS feed (a feed holds only the latest posts, and no drafts or comments)');
      }
      if (tag.local !== 'feed' || tag.uri !== ATOM) throw notBlogger(file, `its root element is <${tag.name}>, not an Atom <feed>`);
      return;
    }
    if (!entry) {
      if (tag.local === 'entry' && tag.uri === ATOM) { entry = fresh(parser.line); path.length = 0; }
      return;
    }
    path.push(tag.local);
    const attr = (name: string) => (tag.attributes[name] as { value: string } | undefined)?.value ?? '';
    if (path.length === 1 && tag.local === 'category' && tag.uri === ATOM) {
      const scheme = attr('scheme');
      const term = attr('term');
      if (scheme === KIND_SCHEME) {
        const k = kindOfLegacy(term);
        if (k) { entry.kind = k; entry.kindSet = true; legacyMarks++; }
      } else if (term.trim() && (scheme === LEGACY_LABELS || scheme.startsWith('tag:blogger.com,1999:blog-'))) {
        entry.labels.push(term.trim());
      }
    } else if (path.length === 1 && tag.local === 'link' && tag.uri === ATOM && attr('rel') === 'alternate') {
      const at = pathOf(attr('href'));
      if (at) { entry.oldPath = at.path; entry.oldOrigin = at.origin; }
    } else if (path.length === 1 && tag.local === 'in-reply-to' && tag.uri === THR) {
      entry.parent = attr('ref');
    }
    if (collects(tag)) text = [];
  });
  parser.on('text', (t) => { if (text) text.push(t); else if (!rootSeen && t.trim()) throw notBlogger(file, 'it starts with text, not XML'); });
  parser.on('cdata', (t) => { if (text) text.push(t); });
  parser.on('closetag', (tag) => {
    if (!entry) return;
    if (tag.local === 'entry' && tag.uri === ATOM && path.length === 0) {
      finishEntry(entry);
      entry = undefined;
      return;
    }
    const p = path.join('/');
    if (text) {
      const value = text.join('');
      text = undefined;
      if (tag.uri === ATOM) {
        if (p === 'id') entry.id = value.trim();
        else if (p === 'title') entry.title = value;
        else if (p === 'content') entry.html = value;
        else if (p === 'published') entry.published = value.trim();
        else if (p === 'updated') entry.updated = value.trim();
        else if (p === 'author/name') entry.author = value.trim();
      } else if (tag.uri === APP && p === 'control/draft') entry.draft = value.trim() === 'yes';
      else if (tag.uri === BLOGGER_2018) {
        takeoutMarks++;
        if (p === 'type') { entry.kind = kindOfTakeout(value); entry.kindSet = true; }
        else if (p === 'status') { entry.status = value.trim().toUpperCase(); entry.draft = entry.status === 'DRAFT'; }
        else if (p === 'trashed') entry.trashed = value.trim() !== '';
        else if (p === 'filename') entry.oldPath = value.trim() || undefined;
        else if (p === 'parent') entry.parent = value.trim() || undefined;
      }
    }
    path.pop();
  });

  function finishEntry(e: Entry & { kindSet: boolean }) {
    const { kindSet, ...plain } = e;
    if (!kindSet) return; // not a Blogger entry (e.g. a plain Atom feed's)
    if (plain.kind === 'post' && plain.draft) plain.oldPath = undefined; // a draft's link is an editor URL
    entries.push(plain);
  }

  return {
    write(chunk: string) { wrap(file, parser, () => parser.write(chunk)); },
    end(): Feed {
      wrap(file, parser, () => parser.close());
      if (!rootSeen) throw notBlogger(file, 'it is empty');
      if (!legacyMarks && !takeoutMarks)
        throw notBlogger(file, 'it is an Atom feed without Blogger\'s post, page and comment markers (a blog\'s public feed, or another site\'s)');
      return { schema: takeoutMarks > 0 ? 'takeout' : 'legacy', entries };
    },
  };
}

function notBlogger(file: string, why: string): ImportError {
  return new ImportError(file, undefined, `this is not a Blogger export: ${why}`,
    'export the blog from Blogger (Settings > Manage blog > Back up content), or use Google Takeout\'s Blogger/Blogs/<blog>/feed.atom');
}

/** Runs a parser step, turning an XML error into one that names the file and line. */
function wrap(file: string, parser: SaxesParser, step: () => void): void {
  try { step(); } catch (err) {
    if (err instanceof ImportError) throw err;
    const raw = err instanceof Error ? err.message : String(err);
    // saxes writes "line:column: message"
    const m = /^(\d+):(\d+): (.*)$/s.exec(raw);
    const line = m ? Number(m[1]) : parser.line;
    const what = (m?.[3] ?? raw).replace(/\.$/, '');
    const cut = /unclosed|unexpected end/i.test(what);
    throw new ImportError(file, line, `the XML is ${cut ? 'cut off' : 'not well formed'}: ${what}`,
      cut ? 'the file ends too early: download the export again (a download that stopped half-way leaves a file like this)'
        : 'download the export again; if it came from Blogger unchanged, the line above shows what the parser could not read');
  }
}
