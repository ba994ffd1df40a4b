// A worker thread of render-workers.ts: renders the Markdown it is sent with the site's renderer.
import { parentPort, workerData } from 'node:worker_threads';
import type { AstroMarkdownOptions } from '@astrojs/markdown-remark';
import { siteMarkdownRenderer } from './pipeline.ts';
import type { RenderReply, RenderTask } from './render-workers.ts';

const renderer = siteMarkdownRenderer((workerData as { shared: AstroMarkdownOptions }).shared);

parentPort!.on('message', async ({ id, content, fileURL, frontmatter }: RenderTask) => {
  let reply: RenderReply;
  try {
    const rendered = await (await renderer).render(content, { ...(fileURL ? { fileURL: new URL(fileURL) } : {}), ...(frontmatter ? { frontmatter } : {}) });
    reply = { id, rendered };
  } catch (e) {
    reply = { id, error: { message: e instanceof Error ? e.message : String(e), stack: e instanceof Error ? e.stack : undefined } };
  }
  parentPort!.postMessage(reply);
});
