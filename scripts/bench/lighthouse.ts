// Lighthouse (mobile preset, the package's default config) driving Debian's Chromium
// against the built site on 127.0.0.1: the four category scores per page type.
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { serve } from '../harness/server.ts';
import { listFiles, root, timedBuild, type Row } from './support.ts';
import { tempDir } from '../harness/temp.ts';

export default async function benchLighthouse(): Promise<Row[]> {
  // the real posts, and the fixture posts beside them (a folded listing, cards, images)
  const content = tempDir('rz-bench-lighthouse-');
  cpSync(join(root, 'content/posts'), content, { recursive: true });
  cpSync(join(root, 'tests/fixtures/posts'), content, { recursive: true });
  const { outDir } = timedBuild('lighthouse-site', { RZ_CONTENT_DIR: content });
  // Serve compressed, as the nginx configuration does (gzip_static): write .gz siblings.
  for (const f of listFiles(outDir).filter((f) => /\.(html|css|js|json|xml|svg|txt)$/.test(f))) writeFileSync(`${f}.gz`, gzipSync(readFileSync(f), { level: 9 }));
  const site = await serve(outDir, '/', { gzip: true });
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  const pages: Array<[string, string]> = [
    ['home', ''],
    ['post with listings', 'posts/linux-process-the-beginning/'],
    ['SList post', 'posts/exinterlockedpopentryslist-processing-by-scheduler/'],
    ['post with a card, related posts and a folded listing', 'posts/folded-listing/'],
    ['archive', 'archive/'],
    ...(existsSync(join(outDir, 'search/index.html')) ? [['search', 'search/'] as [string, string]] : []),
  ];
  const rows: Row[] = [];
  try {
    for (const [name, path] of pages) {
      const result = await lighthouse(`${site.url}${path}`, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'] });
      const cats = result?.lhr.categories ?? {};
      const score = (k: string) => Math.round((cats[k]?.score ?? 0) * 100);
      const failing = Object.values(result?.lhr.audits ?? {}).filter((a) => a.score !== null && a.score < 0.9 && a.scoreDisplayMode === 'binary').map((a) => a.id);
      rows.push({
        section: 'lighthouse', name: `${name}: perf / a11y / best / SEO`, value: score('performance'), unit: '/100',
        note: `${score('performance')} / ${score('accessibility')} / ${score('best-practices')} / ${score('seo')}${failing.length ? `; failing: ${failing.join(', ')}` : ''}`,
      });
    }
  } finally {
    chrome.kill();
    await site.close();
  }
  return rows;
}

if (import.meta.main) for (const r of await benchLighthouse()) console.log(`${r.name.padEnd(40)} ${r.note}`);
