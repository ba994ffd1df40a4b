// Checks every post's body before Astro builds: raw HTML that would run script (<script>, on*=,
// javascript: URLs), code fences left open, MDX that does not parse or imports a missing file,
// images without alt text or whose file is not there.
// Parsed with the micromark extensions Astro's Markdown and MDX use, so lines match what they see.
import { dirname, relative, resolve } from 'node:path';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfm } from 'micromark-extension-gfm';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { mdxjs } from 'micromark-extension-mdxjs';
import { mdxFromMarkdown } from 'mdast-util-mdx';
import { parseFragment, type DefaultTreeAdapterTypes as P } from 'parse5';
import type { PostSource, Problem } from './problem.ts';

export interface BodyCheckOptions {
  /** The project root: post paths are relative to it, and `/src/…` imports resolve from it. */
  root: string;
  /** Whether a file exists at this absolute path (the check reads nothing else from disk). */
  isFile: (path: string) => boolean;
}

const islandFix = 'to add behaviour, write the post as .mdx and embed an island component (README.md: "Embedding an island in a post"); to show HTML as code, put it in a fenced listing';
const urlFix = 'link to an https: URL; behaviour belongs in an island component in an .mdx post (README.md: "Embedding an island in a post")';
const altFix = (url: string) => `describe what the image shows in the brackets, e.g. \`![The kernel stack at the fault](${url})\`; an image that is only decoration is written as HTML with an empty alt: \`<img src="${url}" alt="">\``;
const imageFileFix = 'check the file name (case counts), and that the image sits beside the post: a post with images is a folder, <slug>/index.md, with the images in it (README.md, "A post with images")';
const importFix = 'check the path: components live under src/ (an island such as the SList simulator in src/slist/ui/); import them root-relative, e.g. `import Simulator from \'/src/slist/ui/Simulator.tsx\';`';
/** Attributes whose value is a URL a browser may load or navigate to. */
const urlAttributes = new Set(['href', 'src', 'xlink:href', 'action', 'formaction', 'data', 'poster', 'background', 'cite', 'codebase']);
/** What Vite tries after an import path without its extension. */
const importExtensions = ['', '.tsx', '.ts', '.jsx', '.js', '.mjs', '.mts', '.astro', '.mdx', '.md', '.json', '.css'];

/** The URL scheme a browser would act on: tabs and newlines anywhere and leading controls/spaces are ignored. */
export function urlScheme(url: string): string | undefined {
  // eslint-disable-next-line no-control-regex
  const m = /^([a-z][a-z0-9+.-]*):/i.exec(url.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+/, ''));
  return m?.[1]?.toLowerCase();
}
const scriptScheme = (url: string) => ['javascript', 'vbscript'].includes(urlScheme(url) ?? '');

interface Hit { line: number; message: string; fix: string }

/** Problems in one fragment of raw HTML whose first line is `line` (entities decoded as a browser does). */
export function rawHtmlProblems(html: string, line = 1): Hit[] {
  const hits: Hit[] = [];
  const walk = (node: P.ParentNode) => {
    for (const child of node.childNodes) {
      if (!('tagName' in child)) continue;
      const el = child as P.Element;
      const at = line + (el.sourceCodeLocation?.startLine ?? 1) - 1;
      if (el.tagName === 'script') hits.push({ line: at, message: 'raw HTML <script> is not allowed in a post', fix: islandFix });
      if (el.tagName === 'img' && !el.attrs.some((a) => a.name === 'alt'))
        hits.push({ line: at, message: 'this <img> has no alt attribute', fix: altFix(el.attrs.find((a) => a.name === 'src')?.value ?? 'image.png') });
      for (const a of el.attrs) {
        const name = a.prefix ? `${a.prefix}:${a.name}` : a.name;
        const aLine = line + (el.sourceCodeLocation?.attrs?.[a.name]?.startLine ?? el.sourceCodeLocation?.startLine ?? 1) - 1;
        if (/^on/i.test(a.name)) hits.push({ line: aLine, message: `raw HTML event-handler attribute ${name}= on <${el.tagName}> is not allowed in a post`, fix: islandFix });
        else if (urlAttributes.has(name) && scriptScheme(a.value)) hits.push({ line: aLine, message: `a ${urlScheme(a.value)}: URL in ${name}= on <${el.tagName}> is not allowed in a post`, fix: urlFix });
        else if (a.name === 'srcdoc') hits.push(...rawHtmlProblems(a.value, aLine));
      }
      walk(el);
      if (el.tagName === 'template') walk((el as P.Template).content);
    }
  };
  walk(parseFragment(html, { sourceCodeLocationInfo: true }));
  return hits;
}

