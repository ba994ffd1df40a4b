// Cards drawn for real (satori + resvg with the shipped fonts), read back pixel by pixel.
import { describe, expect, it } from 'vitest';
import { drawCard } from './draw.ts';
import { fontsFor, missingGlyphs } from './fonts.ts';
import { cardPixels } from '../../scripts/harness/card-pixels.ts';
import type { CardContent } from './card.ts';

const card = (title: string, meta = '9 March 2013 · #windows #kernel #lock-free'): CardContent => ({ kicker: 'Ring Zero', title, meta, host: 'ringzero.example' });

const titles = {
  '120 characters': 'KiCheckForSListAddress and the x64 fixup range: why a preempted pop restarts before it can corrupt the head of the SList',
  'Japanese': '日本語のカーネル: スケジューラとディスパッチャ・ロックの内部構造を読む',
  'symbols': 'C++ # ! and C#: what the compiler emits for a lock-free pop (x86 & x64)',
  'one long word': 'ExInterlockedPopEntrySListFaultHandlerResumeAddressAndTheRestOfItWithoutAnySpaceAtAll',
};

describe('a card', () => {
  it('has the 120-character title test case at 120 characters', () => expect([...titles['120 characters']].length).toBe(120));

  for (const [name, title] of Object.entries(titles)) {
    it(`fits a title of ${name}: every glyph in a shipped font, nothing clamped, no ink in the margins`, async () => {
      const c = card(title, name === 'Japanese' ? '2017年1月9日 · #日本語 #kernel' : undefined);
      const { png, missing } = await drawCard(c);
      expect(missing).toEqual([]);
      // drawn again without the line clamp: the same picture, so the clamp cut nothing
      expect((await drawCard(c, { clamp: false })).png.equals(png)).toBe(true);
      const px = await cardPixels(png);
      expect({ width: px.width, height: px.height, inkOutside: px.inkOutside }).toEqual({ width: 1200, height: 630, inkOutside: 0 });
      expect(px.inkInside).toBeGreaterThan(5000);
    });
  }

  it('is the same bytes every time it is drawn', async () => {
    const c = card(titles.symbols);
    expect((await drawCard(c)).png.equals((await drawCard(c)).png)).toBe(true);
  });

  it('ends a title too long for four lines with the clamp, still inside the card (unclamped, it would spill)', async () => {
    const long = card(`${titles['120 characters']} `.repeat(3));
    expect((await cardPixels((await drawCard(long)).png)).inkOutside).toBe(0);
    expect((await cardPixels((await drawCard(long, { clamp: false })).png)).inkOutside).toBeGreaterThan(0);
  });

  it('loads the Japanese subsets only for text that needs them, and names what no shipped font has', () => {
    expect(fontsFor(card('C++')).fonts.map((f) => f.name)).not.toContainEqual(expect.stringMatching(/Noto/));
    expect(fontsFor(card('日本語')).fonts.map((f) => f.name)).toContainEqual(expect.stringMatching(/^Noto Sans JP \[\d+\]$/));
    expect(fontsFor(card('rocket 🚀')).missing).toEqual(['🚀']);
    // what the card route warns of, asked without drawing
    expect(missingGlyphs(card('rocket 🚀'))).toEqual(['🚀']);
    expect(missingGlyphs(card('日本語 C++ Łódź'))).toEqual([]);
  });
});
