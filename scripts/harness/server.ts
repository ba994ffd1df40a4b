// Serves a built site on 127.0.0.1 under its base path, with the site's 404 page,
// the way a static host does; and any handler on 127.0.0.1 (a stand-in dev server, a host).
import { createServer, type RequestListener } from 'node:http';
import { createServer as createTcpServer } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sirv from 'sirv';

export interface Served { url: string; origin: string; close: () => Promise<void> }

/**
 * `gzip`: serve precompressed `.gz` siblings when the client accepts them (like nginx gzip_static);
 * `headers`: sent with every response (a Content-Security-Policy, as the server would send it).
 */
export async function serve(dir: string, base = '/', opts: { gzip?: boolean; headers?: Record<string, string> } = {}): Promise<Served> {
  const files = sirv(dir, { dev: !opts.gzip, etag: false, extensions: ['html'], gzip: !!opts.gzip });
  const notFound = (() => { try { return readFileSync(join(dir, '404.html')); } catch { return Buffer.from('not found'); } })();
  return listen((req, res) => {
    for (const [k, v] of Object.entries(opts.headers ?? {})) res.setHeader(k, v);
    const url = req.url ?? '/';
    if (!url.startsWith(base)) { res.statusCode = 404; res.end(notFound); return; }
    req.url = `/${url.slice(base.length)}`;
    files(req, res, () => { res.statusCode = 404; res.setHeader('Content-Type', 'text/html; charset=utf-8'); res.end(notFound); });
  }, base);
}

/** `handler` on 127.0.0.1, at a port the kernel picks; `close` ends open connections too. */
export async function listen(handler: RequestListener, base = '/'): Promise<Served> {
  const server = createServer(handler);
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const origin = `http://127.0.0.1:${port}`;
  return { origin, url: `${origin}${base}`, close: () => new Promise((ok) => { server.closeAllConnections(); server.close(() => ok()); }) };
}

/** A free TCP port on 127.0.0.1 (the kernel's pick, so test files side by side never collide). */
export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createTcpServer().once('error', fail).listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => ok(port));
    });
  });
}
