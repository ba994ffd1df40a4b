// The build caches as an author meets them: two checkouts that share one node_modules, built
// at the same time; a warm rebuild against a cold one; a change to plugin code; a killed build.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanEnv, root } from './support/build.ts';
import { filesUnder } from '../../src/node/files.ts';
import { tempDir } from '../../scripts/harness/temp.ts';

const dirs: string[] = [];
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

/** A checkout of the project's HEAD with this checkout's packages linked in, as a second clone on one machine would share them. */
function checkout(): string {
  const dir = tempDir('rz-checkout-');
  dirs.push(dir);
  const r = spawnSync('sh', ['-c', `git -C "${root}" archive HEAD | tar -x -C "${dir}"`], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

function addPost(dir: string, slug: string, marker: string): void {
  writeFileSync(join(dir, 'content/posts', `${slug}.md`), `---\ntitle: "${slug}"\ndate: 2026-11-30\ntags: [caching]\n---\n\n${marker}: a post only this checkout has.\n`);
}

interface Build { output: () => string; kill: (s: NodeJS.Signals) => void; done: Promise<{ code: number; output: string }> }
/** `astro build` in its own process group (so a kill reaches its workers too). */
function build(dir: string, outDir = 'dist'): Build {
  const child = spawn(process.execPath, [join(dir, 'node_modules/astro/bin/astro.mjs'), 'build', '--outDir', outDir], { cwd: dir, env: cleanEnv(), detached: true });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  return {
    output: () => output,
    kill: (s) => { try { process.kill(-child.pid!, s); } catch { /* gone */ } },
    done: new Promise((ok) => child.on('close', (code) => ok({ code: code ?? 1, output }))),
  };
}

/** Every file of a built site with its bytes, for byte-for-byte comparison. */
function tree(dir: string): Map<string, string> {
  return new Map(filesUnder(dir, ['.']).map((f) => [f, readFileSync(join(dir, f)).toString('base64')]));
}
/** The social cards in a checkout's card store. */
const storedCards = (dir: string) => readdirSync(join(dir, '.cache/cards')).filter((f) => f.endsWith('.png')).length;
const rendered = (output: string) => Number(/Markdown: (\d+) posts? rendered/.exec(output.replace(/\x1b\[[0-9;]*m/g, ''))?.[1] ?? NaN);

describe('build caches', { timeout: 300_000 }, () => {
  const a = checkout();
  const b = checkout();

  it('two checkouts sharing node_modules, built at once, each publish their own posts', async () => {
    const started = Date.now();
    addPost(a, 'only-in-alpha', 'zzqx-alpha');
    addPost(b, 'only-in-beta', 'zzqx-beta');
    const [ra, rb] = await Promise.all([build(a).done, build(b).done]);
    expect(ra.code, ra.output).toBe(0);
    expect(rb.code, rb.output).toBe(0);
    expect(existsSync(join(a, 'dist/posts/only-in-alpha/index.html'))).toBe(true);
    expect(existsSync(join(a, 'dist/posts/only-in-beta'))).toBe(false);
    expect(existsSync(join(b, 'dist/posts/only-in-beta/index.html'))).toBe(true);
    expect(existsSync(join(b, 'dist/posts/only-in-alpha'))).toBe(false);
    // each checkout's caches are its own, none in the shared packages
    expect(readdirSync(join(a, '.cache')).some((n) => n.startsWith('astro-'))).toBe(true);
    const shared = join(root, 'node_modules/.astro/data-store.json');
    if (existsSync(shared)) expect(statSync(shared).mtimeMs, 'the shared packages\' cache was written').toBeLessThan(started);
  });

  it('a warm rebuild renders no Markdown and writes a dist byte-identical to the cold build', async () => {
    const warm = await build(a, 'dist-warm').done;
    expect(warm.code, warm.output).toBe(0);
    expect(rendered(warm.output)).toBe(0);
    // the page came from the page cache (Astro colours its log when it thinks a terminal reads it)
    expect(warm.output.replace(/\x1b\[[0-9;]*m/g, '')).toMatch(/posts\/linux-process-the-beginning\/index\.html \(restored\)/);
    const cold = tree(join(a, 'dist'));
    const again = tree(join(a, 'dist-warm'));
    expect([...again.keys()]).toEqual([...cold.keys()]);
    for (const [f, bytes] of cold) expect(again.get(f) === bytes, f).toBe(true);
  });

  // The last two run side by side: each works in a checkout of its own, and a build alone keeps
  // one core and a half busy.
  it.concurrent('one changed post re-renders that post alone (and draws no card, or only its own); a change of style renders no post again', async () => {
    const cardsBefore = storedCards(a);
    writeFileSync(join(a, 'content/posts/only-in-alpha.md'), readFileSync(join(a, 'content/posts/only-in-alpha.md'), 'utf8').replace('zzqx-alpha', 'zzqx-alpha-edited'));
    const one = await build(a).done;
    expect(one.code, one.output).toBe(0);
    expect(rendered(one.output)).toBe(1);
    expect(readFileSync(join(a, 'dist/posts/only-in-alpha/index.html'), 'utf8')).toContain('zzqx-alpha-edited');
    expect(readFileSync(join(a, 'dist/tags/caching/index.html'), 'utf8')).toContain('zzqx-alpha-edited'); // the list shows its excerpt
    expect(storedCards(a)).toBe(cardsBefore); // the body is not on its card

    // a change of tags elsewhere changes another post's related posts: that page is built again, not restored
    const vfs = () => readFileSync(join(a, 'dist/posts/macos-vfs-file-system-isolation-filter/index.html'), 'utf8');
    expect(vfs()).not.toContain('href="/posts/only-in-alpha/"');
    writeFileSync(join(a, 'content/posts/only-in-alpha.md'), readFileSync(join(a, 'content/posts/only-in-alpha.md'), 'utf8').replace('tags: [caching]', 'tags: [caching, filesystems]'));
    const retagged = await build(a).done;
    expect(retagged.code, retagged.output).toBe(0);
    expect(vfs()).toMatch(/<nav class="related"[^]*href="\/posts\/only-in-alpha\/"/);
    // two cards drawn: the post's (its tags are on it) and the filesystems tag's (one more post)
    expect(storedCards(a)).toBe(cardsBefore + 2);

    // a style changed: no post is rendered again, the pages are, and the site equals a cold build's
    const css = join(a, 'src/styles/global.css');
    writeFileSync(css, `${readFileSync(css, 'utf8')}\n.zzqx-style-only { outline-offset: 3px; }\n`);
    const styled = await build(a).done;
    expect(styled.code, styled.output).toBe(0);
    expect(rendered(styled.output)).toBe(0);
    const cssFiles = readdirSync(join(a, 'dist/_astro')).filter((f) => f.endsWith('.css'));
    expect(cssFiles.some((f) => readFileSync(join(a, 'dist/_astro', f), 'utf8').includes('zzqx-style-only'))).toBe(true);
    for (const n of readdirSync(join(a, '.cache'))) if (n.startsWith('astro-')) rmSync(join(a, '.cache', n), { recursive: true });
    const coldStyled = await build(a, 'dist-cold').done;
    expect(coldStyled.code, coldStyled.output).toBe(0);
    const warmTree = tree(join(a, 'dist'));
    const coldTree = tree(join(a, 'dist-cold'));
    expect([...warmTree.keys()]).toEqual([...coldTree.keys()]);
    for (const [f, bytes] of coldTree) expect(warmTree.get(f) === bytes, f).toBe(true);
  });

  it.concurrent('a build killed midway leaves a cache the next build uses; a change to listing code then rebuilds every listing (and draws no card)', async () => {
    addPost(b, 'after-a-kill', 'zzqx-after-kill');
    const killed = build(b);
    // killed once the content store has been synced (and is being written) and pages are being built
    for (let i = 0; i < 1200 && !killed.output().includes('Building static entrypoints'); i++) await new Promise((r) => setTimeout(r, 50));
    expect(killed.output()).toContain('Building static entrypoints');
    killed.kill('SIGKILL');
    expect((await killed.done).code).not.toBe(0);
    const next = await build(b).done;
    expect(next.code, next.output).toBe(0);
    expect(readFileSync(join(b, 'dist/posts/after-a-kill/index.html'), 'utf8')).toContain('zzqx-after-kill');
    expect(rendered(next.output)).toBeLessThanOrEqual(1); // the store the killed build left was read, not thrown away
    expect(readFileSync(join(b, 'dist/posts/only-in-beta/index.html'), 'utf8')).toContain('zzqx-beta');

    // a change to listing code rebuilds every listing, and draws no card (the cards' own code did not change)
    const cardsBefore = storedCards(b);
    const diagram = join(b, 'src/listings/transformer-maps-diagram.ts');
    writeFileSync(diagram, readFileSync(diagram, 'utf8').replace("'The address space as a table'", "'The address space as a table (zzqx-new-diagram-code)'"));
    const code = await build(b).done;
    expect(code.code, code.output).toBe(0);
    expect(rendered(code.output)).toBe(readdirSync(join(b, 'content/posts')).filter((f) => f.endsWith('.md')).length); // every post again
    expect(readFileSync(join(b, 'dist/posts/linux-process-the-beginning/index.html'), 'utf8')).toContain('zzqx-new-diagram-code');
    expect(storedCards(b)).toBe(cardsBefore);
  });
});
