// Publishing with git push, for real: `npm run publish -- init` on a temporary server directory,
// an author who pushes to its site.git, the receive hook's builds, and Debian's nginx serving
// `live` with deploy/nginx.conf on 127.0.0.1. The tests run in order: each starts from the
// site the previous one left (but for the type error's push, to a server of its own).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root } from './support/build.ts';
import { launch, openPage } from './support/browser.ts';
import { ensureNginx, startNginx, type Nginx } from './support/nginx.ts';
import {
  addPost, authorRepo, cloneAuthor, git, liveTarget, makeServerDir, publishCli, publishCliWith, push, startPush, pushRefs, type Push,
} from './support/publish.ts';
import { tempDir } from '../../scripts/harness/temp.ts';
import { headersOf, nginxFragments } from '../../src/lib/nginx-fragments.ts';

const post = (title: string, date = '2026-11-20') => `title: "${title}"\ndate: ${date}\ntags: [publishing]`;
const nginxCheck = ensureNginx();

describe('publishing with git push', () => {
  let server = '';
  let author = '';
  let web: Nginx | undefined;
  const dirs: string[] = [];

  /** Fetches a path from nginx (or, without nginx, reads it from live). */
  async function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string; headers: Headers }> {
    if (!web) throw new Error('nginx is not running');
    const once = () => fetch(`${web!.url}${path}`, { headers, redirect: 'manual' });
    // nginx reloads after each publish (--after-publish) and closes idle keep-alive connections:
    // like a browser, send a GET again when the reused connection was closed under it.
    const res = await once().catch(once);
    return { status: res.status, body: await res.text(), headers: res.headers };
  }

  /**
   * A push whose .ts file has a type error, to a server of its own with astro check on: started
   * with the file, it builds and checks (about 25 s, a core) while the first pushes below build.
   */
  let typeErrorPush: Promise<{ push: Push; server: string; before: string }> | undefined;
  function startTypeErrorPush(): Promise<{ push: Push; server: string; before: string }> {
    const own = serverWithAuthor((dir) => publishCli('init', dir, '--check-args=--dist dist'));
    writeFileSync(join(own.author, 'src/lib/type-error.ts'), 'export const answer: number = "forty-two";\n');
    git(own.author, 'add', '-A');
    git(own.author, 'commit', '-qm', 'A type error');
    const before = liveTarget(own.server); // the placeholder
    return push(own.author).then((p) => ({ push: p, server: own.server, before }));
  }

  /** A publish server `init` set up, and an author who pushes to it; both removed after the file. */
  function serverWithAuthor(init: (dir: string) => { code: number; output: string }): { server: string; author: string } {
    const dir = makeServerDir();
    dirs.push(dir);
    const r = init(dir);
    expect(r.code, r.output).toBe(0);
    const repo = authorRepo(join(dir, 'site.git'));
    dirs.push(repo);
    // The receive hook installs npm packages once per lockfile; give it this checkout's instead of the network.
    const seed = publishCli('seed-cache', dir, '--from', root, '--lockfile', join(repo, 'package-lock.json'));
    expect(seed.code, seed.output).toBe(0);
    return { server: dir, author: repo };
  }

  beforeAll(async () => {
    if ('skip' in nginxCheck) console.warn(`publish tests: ${nginxCheck.skip}; the nginx part is skipped`);
    if (!process.env.RZ_PUBLISH_E2E_NO_CHECKS) typeErrorPush = startTypeErrorPush();
    // The site's full checks run on every push. The first push skips astro check (npm test's types
    // suite checks this code); the listing-code push below runs it, and the post after it does not.
    ({ server, author } = serverWithAuthor((dir) => configure(false, dir)));
    if ('bin' in nginxCheck) {
      web = await startNginx(nginxCheck.bin, server, tempDir('rz-nginx-'));
      expect(configure(false).code).toBe(0); // now with the reload that makes nginx send a new release's headers
    }
  });

  /** `publish init` again (it keeps releases and history): the settings of this suite, and astro check on or off. */
  function configure(astroCheck = true, dir = server): { code: number; output: string } {
    const checks = process.env.RZ_PUBLISH_E2E_NO_CHECKS ? ['--no-checks'] : [`--check-args=--dist dist${astroCheck ? '' : ' --no-astro-check'}`];
    const r = publishCli('init', dir, '--keep', '3', '--lock-timeout', '120', ...checks, ...(web ? ['--after-publish', web.reloadCommand] : []));
    expect(r.code, r.output).toBe(0);
    return r;
  }
  const liveCsp = () => headersOf(readFileSync(join(server, 'live', nginxFragments.headers.file), 'utf8')).get('Content-Security-Policy');

  afterAll(async () => {
    await web?.stop();
    await typeErrorPush?.catch(() => undefined); // (its folders go below once its push has ended, even when its test did not run)
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('serves a placeholder before the first push, then the site after it, with caching, 404 and gzip', async () => {
    if (web) {
      const before = await get('/');
      expect(before.status).toBe(200);
      expect(before.body).toContain('Nothing published yet');
    }
    const first = await push(author);
    expect(first.code, first.output).toBe(0);
    expect(first.output).toMatch(/no build cache on this server yet: this push builds the site from its 4 post files and runs every check, about \d+ s/);
    expect(first.output).toMatch(/publish: published [0-9a-f]{12}/);
    expect(liveTarget(server)).toMatch(/^releases\/\d{8}T\d{6}-[0-9a-f]{12}$/);
    if (!web) return;
    // the after-publish reload says what it did, not nginx's own notice
    expect(first.output).toContain('publish: nginx reloaded');
    expect(first.output).not.toContain('[notice]');

    const home = await get('/', { 'accept-encoding': 'gzip' });
    expect(home.status).toBe(200);
    expect(home.body).toContain('Linux process. The beginning.');
    expect(home.headers.get('content-type')).toMatch(/^text\/html/);
    expect(home.headers.get('cache-control')).toBe('no-cache');
    expect(home.headers.get('content-encoding')).toBe('gzip');
    expect(home.headers.get('etag') ?? home.headers.get('last-modified')).toBeTruthy();
    expect(home.headers.get('x-content-type-options')).toBe('nosniff');
    // the live release's own CSP, as a header (frame-ancestors works only there), on pages and on 404s
    expect(liveCsp()).toContain("frame-ancestors 'none'");
    // (nginx reloads after the publish, --after-publish: its new workers send the release's headers)
    let fresh = home.headers;
    for (let i = 0; i < 50 && fresh.get('content-security-policy') !== liveCsp(); i++) {
      await new Promise((r) => setTimeout(r, 100));
      fresh = (await get('/')).headers;
    }
    expect(fresh.get('content-security-policy')).toBe(liveCsp());
    expect(fresh.get('cross-origin-opener-policy')).toBe('same-origin');
    const sent = `content-security-policy: ${liveCsp()}`.toLowerCase();
    let curl = spawnSync('curl', ['-sI', `${web.url}/`], { encoding: 'utf8' });
    for (let i = 0; i < 50 && curl.status === 0 && !curl.stdout.toLowerCase().includes(sent); i++) {
      await new Promise((r) => setTimeout(r, 100)); // (a new connection may still reach a worker of the old configuration)
      curl = spawnSync('curl', ['-sI', `${web.url}/`], { encoding: 'utf8' });
    }
    if (curl.status === 0) expect(curl.stdout.toLowerCase()).toContain(sent);

    const asset = /(?:href|src)="(\/_astro\/[^"]+\.(?:css|js))"/.exec(home.body)?.[1];
    expect(asset, 'the home page links a hashed asset').toBeTruthy();
    const a = await get(asset!, { 'accept-encoding': 'gzip' });
    expect(a.status).toBe(200);
    expect(a.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(a.headers.get('content-encoding')).toBe('gzip');

    const missing = await get('/posts/no-such-post/');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-security-policy')).toBe(liveCsp());
    expect(missing.body).toBe(readFileSync(join(server, 'live/404.html'), 'utf8'));

    const noSlash = await get('/archive');
    expect(noSlash.status).toBe(301);
    expect(noSlash.headers.get('location')).toBe('/archive/');

    for (const hidden of ['/_headers', '/security-headers.conf', '/.git/HEAD']) expect((await get(hidden)).status, hidden).toBe(404);

    const feed = await get('/rss.xml');
    expect(feed.status).toBe(200);
    expect(feed.headers.get('cache-control')).toBe('no-cache');
  });

  it('a push that changes only listing code (the maps diagram) rebuilds the posts: the live Linux post shows it', async () => {
    const diagram = join(author, 'src/listings/transformer-maps-diagram.ts');
    writeFileSync(diagram, readFileSync(diagram, 'utf8').replace("'The address space as a table'", "'The address space as a table (zzqx-diagram-code)'"));
    git(author, 'commit', '-qam', 'Maps diagram: new summary text');
    configure(true); // from here on, astro check runs whenever code changed (the first push skipped it)
    const r = await push(author);
    expect(r.code, r.output).toBe(0);
    if (!process.env.RZ_PUBLISH_E2E_NO_CHECKS) expect(r.output).toMatch(/✓ astro check\s*\n/); // code changed: checked again
    expect(readFileSync(join(server, 'live/posts/linux-process-the-beginning/index.html'), 'utf8')).toContain('zzqx-diagram-code');
    if (web) expect((await get('/posts/linux-process-the-beginning/')).body).toContain('zzqx-diagram-code');
  });

  it('a pushed new post is built, checked and served', async () => {
    const before = liveTarget(server);
    addPost(author, 'published-by-push', post('Published by push'), 'zzqx-push-marker: this post came in with git push.');
    const r = await push(author);
    expect(r.code, r.output).toBe(0);
    // the site's own checks ran on the pushed build (once the site has them)
    if (existsSync(join(author, 'scripts/check.ts')) && !process.env.RZ_PUBLISH_E2E_NO_CHECKS) {
      expect(r.output).toContain('npm run check -- --dist dist');
      // only a post changed: astro check is not run again, html-validate sees only the changed pages
      expect(r.output).toContain('astro check (this code passed it before; only posts changed)');
      const [, pages, changed] = /html-validate \((\d+) pages, (\d+) changed since the last check\)/.exec(r.output) ?? [];
      expect(Number(changed), r.output).toBeLessThan(Number(pages));
    } else {
      expect(r.output).toContain('checks skipped');
    }
    expect(liveTarget(server)).not.toBe(before);
    const html = readFileSync(join(server, 'live/posts/published-by-push/index.html'), 'utf8');
    expect(html).toContain('zzqx-push-marker');
    if (web) {
      const page = await get('/posts/published-by-push/');
      expect(page.status).toBe(200);
      expect(page.body).toContain('zzqx-push-marker');
      // a page loaded just before the switch may ask for an asset only the previous release has
      writeFileSync(join(server, 'previous/_astro/only-in-previous.js'), 'void 0;\n');
      const old = await get('/_astro/only-in-previous.js');
      expect(old.status).toBe(200);
      expect(old.headers.get('cache-control')).toContain('immutable');
      expect((await get('/_astro/in-no-release.js')).status).toBe(404);
    }
  });

  it('a push of another branch or a tag is kept but not published, and the author is told so', async () => {
    const before = liveTarget(server);
    const head = git(author, 'rev-parse', 'HEAD');
    git(author, 'tag', '-f', 'zzqx-tag');
    const r = await pushRefs(author, 'HEAD:feature-zzqx', 'zzqx-tag');
    expect(r.code, r.output).toBe(0);
    expect(r.output).toContain(`publish: not published: feature-zzqx is kept in the repository, but only main is built; the site still shows main at ${head.slice(0, 12)}. To publish it: git push <remote> feature-zzqx:main`);
    expect(r.output).toContain('publish: not published: zzqx-tag is kept in the repository');
    expect(liveTarget(server)).toBe(before);
    const gone = await pushRefs(author, ':feature-zzqx');
    expect(gone.output).toContain('publish: deleted feature-zzqx (not published: only main is)');
  });

  it('a post with invalid frontmatter is rejected with the build error; the served site is unchanged', async () => {
    const before = liveTarget(server);
    const headBefore = git(join(server, 'site.git'), 'rev-parse', 'main');
    addPost(author, 'broken-date', post('Broken date', '2016-13-45'), 'never served');
    const r = await push(author);
    expect(r.code).not.toBe(0);
    expect(r.output).toContain('pre-receive hook declined');
    expect(r.output).toContain('content/posts/broken-date.md:3: error in date: date is not a date: "2016-13-45".');
    expect(r.output).toContain('fix: write date as YYYY-MM-DD');
    expect(r.output).toContain('the live site is unchanged');
    expect(liveTarget(server)).toBe(before);
    expect(git(join(server, 'site.git'), 'rev-parse', 'main')).toBe(headBefore);
    if (web) {
      expect((await get('/posts/broken-date/')).status).toBe(404);
      expect((await get('/posts/published-by-push/')).status).toBe(200);
    }
    git(author, 'reset', '-q', '--hard', 'HEAD~1');
  });

  it('a push killed midway leaves the served site unchanged, and the next push works', async () => {
    const before = liveTarget(server);
    addPost(author, 'survives-a-kill', post('Survives a kill'), 'zzqx-kill-marker');
    const p = startPush(author);
    // wait until the hook is inside `npm run build`, then kill the push and everything it started
    for (let i = 0; i < 600 && !p.output().includes('npm run build'); i++) await new Promise((r) => setTimeout(r, 50));
    expect(p.output()).toContain('npm run build');
    await new Promise((r) => setTimeout(r, 1500));
    expect(p.output()).not.toContain('built ');
    p.kill('SIGKILL');
    const killed = await p.done;
    expect(killed.code).not.toBe(0);
    expect(liveTarget(server)).toBe(before);
    expect(existsSync(join(server, 'live/posts/survives-a-kill'))).toBe(false);
    if (web) expect((await get('/posts/survives-a-kill/')).status).toBe(404);

    const again = await push(author);
    expect(again.code, again.output).toBe(0);
    expect(liveTarget(server)).not.toBe(before);
    expect(readdirSync(join(server, 'tmp'))).toEqual([]); // the killed build's work tree was cleared
    expect(readdirSync(join(server, 'releases')).filter((n) => n.startsWith('.'))).toEqual([]);
    if (web) {
      const page = await get('/posts/survives-a-kill/');
      expect(page.status).toBe(200);
      expect(page.body).toContain('zzqx-kill-marker');
    }
  });

  it('two pushes at once: one waits for the other, and the site ends consistent with the branch', async () => {
    const other = cloneAuthor(join(server, 'site.git'));
    dirs.push(other);
    addPost(author, 'race-alpha', post('Race alpha'), 'zzqx-alpha');
    addPost(other, 'race-beta', post('Race beta'), 'zzqx-beta');
    const [ra, rb] = await Promise.all([push(author), push(other)]);
    const winners = [ra, rb].filter((r) => r.code === 0);
    expect(winners.length, `${ra.output}\n----\n${rb.output}`).toBe(1);
    const loser = ra.code === 0 ? rb : ra;
    const loserRepo = ra.code === 0 ? other : author;
    expect(loser.output).toMatch(/waiting for it|moved to [0-9a-f]{12} while this push waited|fetch first|rejected/);

    const check = async (present: string[], absent: string[]) => {
      const head = git(join(server, 'site.git'), 'rev-parse', 'main');
      expect(liveTarget(server)).toContain(`-${head.slice(0, 12)}`); // live is the build of what main names
      for (const slug of present) expect(existsSync(join(server, `live/posts/${slug}/index.html`)), slug).toBe(true);
      for (const slug of absent) expect(existsSync(join(server, `live/posts/${slug}`)), slug).toBe(false);
      if (web) {
        for (const slug of present) expect((await get(`/posts/${slug}/`)).status, slug).toBe(200);
        for (const slug of absent) expect((await get(`/posts/${slug}/`)).status, slug).toBe(404);
      }
    };
    const [won, lost] = ra.code === 0 ? ['race-alpha', 'race-beta'] : ['race-beta', 'race-alpha'];
    await check([won], [lost]);

    // the loser does what the message says
    git(loserRepo, 'pull', '-q', '--rebase', 'live', 'main');
    const retry = await push(loserRepo);
    expect(retry.code, retry.output).toBe(0);
    await check(['race-alpha', 'race-beta'], []);
    if (loserRepo === other) git(author, 'pull', '-q', '--rebase', 'live', 'main');
  });

  it('a type error in a pushed .ts file rejects the push', async () => {
    if (!typeErrorPush) return; // (RZ_PUBLISH_E2E_NO_CHECKS)
    const { push: r, server: own, before } = await typeErrorPush;
    expect(r.code).not.toBe(0);
    expect(r.output).toContain("the site's checks failed");
    expect(r.output).toMatch(/type-error\.ts.*not assignable to type 'number'/);
    expect(r.output).toContain('push rejected: fix the error above');
    expect(liveTarget(own)).toBe(before);
    expect(readdirSync(join(own, 'releases')).filter((n) => !n.startsWith('.'))).toEqual([before.replace('releases/', '')]);
    expect(readFileSync(join(own, 'live/index.html'), 'utf8')).toContain('Nothing published yet');
    expect(() => git(join(own, 'site.git'), 'rev-parse', '--verify', 'main')).toThrow();
  });

  it('readers under load through three publishes that change CSS and search: no failed request, no missing asset, open searches keep working, in Chromium too', async () => {
    if (!web) return;
    const w = web;
    configure(false); // CSS changes are code changes: astro check was shown above; the rest of this file's pushes skip it
    // A reader opened search in Chromium before the first publish: Pagefind has loaded that
    // release's entry and metadata, no word index yet; it types once the index has changed.
    // (It fails without the `previous` fallback for /pagefind/.)
    const browser = await launch();
    const pagefindFailed: string[] = [];
    let afterSwitch = 0;
    let switched = false;
    const searchPage = await openPage(browser, `${w.url}/search/`, {
      onPage: (p) => p.on('response', (res) => {
        if (!new URL(res.url()).pathname.startsWith('/pagefind/')) return;
        if (switched) afterSwitch++;
        if (res.status() >= 400) pagefindFailed.push(`${res.status()} ${res.url()}`);
      }),
    });
    // (a string, so that vitest does not rewrite the page's import)
    await searchPage.evaluate(`import('/pagefind/pagefind.js').then(async (pf) => { await pf.init(); globalThis.openSearch = pf; })`);
    const entry = readFileSync(join(server, 'live/pagefind/pagefind-entry.json'), 'utf8');
    let stop = false;
    let requests = 0;
    const problems: string[] = [];
    const pages = ['/', '/posts/linux-process-the-beginning/', '/archive/', '/tags/', '/search/'];
    let retried = 0;
    // nginx's reload after each publish closes idle keep-alive connections; like a browser, a
    // reader sends a GET again, on a new connection, when its reused one was closed under it
    // (never on a status).
    const fetchAsBrowser = async (url: string): Promise<{ status: number; body: Buffer }> => {
      let res: Response;
      try {
        res = await fetch(url);
      } catch {
        retried++;
        return new Promise((ok, fail) => {
          httpGet(url, { agent: false }, (r) => {
            const chunks: Buffer[] = [];
            r.on('data', (c: Buffer) => chunks.push(c)).on('end', () => ok({ status: r.statusCode ?? 0, body: Buffer.concat(chunks) })).on('error', fail);
          }).on('error', fail);
        });
      }
      return { status: res.status, body: Buffer.from(await res.arrayBuffer()) }; // (a body cut short is a failure)
    };
    const reader = async (i: number) => {
      for (let k = i; !stop && requests < 200_000; k++) {
        const page = pages[k % pages.length]!;
        const res = await fetchAsBrowser(`${w.url}${page}`);
        requests++;
        const html = res.body.toString('utf8');
        if (res.status !== 200) { problems.push(`${page}: ${res.status}`); continue; }
        for (const m of html.matchAll(/(?:href|src)="(\/_astro\/[^"]+)"/g)) {
          const a = await fetchAsBrowser(`${w.url}${m[1]}`);
          requests++;
          if (a.status !== 200) problems.push(`${page} -> ${m[1]}: ${a.status}`);
        }
      }
    };
    const readers = Promise.all([0, 1, 2, 3].map((i) => reader(i).catch((e: unknown) => { problems.push(`reader ${i}: ${String(e)}`); })));
    const deadline = setTimeout(() => { stop = true; }, 280_000);
    try {
      for (let k = 1; k <= 3; k++) {
        const stylesheet = (await get('/')).body.match(/href="(\/_astro\/[^"]+\.css)"/)?.[1];
        const openIndex = readdirSync(join(server, 'live/pagefind'), { recursive: true, encoding: 'utf8' }).filter((f) => /\.pf_/.test(f));
        const css = join(author, 'src/styles/global.css');
        writeFileSync(css, `${readFileSync(css, 'utf8')}\n.load-test-${k} { outline-offset: ${k}px; }\n`);
        addPost(author, `under-load-${k}`, post(`Under load ${k}`), `zzqx-load-${k}: published while readers read.`);
        const r = await push(author);
        expect(r.code, r.output).toBe(0);
        const home = (await get('/')).body;
        expect(home.match(/href="(\/_astro\/[^"]+\.css)"/)?.[1], 'the stylesheet changed').not.toBe(stylesheet);
        expect(home).toContain(`Under load ${k}`);
        // a search opened before the switch asks for the index it loaded: all of it still answers
        for (const f of openIndex) expect((await get(`/pagefind/${f}`)).status, f).toBe(200);
        if (k === 1) {
          expect(readFileSync(join(server, 'live/pagefind/pagefind-entry.json'), 'utf8'), 'the index changed').not.toBe(entry);
          switched = true;
          // the Chromium reader types now: the words it asks for are in the index it loaded
          const urls = await searchPage.evaluate(`globalThis.openSearch.search('SLIST_HEADER')
            .then((found) => Promise.all(found.results.map(async (x) => (await x.data()).url)))`) as string[];
          expect(urls.some((u) => u.includes('exinterlockedpopentryslist')), urls.join(' ')).toBe(true);
          expect(afterSwitch, 'the open search fetched index files after the switch').toBeGreaterThan(0);
          expect(pagefindFailed).toEqual([]);
        }
      }
    } finally {
      stop = true;
      clearTimeout(deadline);
      await readers;
      await browser.close();
    }
    expect(problems, problems.join('\n')).toEqual([]);
    expect(requests).toBeGreaterThan(500);
    expect(retried, 'resent GETs (a closed keep-alive connection)').toBeLessThan(requests / 100);
    console.log(`load test: ${requests} requests by 4 readers through 3 publishes, ${problems.length} failed, ${retried} resent after nginx's reload closed a connection`);
  });

  it('a post dated tomorrow is pushed but not served; the daily `scheduled` run publishes it on its day', async () => {
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    addPost(author, 'scheduled-for-tomorrow', post('Scheduled for tomorrow', tomorrow), 'zzqx-scheduled-marker');
    const r = await push(author);
    expect(r.code, r.output).toBe(0);
    expect(existsSync(join(server, 'live/posts/scheduled-for-tomorrow'))).toBe(false);
    expect(readFileSync(join(server, 'live/feed.json'), 'utf8')).not.toContain('zzqx-scheduled-marker');
    if (web) expect((await get('/posts/scheduled-for-tomorrow/')).status).toBe(404);
    const today = publishCli('scheduled', server);
    expect(today.code, today.output).toBe(0);
    expect(today.output).toContain(`nothing is due: the next scheduled post appears on ${tomorrow} (UTC).`);
    // the cron line of the README, run on the post's day (RZ_NOW stands in for tomorrow's clock)
    const due = publishCliWith({ RZ_NOW: tomorrow }, 'scheduled', server);
    expect(due.code, due.output).toBe(0);
    expect(due.output).toContain(`a post scheduled for ${tomorrow} is due`);
    expect(readFileSync(join(server, 'live/posts/scheduled-for-tomorrow/index.html'), 'utf8')).toContain('zzqx-scheduled-marker');
    expect(readFileSync(join(server, 'live/feed.json'), 'utf8')).toContain('zzqx-scheduled-marker');
    if (web) expect((await get('/posts/scheduled-for-tomorrow/')).body).toContain('zzqx-scheduled-marker');
  });

  it('rollback serves the previous release, status says it was on purpose, and the next push keeps --keep releases', async () => {
    const current = liveTarget(server);
    const posts = (release: string) => new Set(readdirSync(join(server, release, 'posts')));
    const newest = [...posts(current)].filter((slug) => !posts(readlinkSync(join(server, 'previous'))).has(slug));
    expect(newest.length, 'the last publish added a post').toBeGreaterThan(0);
    const r = publishCli('rollback', server);
    expect(r.code, r.output).toBe(0);
    expect(r.output).toContain('rolled back');
    const now = liveTarget(server);
    expect(now < current).toBe(true);
    for (const slug of newest) {
      expect(existsSync(join(server, `live/posts/${slug}`)), slug).toBe(false);
      if (web) expect((await get(`/posts/${slug}/`)).status, slug).toBe(404);
    }
    if (web) expect((await get('/posts/survives-a-kill/')).status).toBe(200);
    const status = publishCli('status', server);
    expect(status.output).toContain(`${now.replace('releases/', '')}   <- live`);
    expect(status.output).toContain('rolled back on purpose; the next push publishes main again');
    expect(status.output).not.toContain('mismatch');
    // --keep 3: after a rollback and a push, three releases remain, the newest live
    addPost(author, 'after-rollback', post('After rollback'), 'zzqx-after-rollback');
    const again = await push(author);
    expect(again.code, again.output).toBe(0);
    const releases = readdirSync(join(server, 'releases')).filter((n) => !n.startsWith('.')).sort();
    expect(releases).toHaveLength(3);
    expect(liveTarget(server)).toBe(`releases/${releases.at(-1)}`);
    expect(publishCli('status', server).output).toMatch(/ok: live serves main/);
  });
});
