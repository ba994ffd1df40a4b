// Finished listings leave the hast tree early, as HTML held aside, and come back into the
// rendered page at the end.
//
// Why: a highlighted listing is hundreds of token <span>s. Astro's pipeline runs after our
// plugins a heading-id pass, rehype-raw (a full parse5 round trip) and the serializer, and
// every one of them walked those spans: 4 of the 8 s that 1,000 posts took to render. A
// listing needs none of them (no headings, no raw HTML, no external links), so once its ids
// are final it is serialized once, replaced by a comment, and put back by the renderer.
//
// Only renders that ask for it are deferred (the frontmatter object passed to `render` is the
// token): MDX and direct uses of the processor get the listing in the tree, as before.
import { randomBytes } from 'node:crypto';
import type { MarkdownRenderer, MarkdownRenderOptions } from '@astrojs/markdown-remark';

// Per process, so no text an author writes can look like a placeholder.
const NONCE = randomBytes(6).toString('hex');
const PLACEHOLDER = new RegExp(`<!--rz-listing:${NONCE}:(\\d+)-->`, 'g');
const held = new Map<number, string>();
let next = 0;
const deferring = new WeakSet<object>();

/** True when the file being rendered came through `deferredListings` (its frontmatter is the token). */
export function isDeferring(file: { data: { astro?: { frontmatter?: object } } }): boolean {
  const fm = file.data.astro?.frontmatter;
  return fm !== undefined && deferring.has(fm);
}

/** Holds `html` aside; returns the value of the comment that stands for it. */
export function holdHtml(html: string): string {
  const id = next++;
  held.set(id, html);
  return `rz-listing:${NONCE}:${id}`;
}

/** Puts held listings back in place of their comments. */
export function restoreHeld(code: string): string {
  return code.replace(PLACEHOLDER, (m, id: string) => {
    const html = held.get(Number(id));
    if (html === undefined) return m;
    held.delete(Number(id));
    return html;
  });
}

/** A renderer whose listings are held aside during the pipeline and restored in its output. */
export function deferredListings(renderer: MarkdownRenderer): MarkdownRenderer {
  return {
    async render(content: string, opts?: MarkdownRenderOptions) {
      const frontmatter = { ...opts?.frontmatter };
      deferring.add(frontmatter);
      const r = await renderer.render(content, { ...opts, frontmatter });
      return { ...r, code: restoreHeld(r.code) };
    },
  };
}
