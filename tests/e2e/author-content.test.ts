// An author's mistakes in a post's body, each in a real build: raw HTML that would run script,
// a code fence left open, an MDX import of a missing file stop the build with the file, the
// line and the fix, and publish nothing; allowed raw HTML builds, and feeds carry no script.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSiteAsync, contentWith, type BuildResult } from './support/build.ts';

const fm = (title: string) => `---\ntitle: "${title}"\ndate: 2017-01-02\n---\n\n`; // the body starts on line 6
const plain = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '');
const islandFix = 'fix: to add behaviour, write the post as .mdx and embed an island component (README.md: "Embedding an island in a post"); to show HTML as code, put it in a fenced listing';
const urlFix = 'fix: link to an https: URL; behaviour belongs in an island component in an .mdx post (README.md: "Embedding an island in a post")';
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The lines of one problem as the build prints it. */
const problem = (file: string, line: number, field: string, message: string, fix: string) =>
  new RegExp(`${esc(file)}:${line}: error in ${field}: ${esc(message)}\\.\\n    ${esc(fix)}`);

/** Build extra posts beside the four; the build must fail, publish nothing, and print no stack trace. */
async function rejectedBuild(name: string, files: Record<string, string>): Promise<BuildResult> {
  const build = await buildSiteAsync(`author-content-${name}`, { contentDir: contentWith(files) });
  expect(build.ok, build.output).toBe(false);
  for (const file of Object.keys(files)) expect(existsSync(join(build.outDir, 'posts', file.replace(/\.mdx?$/, ''), 'index.html'))).toBe(false);
  expect(existsSync(join(build.outDir, 'index.html'))).toBe(false);
  expect(plain(build.output)).not.toMatch(/    at /); // no stack trace
  return build;
}

/** One extra post beside the four: the build fails, publishes nothing, and prints `expected`. */
async function expectRejected(name: string, file: string, source: string, expected: RegExp): Promise<BuildResult> {
  const build = await rejectedBuild(name, { [file]: source });
  expect(plain(build.output)).toMatch(expected);
  return build;
}

describe.concurrent('images stop the build when a reader would miss what they show', () => {
  it('an image without alt text, and one whose file is not there, each with the file, line and fix', async () => {
    const build = await expectRejected('images', 'bad-images.md', `${fm('Images')}A screenshot:\n\n![](/favicon.svg)\n\n![The stack](./no-such.png)\n`,
      problem('bad-images.md', 8, 'body', 'the image /favicon.svg has no alt text', 'fix: describe what the image shows in the brackets'));
    expect(plain(build.output)).toMatch(/bad-images\.md:10: error in body: the image \.\/no-such\.png is not there: .*no-such\.png does not exist\./);
  });
});

describe.concurrent('raw HTML that would run script stops the build', () => {
  // one build holds the four posts: the check names every problem of every post at once
  const posts = {
    'bad-script.md': `${fm('Script')}Some text.\n\n<script>alert(document.cookie)</script>\n`,
    'bad-onerror.md': `${fm('Onerror')}A picture:\n\n<img src="/favicon.svg"\n     onerror="alert(1)" alt="x">\n`,
    'bad-onclick.md': `${fm('Onclick')}Press <kbd onClick="steal()">here</kbd>.\n`,
    'bad-link.md': `${fm('Link')}A [link](JaVaScRiPt:alert(1)).\n\nAnd <a href="java&#x09;script:alert(1)">another</a>.\n`,
  };
  let build: Promise<BuildResult> | undefined;
  const output = async () => plain((await (build ??= rejectedBuild('script', posts))).output);

  it('<script>', async () => {
    expect(await output()).toMatch(problem('bad-script.md', 8, 'body', 'raw HTML <script> is not allowed in a post', islandFix));
  });

  it('onerror=', async () => {
    expect(await output()).toMatch(problem('bad-onerror.md', 9, 'body', 'raw HTML event-handler attribute onerror= on <img> is not allowed in a post', islandFix));
  });

  it('onclick=', async () => {
    expect(await output()).toMatch(problem('bad-onclick.md', 6, 'body', 'raw HTML event-handler attribute onclick= on <kbd> is not allowed in a post', islandFix));
  });

  it('a javascript: link, however it is spelled', async () => {
    expect(await output()).toMatch(problem('bad-link.md', 6, 'body', 'a javascript: URL in a Markdown link is not allowed in a post', urlFix));
    expect(await output()).toContain('bad-link.md:8: error in body: a javascript: URL in href= on <a> is not allowed in a post.');
  });
});

