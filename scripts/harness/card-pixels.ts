// Reads a social card PNG back (sharp decodes it) and says where its ink is: the card tests check
// that a title fits (no ink in the card's margin band) and is drawn at all.
import sharp from 'sharp';
import { CARD_MARGIN, cardColours } from '../../src/cards/card.ts';

export interface CardPixels { width: number; height: number; inkOutside: number; inkInside: number }

const hex = (c: string) => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16));

/** Counts pixels that differ from the background inside and outside the text area, right of the accent bar. */
export async function cardPixels(png: Buffer, { bar = 20, slack = 4 } = {}): Promise<CardPixels> {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const [r, g, b] = hex(cardColours.bg);
  const x0 = CARD_MARGIN.x - slack, x1 = info.width - CARD_MARGIN.x + slack;
  const y0 = CARD_MARGIN.y - slack, y1 = info.height - CARD_MARGIN.y + slack;
  let inkOutside = 0, inkInside = 0;
  for (let y = 0; y < info.height; y++) {
    for (let x = bar; x < info.width; x++) {
      const i = (y * info.width + x) * info.channels;
      const ink = Math.abs(data[i]! - r!) + Math.abs(data[i + 1]! - g!) + Math.abs(data[i + 2]! - b!) > 24;
      if (!ink) continue;
      if (x < x0 || x >= x1 || y < y0 || y >= y1) inkOutside++;
      else inkInside++;
    }
  }
  return { width: info.width, height: info.height, inkOutside, inkInside };
}
