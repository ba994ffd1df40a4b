// The SList simulator island in the SList post, in Chromium: the no-JS figure, presets played to
// the end, the exploration in a Web Worker, sharing by URL, the keyboard alone, axe, size.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { analyse } from '../../src/slist/engine/analyse.ts';
import { PRESETS } from '../../src/slist/engine/presets.ts';
import { launch, openPage } from './support/browser.ts';
import { axeViolations } from '../../scripts/harness/axe.ts';
import { serve, type Served } from './support/server.ts';

const dir = inject('siteDir');
const POST = 'posts/exinterlockedpopentryslist-processing-by-scheduler/';
let browser: Browser;
let site: Served;

beforeAll(async () => {
  site = await serve(dir);
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

async function open(path = POST, opts: BrowserContextOptions = {}): Promise<Page> {
  const page = await openPage(browser, `${site.url}${path}`, { context: opts });
  await page.locator('astro-island').scrollIntoViewIfNeeded();
  await page.locator('.sl-live').waitFor();
  return page;
}

const sim = (page: Page) => page.locator('.sl-live');
const pick = (page: Page, preset: string) => sim(page).getByLabel('Preset').selectOption(preset);
const button = (page: Page, name: string) => sim(page).getByRole('button', { name, exact: true });
const now = (page: Page) => sim(page).getByRole('status').innerText();
const position = async (page: Page) => (await sim(page).locator('.sl-pos').innerText()).match(/Step (\d+) of (\d+)/)!.slice(1).map(Number);

describe('the SList simulator', () => {
  it('is server-rendered as a static figure of the classic ABA, which a reader without JavaScript keeps', async () => {
    const html = readFileSync(join(dir, POST, 'index.html'), 'utf8');
    const island = html.slice(html.indexOf('<astro-island'));
    expect(island).toContain('<svg');
    expect(island).toContain('The classic ABA on a lock-free stack without a sequence');
    expect(island).toContain('With JavaScript, this figure becomes the simulator');
    expect(html.indexOf('<astro-island')).toBeGreaterThan(html.indexOf('kd&gt; uf KiCheckForSListAddress'));
    const page = await openPage(browser, `${site.url}${POST}`, { context: { javaScriptEnabled: false } });
    expect(await page.getByRole('img', { name: /classic ABA/ }).isVisible()).toBe(true);
    expect(await page.locator('.sl-live').count()).toBe(0);
    await page.context().close();
  });

  it('loads at most 25 KB of gzipped JavaScript, Preact included, and other posts load none of it', async () => {
    const js = new Set<string>();
    const page = await openPage(browser, `${site.url}${POST}`, { onPage: (p) => p.on('request', (r) => { if (r.url().endsWith('.js')) js.add(new URL(r.url()).pathname); }) });
    const context = page.context();
    await page.locator('astro-island').scrollIntoViewIfNeeded();
    await page.locator('.sl-live').waitFor();
    const island = [...js].filter((p) => !/search|SearchDialog/i.test(p));
    expect(island.some((p) => /Simulator/.test(p))).toBe(true);
    const bytes = island.reduce((n, p) => n + gzipSync(readFileSync(join(dir, p))).length, 0);
    expect(bytes, island.join(', ')).toBeLessThanOrEqual(25 * 1024);
    expect(island.some((p) => /worker/.test(p)), 'the worker loads only on demand').toBe(false);
    const other = await context.newPage();
    const otherJs: string[] = [];
    other.on('request', (r) => { if (r.url().endsWith('.js')) otherJs.push(r.url()); });
    await other.goto(`${site.url}posts/linux-process-the-beginning/`);
    await other.mouse.wheel(0, 5000);
    await other.waitForTimeout(300);
    expect(otherJs.filter((u) => /Simulator|preact|hooks|client\./.test(u))).toEqual([]);
    await context.close();
  });

  it('shows CPUs, threads, PCs on the listings, the header bits and words, the entries, and announces each step', async () => {
    const page = await open();
    await pick(page, 'classic-aba');
    await button(page, 'Step').click();
    expect(await now(page)).toContain('T1 snapshots the header (A, depth 3) at Resume');
    expect(await sim(page).locator('.sl-cpu h3').allInnerTexts()).toEqual([expect.stringContaining('CPU0'), expect.stringContaining('CPU1')]);
    // T1 is now at Test, on the pop listing
    expect(await sim(page).locator('.sl-code li.sl-here', { hasText: 'T1' }).innerText()).toMatch(/T1[\s\S]*test/);
    expect(await sim(page).locator('.sl-code').first().innerText()).toMatch(/Resume:[\s\S]*Fault:[\s\S]*End:/);
    expect(await sim(page).locator('.sl-bits rect.sl-bit').count()).toBe(64);
    expect(await sim(page).locator('.sl-words').innerText()).toMatch(/0x[0-9a-f]{8} 0x[0-9a-f]{8}/);
    expect(await sim(page).locator('.sl-entries').innerText()).toContain('Head → A → B → C');
    // The x64 Header8 layout draws two qwords
    await pick(page, 'header8-hypervisor-stall');
    expect(await sim(page).locator('.sl-bits rect.sl-bit').count()).toBe(128);
    expect(await sim(page).locator('.sl-legend').first().innerText()).toContain('Sequence word 0 bits 24..16');
    // An x86 CAS failure, in the engine's words
    await pick(page, 'x86-sequence');
    await button(page, 'Run to the end').click();
    expect(await sim(page).locator('.sl-log').innerText()).toContain('T1 CAS failed: sequence 2, expected 0; retrying');
    await page.context().close();
  });

  it('classic-aba run to the end shows the corruption banner, with the stale CAS and the trace', async () => {
    const page = await open();
    await pick(page, 'classic-aba');
    await sim(page).locator('.sl-transport select').selectOption('100');
    await button(page, 'Run').click();
    const banner = sim(page).locator('.sl-banner');
    await banner.waitFor();
    const text = await banner.innerText();
    expect(text).toContain('The list is corrupted.');
    expect(text).toMatch(/T1's compare-and-swap found the header pointing to A again after 2 pushes/);
    expect(text).toContain('B is on the list but T2 owns it');
    expect(text).toContain('D belongs to the list but cannot be reached');
    await button(page, 'Show the trace').click();
    expect(await banner.locator('.sl-trace li').count()).toBeGreaterThanOrEqual(5);
    // Step back walks the snapshots: the banner goes away before the CAS.
    await button(page, 'Step back').click();
    expect(await sim(page).locator('.sl-banner').count()).toBe(0);
    await page.context().close();
  });

  it('x86-sequence ends with the list intact', async () => {
    const page = await open();
    await pick(page, 'x86-sequence');
    await button(page, 'Run to the end').click();
    const [at, total] = await position(page);
    expect(at).toBe(total);
    expect(await sim(page).locator('.sl-banner').count()).toBe(0);
    expect(await sim(page).locator('.sl-intact').innerText()).toContain('the list is intact');
    await page.context().close();
  });

  it('"Find shortest corruption" on header8-hypervisor-stall runs in a worker and plays a schedule with at least 512 pushes during the stall', async () => {
    const page = await open();
    await pick(page, 'header8-hypervisor-stall');
    const workers: string[] = [];
    page.on('worker', (w) => workers.push(w.url()));
    await button(page, 'Find shortest corruption').click();
    await sim(page).locator('.sl-explore-text', { hasText: 'Found a corrupting schedule' }).waitFor({ timeout: 30_000 });
    expect(workers.some((u) => u.startsWith(site.origin))).toBe(true);
    const found = Number((await sim(page).locator('.sl-explore-text').innerText()).match(/schedule of ([\d,]+) events/)![1]!.replace(/,/g, ''));
    expect(found).toBeGreaterThanOrEqual(512);
    await sim(page).locator('.sl-banner').waitFor({ timeout: 30_000 });
    const pushes = Number((await sim(page).locator('.sl-banner').innerText()).match(/after (\d+) pushes/)![1]);
    expect(pushes).toBeGreaterThanOrEqual(512);
    await button(page, 'Show the trace').click();
    expect(await sim(page).locator('.sl-trace').innerText()).toMatch(/stall CPU0[\s\S]*op T2 ×\d{3,}[\s\S]*resume CPU0/);
    await page.context().close();
  });

  it('keeps the page responsive during a long exploration, which can be stopped', async () => {
    // R = 1000 gives T1's pop window room for 512 pushes, so the bound cannot settle this preset at the root:
    // the exploration runs into its 10 s budget (about 2.5 million states), far longer than this test takes.
    const page = await open();
    await pick(page, 'header8-preempted-fixup');
    await sim(page).getByLabel('Speed bound R (0 = none)').fill('1000');
    const closed = new Promise<void>((resolve) => page.on('worker', (w) => w.on('close', () => resolve())));
    await button(page, 'Find shortest corruption').click();
    const text = sim(page).locator('.sl-explore-text');
    await text.filter({ hasText: /^Exploring: [\d,]+ states/ }).waitFor({ timeout: 10_000 });
    const progress = await text.innerText();
    const t0 = Date.now();
    await button(page, 'Step').click();
    expect(await now(page)).toContain('T1 snapshots the header');
    expect(Date.now() - t0).toBeLessThan(2000);
    // the worker is still exploring (its progress moved on), and stopping it terminates it
    await page.waitForFunction((p) => document.querySelector('.sl-live .sl-explore-text')?.textContent !== p, progress, { timeout: 5000 });
    expect(await text.innerText()).toMatch(/^Exploring: /);
    await button(page, 'Stop exploring').click();
    expect(await text.innerText()).toBe('Exploration stopped.');
    await Promise.race([closed, new Promise((_, reject) => setTimeout(() => reject(new Error('the exploration worker was not terminated')), 15_000))]);
    await page.waitForTimeout(300);
    expect(await text.innerText()).toBe('Exploration stopped.');
    expect(await button(page, 'Find shortest corruption').count()).toBe(1);
    await page.context().close();
  });

  it('an exploration that the bound concludes says so, in the engine\'s words, and never that states were visited', async () => {
    // what each bound says, in the reader's words (the engine's sentence is checked whole below)
    const why: Record<string, string[]> = {
      'x86-sequence': ['A sequence wrap needs 65,536 (2^16) pushes by other threads inside one pop window.', 'T1 cannot get them: T2 can push at most twice.'],
      'header8-preempted-fixup': ['A sequence wrap needs 512 (2^9) pushes', 'the other CPUs make at most 12 micro-steps between its snapshot and its compare-and-swap', 'KiCheckForSListAddress', 'hypervisor stalls are off'],
      'freed-entry-fault': ['A sequence wrap needs 512 (2^9) pushes', 'T1 cannot get them: T2 never pushes.'],
      'busy-workload': ['T1, T2, T3 and T4 cannot get them', 'hypervisor stalls are off'],
    };
    const bound = PRESETS.filter((p) => analyse({ preset: p.name }).stoppedBy === 'bound').map((p) => p.name);
    expect(bound.sort()).toEqual(Object.keys(why).sort());
    const page = await open();
    const text = sim(page).locator('.sl-explore-text');
    const verdict = async () => {
      await button(page, 'Find shortest corruption').click();
      // done: the exploration's text is there and is no longer a progress line
      await page.waitForFunction(() => {
        const t = document.querySelector('.sl-live .sl-explore-text')?.textContent;
        return !!t && !t.startsWith('Exploring');
      }, undefined, { timeout: 30_000 });
      return text.innerText();
    };
    for (const name of bound) {
      await pick(page, name);
      const shown = await verdict();
      expect(shown, name).toBe(analyse({ preset: name }).verdict.sentence);
      expect(shown).toMatch(/^No schedule can corrupt the list with these settings, and the exploration visited no state to know it: its bound rules out the start\. /);
      for (const w of why[name]!) expect(shown, name).toContain(w);
      expect(shown).not.toMatch(/reachable|states were (explored|visited)/);
    }
    // after exploring, the bound's share is said too: both numbers
    await pick(page, 'header8-preempted-fixup');
    await sim(page).getByLabel('Layout').selectOption('teach');
    await sim(page).getByLabel('Sequence bits').fill('3');
    const shown = await verdict();
    const r = analyse({ preset: 'header8-preempted-fixup', settings: { layout: 'teach', seqBits: 3 } });
    expect(shown).toBe(r.verdict.sentence);
    expect(shown).toContain(`The exploration visited ${r.statesExplored.toLocaleString('en')} states; from ${r.statesRuledOut.toLocaleString('en')} more its bound shows that no corruption can follow, so it did not visit them.`);
    await page.context().close();
  });

  it('restores the same run at the same step from the shared URL', async () => {
    const page = await open();
    await pick(page, 'freed-entry-fault');
    await sim(page).getByLabel('Speed bound R (0 = none)').fill('0');
    for (let i = 0; i < 3; i++) await button(page, 'Step').click();
    await button(page, 'T2 frees A').click();
    await button(page, 'Step T1').click();
    const before = { pos: await position(page), now: await now(page), words: await sim(page).locator('.sl-words').innerText(), log: await sim(page).locator('.sl-log').innerText() };
    await page.waitForFunction(() => location.hash.startsWith('#sim='));
    const url = page.url();
    expect(url.length).toBeLessThan(300);
    const again = await open(url.slice(site.url.length));
    expect(await sim(again).getByLabel('Preset').inputValue()).toBe('freed-entry-fault');
    expect(await sim(again).getByLabel('Speed bound R (0 = none)').inputValue()).toBe('0');
    expect(await position(again)).toEqual(before.pos);
    expect(await sim(again).locator('.sl-words').innerText()).toBe(before.words);
    expect(await sim(again).locator('.sl-log').innerText()).toBe(before.log);
    await again.reload();
    await again.locator('astro-island').scrollIntoViewIfNeeded();
    await again.locator('.sl-live').waitFor();
    expect(await position(again)).toEqual(before.pos);
    await page.context().close();
    await again.context().close();
  });

  it('restores a URL shared before the free event moved into the engine', async () => {
    // written by the simulator before that change: freed-entry-fault, R = 0, T2 frees A at step 4, T1 then faults
    const page = await open(`${POST}#sim=freed-entry-fault.1-9-1-1-0.BABhBBABhGBA.5`);
    expect(await sim(page).getByLabel('Preset').inputValue()).toBe('freed-entry-fault');
    expect(await sim(page).getByLabel('Speed bound R (0 = none)').inputValue()).toBe('0');
    expect(await position(page)).toEqual([5, 5]);
    expect(await now(page)).toBe('Now: T1 faults reading A->Next (A was freed); the fault handler sets the PC back to Resume');
    expect(await sim(page).locator('.sl-log li').nth(3).innerText()).toBe('free A T2 frees A: its memory goes back to the allocator, and a pop that still reads A->Next will fault');
    expect(await sim(page).locator('.sl-entries').innerText()).toContain('A: freed.');
    await page.context().close();
  });

  it('a 1,000-event schedule fits a compact URL', async () => {
    const page = await open();
    await pick(page, 'header8-hypervisor-stall');
    await button(page, 'Run to the end').click();
    await page.waitForFunction(() => location.hash.startsWith('#sim=header8'));
    expect(page.url().length).toBeLessThan(200);
    const again = await open(page.url().slice(site.url.length));
    expect(await sim(again).locator('.sl-banner').innerText()).toMatch(/after 512 pushes/);
    await page.context().close();
    await again.context().close();
  });

  it('does a whole run with the keyboard alone, with visible focus', async () => {
    const page = await open();
    /** Tab (at most 200 times) until the focused element has this accessible name. */
    const tabTo = async (name: RegExp, key = 'Tab') => {
      for (let i = 0; i < 200; i++) {
        await page.keyboard.press(key);
        const label = await page.evaluate(() => {
          const el = document.activeElement as HTMLElement | null;
          if (!el) return '';
          const own = el.getAttribute('aria-label') ?? (el.tagName === 'BUTTON' ? el.textContent : '');
          return own || (el.closest('label')?.textContent ?? '');
        });
        if (name.test(label ?? '')) return;
      }
      throw new Error(`no focusable element named ${name}`);
    };
    await page.locator('body').focus();
    await tabTo(/^Preset/);
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe('none');
    // classic-aba is the first preset: choose it, then step it with Enter and Space
    await page.keyboard.press('Home');
    await tabTo(/^Step$/);
    for (let i = 0; i < 3; i++) await page.keyboard.press('Enter');
    expect(await now(page)).toContain('T1 reads A->Next = B at Fault');
    await page.keyboard.press(' ');
    expect((await position(page))[0]).toBe(4);
    await tabTo(/^Run$/);
    await page.keyboard.press('Enter');
    await sim(page).locator('.sl-banner').waitFor({ timeout: 15_000 });
    await tabTo(/^Show the trace$/);
    await page.keyboard.press('Enter');
    expect(await sim(page).locator('.sl-trace li').count()).toBeGreaterThanOrEqual(5);
    // the reader's own events, by keyboard: reset, then preempt T1 at once
    await tabTo(/^Reset$/, 'Shift+Tab');
    await page.keyboard.press('Enter');
    await tabTo(/^Preempt T1$/);
    await page.keyboard.press('Enter');
    expect(await now(page)).toContain('T1 is preempted on CPU0');
    await page.context().close();
  });

  it('respects prefers-reduced-motion', async () => {
    const page = await open(POST, { reducedMotion: 'reduce' });
    const d = await sim(page).locator('.sl-code li').first().evaluate((el) => getComputedStyle(el).transitionDuration);
    expect(d).toBe('0s');
    const moving = await open(POST, { reducedMotion: 'no-preference' });
    expect(await sim(moving).locator('.sl-code li').first().evaluate((el) => getComputedStyle(el).transitionDuration)).not.toBe('0s');
    await page.context().close();
    await moving.context().close();
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`has zero axe violations once interactive, with the banner shown (${scheme})`, async () => {
      const page = await open(POST, { colorScheme: scheme, bypassCSP: true });
      await pick(page, 'classic-aba');
      await button(page, 'Run to the end').click();
      await button(page, 'Show the trace').click();
      await sim(page).locator('.sl-help summary').click();
      const violations = await axeViolations(page, '.sl-live');
      expect(violations).toEqual([]);
      await page.context().close();
    });
  }
});