describe.concurrent('fences and MDX', () => {
  it('an unclosed fence names the line it opened on', async () => {
    await expectRejected('fence', 'open-fence.md', `${fm('Open fence')}## Before\n\n\`\`\`c\nint main(void) { return 0; }\n\n## After\n\nMore prose.\n`,
      problem('open-fence.md', 8, 'body', 'the code fence opened on line 8 is never closed', 'fix: add a closing ``` line after the listing (until then, everything after line 8 is shown as code)'));
  });

  it('an MDX import of a missing component names the import\'s line', async () => {
    await expectRejected('mdx-import', 'missing-import.mdx', `${fm('Missing import')}import Foo from '../../src/components/Nope.tsx';\n\n## Try it\n\n<Foo client:visible />\n`,
      // the path resolved against the post (in a temporary folder here), then the fix
      new RegExp(`missing-import\\.mdx:6: error in import: the import of '\\.\\./\\.\\./src/components/Nope\\.tsx' names \\S*src/components/Nope\\.tsx, which does not exist\\.\\n    ${
        esc("fix: check the path: components live under src/ (an island such as the SList simulator in src/slist/ui/); import them root-relative, e.g. `import Simulator from '/src/slist/ui/Simulator.tsx';`")}`));
  });
});

describe.concurrent('allowed raw HTML', () => {
  it('<details>, <kbd>, <sup>, <sub>, <abbr>, <br> and tables build and render; feeds carry no script or handler', async () => {
    const dir = contentWith({
      'raw-html.md': `${fm('Raw HTML')}<details><summary>The full dump</summary>\n\nPress <kbd>Ctrl</kbd>+<kbd>Break</kbd>; 2<sup>64</sup> bytes, H<sub>2</sub>O, <abbr title="Interrupt Request Level">IRQL</abbr>.<br>\nNext line.\n\n</details>\n\n<table><tr><th>a</th></tr><tr><td>1</td></tr></table>\n`,
      // code, not raw HTML: a component defined in the post itself gets past the body check; the feeds still drop its handler
      'component.mdx': `${fm('Component')}export const Pic = () => <img src="/favicon.svg" alt="icon" onerror="alert(1)" />;\n\nA picture: <Pic />\n`,
    });
    const build = await buildSiteAsync('author-content-allowed', { contentDir: dir });
    expect(build.ok, build.output).toBe(true);
    const page = readFileSync(join(build.outDir, 'posts/raw-html/index.html'), 'utf8');
    expect(page).toContain('<details><summary>The full dump</summary>');
    expect(page).toContain('<kbd>Ctrl</kbd>+<kbd>Break</kbd>');
    expect(page).toContain('2<sup>64</sup>');
    expect(page).toContain('H<sub>2</sub>O');
    expect(page).toContain('<abbr title="Interrupt Request Level">IRQL</abbr>.<br>');
    expect(page).toContain('<table><tbody><tr><th>a</th></tr><tr><td>1</td></tr></tbody></table>');
    const feed = JSON.parse(readFileSync(join(build.outDir, 'feed.json'), 'utf8')) as { items: { url: string; content_html: string }[] };
    const raw = feed.items.find((i) => i.url.endsWith('/posts/raw-html/'))!;
    expect(raw.content_html).toContain('<kbd>Ctrl</kbd>+<kbd>Break</kbd>');
    expect(raw.content_html).toContain('<details><summary>The full dump</summary>');
    const comp = feed.items.find((i) => i.url.endsWith('/posts/component/'))!;
    expect(comp.content_html).toMatch(/<img src="[^"]*favicon\.svg" alt="icon">/);
    const rss = readFileSync(join(build.outDir, 'rss.xml'), 'utf8');
    for (const text of [JSON.stringify(feed), rss]) expect(text).not.toMatch(/<script|onerror|onclick|javascript:/i);
  });
});
