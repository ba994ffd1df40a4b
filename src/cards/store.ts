// The card store: drawn cards by a hash of what they show and of everything that draws them
// (this folder's code, satori, resvg and the fonts' versions), in the checkout's cache folder
// beside the build cache. Unlike the build cache it survives changes to the rest of the engine:
// a new release of the site redraws no card unless the cards' own code or libraries changed.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheRoot } from '../node/build-cache.ts';
import type { CardContent } from './card.ts';

/** What draws a card besides its content. */
const drawingCode = ['src/cards/card.ts', 'src/cards/draw.ts', 'src/cards/fonts.ts', 'src/cards/unicode-range.ts'];
const drawingPackages = ['satori', '@resvg/resvg-js', '@fontsource/ibm-plex-sans', '@fontsource/ibm-plex-mono', '@fontsource/noto-sans-jp'];

/** Cards not used for this long are removed when a build starts. */
const KEEP_DAYS = 30;

export interface CardStore { dir: string; keyOf(c: CardContent): string; read(key: string): Buffer | undefined; write(key: string, png: Buffer): void }

/** The store of the checkout at `root` (the project root every build runs in). */
export function cardStore(root = process.cwd()): CardStore {
  const dir = join(cacheRoot(root), 'cards');
  const version = createHash('sha256');
  for (const f of drawingCode) version.update(f).update(readFileSync(join(root, f)));
  // the packages and what they depend on (satori's layout engine, resvg's binary), by installed version
  const pkg = (name: string) => JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version: string; dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> };
  for (const p of drawingPackages) {
    const own = pkg(p);
    version.update(`${p}@${own.version}`);
    for (const dep of Object.keys({ ...own.dependencies, ...own.optionalDependencies }).sort()) {
      try { version.update(`${dep}@${pkg(dep).version}`); } catch { version.update(`${dep}@-`); } // another platform's binary
    }
  }
  const prefix = version.digest('hex');
  return {
    dir,
    keyOf: (c) => createHash('sha256').update(prefix).update(JSON.stringify([c.kicker, c.title, c.meta, c.host])).digest('hex').slice(0, 32),
    read(key) {
      const f = join(dir, `${key}.png`);
      try {
        const png = readFileSync(f);
        const now = new Date();
        utimesSync(f, now, now); // in use: kept by prune
        return png;
      } catch { return undefined; }
    },
    write(key, png) {
      mkdirSync(dir, { recursive: true });
      // a reader (another worker, the next build) sees the whole file or none
      const tmp = join(dir, `.${key}.${process.pid}.${Math.random().toString(36).slice(2)}`);
      writeFileSync(tmp, png);
      renameSync(tmp, join(dir, `${key}.png`));
    },
  };
}

/** Removes cards no build has used for KEEP_DAYS, and files a killed writer left. */
export function pruneCardStore(store: CardStore, now = Date.now()): void {
  if (!existsSync(store.dir)) return;
  for (const name of readdirSync(store.dir)) {
    const f = join(store.dir, name);
    try {
      const age = now - statSync(f).mtimeMs;
      if ((name.startsWith('.') && age > 3_600_000) || age > KEEP_DAYS * 86_400_000) rmSync(f, { force: true });
    } catch { /* renamed or removed meanwhile by another build or the dev server */ }
  }
}