interface Node {
  type: string; children?: Node[]; value?: string; url?: string; alt?: string | null; name?: string | null; lang?: string | null;
  attributes?: { type: string; name?: string; value?: unknown }[];
  position?: { start: { line: number; column: number; offset?: number }; end: { line: number; column: number; offset?: number } };
  data?: { estree?: { body?: { type: string; source?: { value?: unknown }; loc?: { start: { line: number } } }[] } };
}

/** The source with its frontmatter blanked out (newlines kept), so body lines are file lines. */
function bodyOf(source: string): string {
  const text = source.replace(/^\uFEFF/, '');
  const m = /^---\r?\n[\s\S]*?\r?\n---[ \t]*(?=\r?\n|$)/.exec(text);
  return m ? m[0].replace(/[^\n]/g, '') + text.slice(m[0].length) : text;
}

/** Whether a fenced code node's last line closes it (`quotes`: blockquotes around it, whose `>` are stripped). */
function fenceClosed(lines: readonly string[], node: Node, quotes: number): { closed: boolean; fence: string } | undefined {
  const { start, end } = node.position!;
  const strip = (line: string) => { let s = line; for (let i = 0; i < quotes; i++) s = s.replace(/^ {0,3}> ?/, ''); return s; };
  const open = /^ {0,3}(`{3,}|~{3,})/.exec((lines[start.line - 1] ?? '').slice(start.column - 1));
  if (!open) return undefined; // indented code (4 spaces or a tab)
  const fence = open[1]!;
  if (end.line === start.line) return { closed: false, fence };
  const last = strip((lines[end.line - 1] ?? '').slice(0, end.column - 1));
  const close = new RegExp(`^\\s*${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`);
  return { closed: close.test(last), fence };
}

/** The file a Markdown image beside the post names (`./x.png`, `x.png`), or undefined for a URL or a site path. */
function localImage(url: string, postFile: string): string | undefined {
  if (!url || urlScheme(url) || url.startsWith('/') || url.startsWith('#')) return undefined;
  let path = url.replace(/[?#].*$/, '');
  try { path = decodeURI(path); } catch { /* as written */ }
  return resolve(dirname(postFile), path);
}

/** The file an import names, or undefined when it resolves (or is not a path this check can judge). */
function missingImport(spec: string, postFile: string, { root, isFile }: BodyCheckOptions): string | undefined {
  const path = spec.replace(/[?#].*$/, '');
  let candidates: string[];
  if (path.startsWith('/')) candidates = [resolve(root, `.${path}`), path]; // Vite: root-relative first, then the file system
  else if (path.startsWith('./') || path.startsWith('../')) candidates = [resolve(dirname(postFile), path)];
  else return undefined; // a package or a virtual module (astro:…): Vite's own error names it
  const found = candidates.some((c) => importExtensions.some((e) => isFile(c + e)) || importExtensions.slice(1).some((e) => isFile(`${c}/index${e}`)));
  return found ? undefined : candidates[0];
}

/**
 * Whether a cheap scan proves a Markdown body has none of these problems, so the parse (5 ms a
 * post) can be skipped. Conservative: anything it cannot judge (containers or raw HTML at a line
 * start, indented or nested fences, entities, "script:") says false, and the full check runs.
 */
export function plainlyFine(body: string): boolean {
  if (/<script|[\s/"']on[a-z]+\s*=|&#|&[a-z][a-z0-9]*;|!\[|<img/i.test(body)) return false; // images: their alt text and file are checked
  if (body.replace(/[\s\\]/g, '').toLowerCase().includes('script:')) return false;
  let fence: string | undefined; // the open fence's run of ` or ~
  for (const line of body.split('\n')) {
    const simple = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(line);
    if (fence) {
      if (simple && simple[1]![0] === fence[0] && simple[1]!.length >= fence.length && !simple[2]!.trim()) fence = undefined;
      continue;
    }
    if (simple) {
      if (simple[1]![0] === '`' && simple[2]!.includes('`')) continue; // not a fence: inline code
      fence = simple[1];
      continue;
    }
    // outside fences: a line that may open a container (quote, list item, footnote), an HTML block, or a fence this scan does not model
    if (/^[ \t>*+\-0-9.)]*(`{3,}|~{3,})/.test(line) || /^ {0,3}(>|[*+-](\s|$)|\d{1,9}[.)](\s|$)|<|\[\^)/.test(line)) return false;
  }
  return fence === undefined;
}

/** A listing longer than this makes a page of megabytes that no reader scrolls through. */
export const longListingLines = 5000;

/** Check one post's body: its problems, each on the line where the author can fix it. */
export function checkPostBody({ path, source }: PostSource, options: BodyCheckOptions): Problem[] {
  const problems: Problem[] = [];
  const add = (line: number, field: string, message: string, fix: string, severity: Problem['severity'] = 'error') =>
    problems.push({ file: path, line, field, message, fix, severity });
  const isMdx = /\.mdx$/i.test(path);
  const body = bodyOf(source);
  const lines = body.split(/\r?\n/);
  if (!isMdx && lines.length <= longListingLines && plainlyFine(body)) return problems;
  let tree: Node;
  try {
    tree = fromMarkdown(body, isMdx
      ? { extensions: [mdxjs(), gfm()], mdastExtensions: [mdxFromMarkdown(), gfmFromMarkdown()] }
      : { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] }) as Node;
  } catch (e) {
    const err = e as { line?: number; reason?: string; message?: string };
    add(err.line ?? 1, 'body', `MDX cannot parse this: ${(err.reason ?? err.message ?? String(e)).replace(/\.$/, '')}`,
      'in .mdx, `<` and `{` start JSX and expressions: write `\\<` and `\\{` in prose, put code in backticks or a fenced listing, and close every tag');
    return problems;
  }
  const postFile = resolve(options.root, path);
  const walk = (node: Node, quotes: number) => {
    const line = node.position?.start.line ?? 1;
    switch (node.type) {
      case 'html':
        for (const h of rawHtmlProblems(node.value ?? '', line)) add(h.line, 'body', h.message, h.fix);
        break;
      case 'link': case 'image': case 'definition':
        if (node.url && scriptScheme(node.url)) add(line, 'body', `a ${urlScheme(node.url)}: URL in a Markdown ${node.type === 'image' ? 'image' : 'link'} is not allowed in a post`, urlFix);
        else if (node.type === 'image') {
          const url = node.url ?? '';
          if (!node.alt?.trim()) add(line, 'body', `the image ${url} has no alt text`, altFix(url));
          const file = localImage(url, postFile);
          if (file && !options.isFile(file)) add(line, 'body', `the image ${url} is not there: ${relative(options.root, file)} does not exist`, imageFileFix);
        }
        break;
      case 'code': {
        const f = fenceClosed(lines, node, quotes);
        if (f && !f.closed) add(line, 'body', `the code fence opened on line ${line} is never closed`, `add a closing ${f.fence} line after the listing (until then, everything after line ${line} is shown as code)`);
        const n = (node.value ?? '').split('\n').length;
        if (n > longListingLines) add(line, 'body', `the listing on line ${line} is ${n.toLocaleString('en')} lines long; its page will be megabytes`, `keep the lines that matter (under ${longListingLines.toLocaleString('en')}) and link to the full output as a file`, 'warning');
        break;
      }
      case 'mdxJsxFlowElement': case 'mdxJsxTextElement': {
        const name = node.name ?? '';
        const intrinsic = /^[a-z]/.test(name) && !name.includes('.');
        if (name.toLowerCase() === 'script') add(line, 'body', '<script> is not allowed in a post', islandFix);
        if (name === 'img' && !(node.attributes ?? []).some((a) => a.type !== 'mdxJsxAttribute' || a.name === 'alt')) add(line, 'body', 'this <img> has no alt attribute', altFix('image.png'));
        for (const a of node.attributes ?? []) {
          if (a.type !== 'mdxJsxAttribute' || !a.name) continue;
          const value = typeof a.value === 'string' ? a.value : (a.value as { value?: string } | null)?.value ?? '';
          if (intrinsic && /^on/i.test(a.name)) add(line, 'body', `event-handler attribute ${a.name}= on <${name}> is not allowed in a post`, islandFix);
          else if (urlAttributes.has(a.name.toLowerCase()) && (scriptScheme(value) || /javascript\s*:/i.test(typeof a.value === 'string' ? '' : value)))
            add(line, 'body', `a javascript: URL in ${a.name}= on <${name}> is not allowed in a post`, urlFix);
        }
        break;
      }
      case 'mdxjsEsm':
        for (const stmt of node.data?.estree?.body ?? []) {
          if (stmt.type !== 'ImportDeclaration' && stmt.type !== 'ExportNamedDeclaration' && stmt.type !== 'ExportAllDeclaration') continue;
          const spec = stmt.source?.value;
          if (typeof spec !== 'string') continue;
          const missing = missingImport(spec, postFile, options);
          if (missing) add(stmt.loc?.start.line ?? line, 'import', `the import of '${spec}' names ${relative(options.root, missing)}, which does not exist`, importFix);
        }
        break;
    }
    for (const c of node.children ?? []) walk(c, quotes + (node.type === 'blockquote' ? 1 : 0));
  };
  walk(tree, 0);
  return problems.sort((a, b) => a.line - b.line);
}

/** Check the bodies of all posts. */
export function checkPostBodies(posts: readonly PostSource[], options: BodyCheckOptions): Problem[] {
  return [...posts].sort((a, b) => a.path.localeCompare(b.path)).flatMap((p) => checkPostBody(p, options));
}
