// Downloads a post's images into its folder: bounded in time, size and number at once; a
// failure is reported, never fatal. Node glue (fetch); the naming is pure and tested.
import { createHash } from 'node:crypto';
import { imageFile as imageExt } from './rehype-blogger-images.ts';

export interface ImageLimits { timeoutMs: number; maxBytes: number; concurrency: number }
export const defaultLimits: ImageLimits = { timeoutMs: 20_000, maxBytes: 20 * 1024 * 1024, concurrency: 4 };

export type Fetched = { ok: true; bytes: Buffer; ext: string } | { ok: false; reason: string };

const extOfType: Record<string, string> = {
  'image/png': '.png', 'image/jpeg': '.jpg', 'image/jpg': '.jpg', 'image/pjpeg': '.jpg', 'image/gif': '.gif', 'image/webp': '.webp', 'image/avif': '.avif', 'image/svg+xml': '.svg', 'image/bmp': '.bmp',
};

/** A file name for the image at `url` (its own name, made safe; `fallback` when it has none), unique among `taken`. */
export function imageFileName(url: string, ext: string, taken: ReadonlySet<string>, fallback: string): string {
  let name = '';
  try { name = decodeURIComponent(new URL(url).pathname.split('/').pop() ?? ''); } catch { /* no name */ }
  name = name.replace(/=[swh]\d+.*$/, '').normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+|-+$/g, '');
  // a name of Blogger's own (`AVvXsEi…`, hundreds of characters) says nothing: number it instead
  if (name.length > 60) name = '';
  if (!imageExt.test(name)) name = `${name.replace(/\.[a-z0-9]{1,5}$/i, '') || fallback}${ext}`;
  if (/^(index\.mdx?|comments\.json)$/i.test(name)) name = `image-${name}`;
  let out = name;
  for (let n = 2; taken.has(out.toLowerCase()); n++) out = name.replace(/(\.[^.]+)$/, `-${n}$1`);
  return out;
}

/** Fetches one image: an image content type, within the time and size limits. */
export async function fetchImage(url: string, limits: ImageLimits): Promise<Fetched> {
  const signal = AbortSignal.timeout(limits.timeoutMs);
  try {
    const res = await fetch(url, { signal, redirect: 'follow' });
    if (!res.ok) { await res.body?.cancel(); return { ok: false, reason: `HTTP ${res.status}` }; }
    const type = (res.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    const fromName = imageExt.exec(new URL(res.url || url).pathname)?.[0]?.toLowerCase().replace('.jpeg', '.jpg');
    const ext = extOfType[type] ?? (type === 'application/octet-stream' || type === '' ? fromName : undefined);
    if (!ext) { await res.body?.cancel(); return { ok: false, reason: `not an image (${type || 'no content type'})` }; }
    const declared = Number(res.headers.get('content-length') ?? 0);
    if (declared > limits.maxBytes) { await res.body?.cancel(); return { ok: false, reason: `larger than ${limits.maxBytes / 1024 / 1024} MB` }; }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of res.body ?? []) {
      size += chunk.length;
      if (size > limits.maxBytes) return { ok: false, reason: `larger than ${limits.maxBytes / 1024 / 1024} MB` };
      chunks.push(Buffer.from(chunk));
    }
    return { ok: true, bytes: Buffer.concat(chunks), ext };
  } catch (err) {
    const e = err as Error & { cause?: { code?: string } };
    if (e.name === 'TimeoutError' || e.name === 'AbortError') return { ok: false, reason: `no answer within ${limits.timeoutMs / 1000} s` };
    return { ok: false, reason: e.cause?.code ?? e.message };
  }
}

/** Runs at most n of the tasks given to it at once (posts being written; downloads across them). */
export function limiter(n: number) {
  let running = 0;
  const waiting: Array<() => void> = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    // a finishing task hands its slot straight to the next waiting one
    if (running >= n) await new Promise<void>((go) => waiting.push(go));
    else running++;
    try { return await task(); } finally { const next = waiting.shift(); if (next) next(); else running--; }
  };
}

export const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');
