// A Blogger post body (HTML) to this site's Markdown, through the unified tools the site runs:
// rehype-parse, this import's rehype plugins (one job each), rehype-remark, remark-gfm and
// remark-stringify. The tree is returned before it is written, so the images and links in it
// can be pointed at their new homes first.
import type { Root as MdRoot } from 'mdast';
import rehypeParse from 'rehype-parse';
import rehypeRemark from 'rehype-remark';
import remarkGfm from 'remark-gfm';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { rehypeBloggerCleanup } from './rehype-blogger-cleanup.ts';
import { rehypeBloggerImages } from './rehype-blogger-images.ts';
import { rehypeBloggerListings, type FoundListing } from './rehype-blogger-listings.ts';

export interface Converted { tree: MdRoot; listings: FoundListing[]; dropped: string[] }

/** The converter, made once per import and reused for every post. */
export function bloggerConverter() {
  const toMdast = unified()
    .use(rehypeParse, { fragment: true })
    .use(rehypeBloggerListings)
    .use(rehypeBloggerCleanup)
    .use(rehypeBloggerImages)
    .use(rehypeRemark);
  const toText = unified()
    .use(remarkGfm)
    .use(remarkStringify, { bullet: '-', fences: true, emphasis: '_', strong: '*', rule: '-', listItemIndent: 'one', resourceLink: true });
  return {
    toMdast(html: string): Converted {
      const file = new VFile();
      const tree = toMdast.runSync(toMdast.parse(html), file) as MdRoot;
      return { tree, listings: file.data.listings ?? [], dropped: file.data.dropped ?? [] };
    },
    toMarkdown(tree: MdRoot): string {
      return toText.stringify(tree);
    },
  };
}
