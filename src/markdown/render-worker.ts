// A worker thread of render-workers.ts: renders the Markdown it is sent with the site's renderer.
import { parentPort, workerData } from 'node:worker_threads';
import type { AstroMarkdownOptions } from '@astrojs/markdown-remark';
import { siteMarkdownRenderer } from './pipeline.ts';
import type { RenderReply, RenderTask } from './render-workers.ts';

const renderer = siteMarkdownRenderer((workerData as { shared: AstroMarkdownOptions }).shared);
// A pipeline that cannot be made here is no post's fault: this worker ends, and the pool renders
// its posts in Astro's thread instead (render-workers.ts).
renderer.catch(() => process.exit(1));

parentPort!.on('message', async ({ id, content, fileURL, frontmatter }: RenderTask) => {
  let ready: Awaited<typeof renderer>;
  try { ready = await renderer; } catch { return; } // (ending: see above)
  let reply: RenderReply;
  try {
    const rendered = await ready.render(content, { ...(fileURL ? { fileURL: new URL(fileURL) } : {}), ...(frontmatter ? { frontmatter } : {}) });
    reply = { id, rendered };
  } catch (e) {
    reply = { id, error: { message: e instanceof Error ? e.message : String(e), stack: e instanceof Error ? e.stack : undefined } };
  }
  parentPort!.postMessage(reply);
});
