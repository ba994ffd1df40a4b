// An image host on 127.0.0.1 for the import tests: real PNG files (drawn here, no dependency),
// a missing one (404) and one that never answers, so downloads are tested for real.
import { listen } from './server.ts';
import { crc32, deflateSync } from 'node:zlib';

/** A w x h PNG of one colour. */
export function png(w: number, h: number, rgb: [number, number, number]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0); ihdr.writeUInt32BE(h, 4); ihdr[8] = 8; ihdr[9] = 2; // 8-bit RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: w }, () => rgb).flat())]);
  const raw = Buffer.concat(Array.from({ length: h }, () => row));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

export interface ImageHost {
  origin: string;
  requests: string[];
  /** The most requests it held open at once (answered or not). */
  mostOpen: () => number;
  close: () => Promise<void>;
}

export interface ImageHostOptions {
  /** Answer each request after this long (a slow host). */
  delayMs?: number;
  /** A Content-Type other than image/png for some paths (a host that answers with a page). */
  types?: Record<string, string>;
}

/** Serves `files` (path -> bytes) as PNG; `/hang/...` never answers; anything else is a 404. */
export async function imageHost(files: Record<string, Buffer>, { delayMs = 0, types = {} }: ImageHostOptions = {}): Promise<ImageHost> {
  const requests: string[] = [];
  let open = 0;
  let most = 0;
  const host = await listen((req, res) => {
    const path = req.url ?? '/';
    requests.push(path);
    most = Math.max(most, ++open);
    res.on('close', () => open--); // answered, or given up by the client
    if (path.startsWith('/hang/')) return; // held open until the client gives up
    const answer = () => {
      const body = files[path];
      if (!body) { res.statusCode = 404; res.end('not found'); return; }
      res.setHeader('Content-Type', types[path] ?? 'image/png');
      res.end(body);
    };
    if (delayMs > 0) setTimeout(answer, delayMs);
    else answer();
  });
  return { origin: host.origin, requests, mostOpen: () => most, close: host.close };
}
