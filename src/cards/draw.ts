// Draws a card (card.ts) to PNG: satori lays the element tree out into an SVG with the text as
// paths, resvg rasterises it. Both are deterministic, so a card's bytes depend only on its content,
// the template, the fonts (fonts.ts) and the libraries (what store.ts's key covers).
import satori from 'satori';
import { Resvg } from '@resvg/resvg-js';
import { CARD_HEIGHT, CARD_WIDTH, cardTree, type CardContent } from './card.ts';
import { fontsFor } from './fonts.ts';

/** The card's SVG (text as paths), as satori lays it out. */
export async function cardSvg(c: CardContent, opts: { clamp?: boolean } = {}): Promise<{ svg: string; missing: string[] }> {
  const { fonts, faces, missing } = fontsFor(c);
  const svg = await satori(cardTree(c, faces, opts) as never, { width: CARD_WIDTH, height: CARD_HEIGHT, fonts });
  return { svg, missing };
}

/** The card as a 1200x630 PNG. */
export async function drawCard(c: CardContent, opts: { clamp?: boolean } = {}): Promise<{ png: Buffer; missing: string[] }> {
  const { svg, missing } = await cardSvg(c, opts);
  const png = new Resvg(svg, { fitTo: { mode: 'original' }, font: { loadSystemFonts: false } }).render().asPng();
  return { png, missing };
}
