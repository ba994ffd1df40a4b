// End to end, unified style: Markdown in, HTML out, through the same options the
// site uses (the remark/rehype plugins, highlighting included), the way Astro runs them.
import { describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { relative } from 'node:path';
import { createMarkdownProcessor, parseFrontmatter } from '@astrojs/markdown-remark';
import { listingsRehypePlugins, listingsRemarkPlugins } from './index.ts';

async function render(name: string, warn: (m: string) => void = () => {}) {
  const url = new URL(`./fixtures/${name}`, import.meta.url);
  const processor = await createMarkdownProcessor({
    syntaxHighlight: false, // as the site: highlighting is listingsRehypePlugins' first plugin
    remarkPlugins: listingsRemarkPlugins({ warn }) as never,
    rehypePlugins: listingsRehypePlugins() as never,
  });
  // As Astro's content loader does: the body without the frontmatter.
  const { content } = parseFrontmatter(readFileSync(url, 'utf8'), { frontmatter: 'remove' });
  return (await processor.render(content, { fileURL: url })).code;
}

const ids = (html: string) => [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!);
const hrefs = (html: string) => [...html.matchAll(/\shref="#([^"]+)"/g)].map((m) => m[1]!);
const text = (html: string) => html.replace(/<[^>]+>/g, '').replaceAll('&#x3C;', '<').replaceAll('&#x26;', '&').replaceAll('&#x27;', "'").replaceAll('&quot;', '"');
const figures = (html: string) => html.split('<figure').slice(1).map((f) => `<figure${f.slice(0, f.indexOf('</figure>'))}`);

describe('the SList post: windbg listing, cross-referenced', async () => {
  const html = await render('slist-post.md');
  const [first, second] = figures(html);

  it('renders in a figure with the language label and hidden (JS-enabled) copy and wrap buttons', () => {
    expect(first).toMatch(/^<figure class="listing" data-lang="windbg"><figcaption class="listing-head"><span class="listing-lang">WinDbg<\/span><\/figcaption>/);
    expect(first).toContain('<button type="button" class="listing-btn" data-listing-copy="" hidden>Copy</button>');
    expect(first).toContain('<button type="button" class="listing-btn" data-listing-wrap="" aria-pressed="false" hidden>Wrap lines</button>');
    expect(first).toContain('<span class="listing-status" role="status"></span>');
    expect(second).toContain('<span class="listing-title">second copy</span><span class="listing-lang">WinDbg</span>');
    expect(second).toContain('data-lang="windbg"'); // the kd alias is the windbg grammar
  });

  it('keeps the listing text exactly, one line per instruction', () => {
    const code = text(first!.slice(first!.indexOf('<pre'), first!.indexOf('</pre>')));
    expect(code).toBe(readFileSync(new URL('./fixtures/slist-uf.windbg.txt', import.meta.url), 'utf8').replace(/\n$/, ''));
  });

  it('colours tokens with classes and never with a style attribute', () => {
    expect(html).not.toMatch(/\sstyle=/);
    expect(first).toContain('<span class="tok-prompt">kd></span>');
    expect(first).toContain('<span class="tok-address">82acbdf1</span><span class="tok-opcode"> 0fb7416c</span><span class="tok-mnemonic">        movzx</span>');
    expect(first).toContain('<span class="tok-annotation">Branch</span>');
  });

  it('links each in-listing branch to its target line, and anchors each block label', () => {
    expect(first).toContain('<a class="xref" href="#lst-1-82acbe29"><span class="tok-type">nt</span><span>!</span><span class="tok-function">KiCheckForSListAddress</span><span class="tok-number">+0x38</span><span> (</span><span class="tok-address">82acbe29</span><span>)</span></a>');
    expect(first).toContain('<span class="line xref-target" id="lst-1-82acbe29" tabindex="-1" data-xref-from="lst-1-82acbe05 lst-1-82acbe13 lst-1-82acbe1c lst-1-82acbe24">');
    expect(first).toContain('<span class="line xref-block" id="lst-1-nt-KiCheckForSListAddress-0x38"><a class="xref-anchor" href="#lst-1-nt-KiCheckForSListAddress-0x38">');
    expect(first!.match(/class="xref"/g)).toHaveLength(6);
    expect(first!.match(/class="xref-anchor"/g)).toHaveLength(9);
    // offset nt!ExpInterlockedPopEntrySListResume (82a8ddf4) is outside the listing: no link
    expect(first).not.toContain('href="#lst-1-82a8ddf4"');
  });

  it('gives every id on the page once, and every link a target on the page', () => {
    const all = ids(html);
    expect(new Set(all).size).toBe(all.length);
    expect(all.filter((i) => i.startsWith('lst-2-'))).toHaveLength(all.filter((i) => i.startsWith('lst-1-')).length);
    for (const h of hrefs(html)) expect(all).toContain(h);
    for (const from of html.matchAll(/data-xref-from="([^"]+)"/g)) for (const id of from[1]!.split(' ')) expect(all).toContain(id);
    expect(all.filter((i) => !/^lst-[12]-/.test(i))).toEqual([]); // each id carries its listing's prefix
  });
});

describe('the Linux post: procmaps with its address-space picture, and gdb', async () => {
  const html = await render('linux-post.md');
  const [maps, gdb] = figures(html);

  it('colours each permission flag on its own and the pseudo paths', () => {
    expect(maps).toContain('<span class="tok-perm-r"> r</span><span class="tok-perm-none">-</span><span class="tok-perm-x">x</span><span class="tok-perm-p">p</span>');
    expect(maps).toContain('<span class="tok-pseudo">    [vsyscall]</span>');
    expect(text(maps!)).toContain('ffffffffff600000-ffffffffff601000 r-xp 00000000 00:00 0    [vsyscall]');
  });

  it('draws an SVG under the listing: role img, labelled by its title and description', () => {
    const svg = /<svg class="maps-svg" viewBox="0 0 420 (\d+)" role="img" aria-labelledby="lst-1-maps-title lst-1-maps-desc"><title id="lst-1-maps-title">Address space: 9 mappings from 0x400000 to 0xffffffffff601000<\/title><desc id="lst-1-maps-desc">9 mappings, drawn from the highest address/.exec(maps!);
    expect(svg).not.toBeNull();
    expect(maps!.indexOf('<svg')).toBeGreaterThan(maps!.indexOf('</pre>'));
    expect(maps!.match(/<g class="maps-band perm-(rx|rw)"><rect/g)).toHaveLength(9);
    expect(maps).toContain('<text x="104" y="22" class="maps-label">[vsyscall]</text>');
    expect(maps).toContain('⋮ 128 TiB unmapped');
  });

  it('has the same mappings as a table, the text alternative', () => {
    const table = maps!.slice(maps!.indexOf('<details'));
    expect(table).toContain('<summary>The address space as a table</summary>');
    expect(table.match(/<tr>/g)).toHaveLength(10);
    expect(table).toContain('<tr><td><code>62f000–630000</code></td><td>4 KiB</td><td><code>rw-p</code> data</td><td>[heap]</td></tr>');
    expect(table).toContain('<th scope="col">Path</th>');
  });

  it('renders the _start line as gdb', () => {
    expect(gdb).toContain('data-lang="gdb"');
    expect(gdb).toContain('<span class="tok-address">0x00007ffff7ddb2d0</span><span class="tok-keyword"> in</span><span class="tok-function"> _start</span>');
    expect(text(gdb!)).toContain('0x00007ffff7ddb2d0 in _start () from /lib64/');
  });
});

describe('chrome from the fence meta and the notation comments', async () => {
  const html = await render('chrome.md');
  const [c, js, gdb, windbg] = figures(html);
  const lineClasses = (fig: string) => [...fig.matchAll(/<span class="(line[^"]*)"/g)].map((m) => m[1]);

  it('shows the title and the language name', () => {
    expect(c).toContain('<figcaption class="listing-head"><span class="listing-title">pop.c</span><span class="listing-lang">C</span></figcaption>');
  });

  it('marks highlighted, inserted, deleted and focused lines, and asks for line numbers', () => {
    expect(lineClasses(c!)).toEqual(['line highlighted', 'line focused', 'line highlighted', 'line highlighted', 'line diff add', 'line diff remove', 'line']);
    expect(c).toMatch(/<pre [^>]*class="shiki listing-pre has-highlighted has-diff has-focused has-line-numbers"/);
    // line numbers are CSS counters: no digits are added to the text
    expect(text(c!)).toContain('#include <ntddk.h>\nPSLIST_ENTRY pop');
  });

  it('reads [!code ++], [!code --] and [!code focus] comments (and removes them)', () => {
    expect(lineClasses(js!)).toEqual(['line diff add', 'line diff remove', 'line focused']);
    expect(js).not.toContain('[!code');
    expect(js).toMatch(/class="[^"]*has-diff[^"]*has-focused/);
  });

  it('renders a windbg listing holding a [!code] line (without cross-references: windbg-xrefs.ts)', () => {
    expect(lineClasses(windbg!)).toEqual(['line', 'line focused']);
    expect(text(windbg!)).toContain('82acbdf5 7405            je      82acbdf7\n82acbdf7 c3              ret');
    expect(windbg).not.toContain('[!code');
  });

  it('starts wrapped with `wrap`, the toggle pressed', () => {
    expect(gdb).toMatch(/^<figure class="listing is-wrapped" data-lang="gdb">/);
    expect(gdb).toContain('data-listing-wrap="" aria-pressed="true"');
  });
});

describe('long listings fold', async () => {
  const html = await render('fold.md');
  const [over, exactly, open, slist] = figures(html);
  const shownLines = (fig: string) => fig.slice(0, fig.indexOf('<span class="listing-rest">')).split('class="line').length - 1;

  it('over 40 lines: the first 20 shown, the rest in one span of the same <code>, and a <details> control after the <pre>', () => {
    expect(shownLines(over!)).toBe(20);
    expect(over).toMatch(/<span class="listing-rest">\n<span class="line"><span[^>]*>line 21<\/span>/);
    expect(over).toContain('</code></pre><details class="listing-fold"><summary><span class="listing-fold-closed">Show all 41 lines</span><span class="listing-fold-open">Fold to the first 20 lines</span></summary></details>');
    // every line is still text of the one <code>: copy, print and the search index get them all
    const code = text(over!.slice(over!.indexOf('<code>'), over!.indexOf('</code>')));
    expect(code).toBe(Array.from({ length: 41 }, (_, i) => `line ${i + 1}`).join('\n'));
  });

  it('40 lines or `open`: shown whole', () => {
    expect(exactly).not.toContain('listing-fold');
    expect(exactly).not.toContain('listing-rest');
    expect(open).not.toContain('listing-fold');
  });

  it('`fold=10` folds the SList routine at line 10, its branch links still pointing into the folded part', () => {
    expect(shownLines(slist!)).toBe(10);
    expect(slist).toContain('Show all 36 lines');
    const rest = slist!.slice(slist!.indexOf('listing-rest'));
    const targets = hrefs(slist!).filter((id) => rest.includes(`id="${id}"`));
    expect(targets.length).toBeGreaterThan(0);
  });
});

describe('bad input', () => {
  it('renders an unknown language as plain text, warning with the post and line', async () => {
    const warn = vi.fn();
    const html = await render('bad-input.md', warn);
    const file = relative(process.cwd(), fileURLToPath(new URL('./fixtures/bad-input.md', import.meta.url)));
    const [typo, maps] = figures(html);
    expect(typo).toContain('<span class="listing-lang">Text</span>');
    expect(text(typo!)).toContain('kd> uf nt!KiCheckForSListAddress');
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(new RegExp(`^${file}:7: warning: unknown listing language "windgb"; the listing is shown as plain text\\.\\n    fix: did you mean \`\`\`windbg\\?`)));
    // a malformed maps line: a warning naming post and line, still rendered as text, left out of the picture
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(new RegExp(`^${file}:15: warning: malformed /proc/PID/maps line \\(the permissions are not four flags like r-xp\\)`)));
    expect(warn).toHaveBeenCalledTimes(2);
    expect(text(maps!)).toContain('0062d000-0062f000 rwzp 0002d000 08:11 27316285             /bin/grep');
    expect(maps).toContain('<span class="line malformed">');
    expect(maps).toContain('Address space: 2 mappings');
    expect(maps!.match(/<g class="maps-band perm-/g)).toHaveLength(2);
    expect(maps!.match(/<g class="maps-band maps-legend perm-/g)).toHaveLength(2);
  });
});
