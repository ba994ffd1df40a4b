// A worker thread of the Markdown render pool (parallel-unified.ts): loads and warms the
// pipeline, says it is ready, then renders what the pool sends, one reply per render.
import { parentPort, workerData } from 'node:worker_threads';
import { workerRenderers, type PipelineRef, type WorkerReply, type WorkerRequest } from './parallel-unified.ts';

const port = parentPort!;
const post = (m: WorkerReply) => port.postMessage(m);
const renderers = await workerRenderers(workerData as PipelineRef, post);

port.on('message', async (req: WorkerRequest) => {
  if (req.type === 'shared') return renderers.setShared(req.key, req.shared);
  try {
    const result = await renderers.render(req.key, req.content, {
      ...(req.fileURL ? { fileURL: new URL(req.fileURL) } : {}),
      ...(req.frontmatter ? { frontmatter: req.frontmatter } : {}),
    });
    post({ type: 'done', id: req.id, result });
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    post({ type: 'failed', id: req.id, error: { name: err.name, message: err.message, stack: err.stack } });
  }
});
post({ type: 'ready' });
