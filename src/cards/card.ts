// What a social card shows and how it is laid out: a 1200x630 picture for og:image, in the site's
// light look (the page background, its ink, the accent as a bar and the site's name). Pure: the
// layout is a plain element tree that draw.ts hands to satori.

export const CARD_WIDTH = 1200;
export const CARD_HEIGHT = 630;

/** The site's light colours (src/styles/global.css). */
export const cardColours = { bg: '#fcfcfb', fg: '#1d2024', muted: '#575e66', rule: '#d9dcdf', accent: '#0b5cad' } as const;

/** The edge band no text may enter: the card tests check it stays empty. */
export const CARD_MARGIN = { x: 72, y: 56 } as const;

export interface CardContent {
  /** The small line above the title: the site's name, with what the page is (a tag, a series). */
  kicker: string;
  title: string;
  /** The line under it: date and tags, a count of posts, or the site's description. */
  meta: string;
  /** Where the site lives, at the foot: `ringzero.example`. */
  host: string;
}

/** The title's size: long titles get smaller, so 120 characters still fit in three or four lines. */
export function titleSize(title: string): number {
  const n = [...title].length;
  if (n <= 32) return 80;
  if (n <= 60) return 66;
  if (n <= 90) return 56;
  return 48;
}

/** The lines of text a card holds, for og:image:alt (a reader of the alt text gets what the picture says). */
export function cardAlt(c: CardContent): string {
  return `${c.kicker}: ${c.title}${c.meta ? ` (${c.meta})` : ''}`;
}

export interface CardNode {
  type: string;
  props: { style?: Record<string, string | number>; children?: string | CardNode | Array<string | CardNode> };
}

const node = (type: string, style: Record<string, string | number>, children?: CardNode['props']['children']): CardNode =>
  ({ type, props: children === undefined ? { style } : { style, children } });

/** The font families, in fallback order, of the card's two faces (draw.ts names one per font file). */
export interface CardFaces { sans: string; mono: string }

const BAR = 20;

/** The card as an element tree in satori's shape (what JSX would make). */
export function cardTree(c: CardContent, faces: CardFaces = { sans: 'sans-serif', mono: 'monospace' }, { clamp = true } = {}): CardNode {
  const size = titleSize(c.title);
  const inner = CARD_WIDTH - BAR - 2 * CARD_MARGIN.x + BAR; // the bar sits inside the left margin
  return node('div', {
    width: CARD_WIDTH, height: CARD_HEIGHT, display: 'flex', flexDirection: 'row',
    backgroundColor: cardColours.bg, color: cardColours.fg, fontFamily: faces.sans,
  }, [
    node('div', { width: BAR, flexShrink: 0, backgroundColor: cardColours.accent }),
    // stretched to the card's height, padding included
    node('div', {
      display: 'flex', flexDirection: 'column', justifyContent: 'space-between', flexGrow: 1,
      paddingTop: CARD_MARGIN.y, paddingBottom: CARD_MARGIN.y, paddingLeft: CARD_MARGIN.x - BAR, paddingRight: CARD_MARGIN.x,
    }, [
      node('div', { display: 'flex', fontSize: 30, fontWeight: 600, color: cardColours.accent, fontFamily: faces.mono }, c.kicker),
      node('div', { display: 'flex', flexDirection: 'column', width: inner }, [
        // lineClamp: a title longer than any the tests hold still ends inside the card, with an ellipsis
        node('div', { display: 'block', width: inner, fontSize: size, fontWeight: 600, lineHeight: 1.18, ...(clamp ? { lineClamp: 4 } : {}), overflowWrap: 'break-word' }, c.title),
        node('div', { display: 'block', width: inner, marginTop: 24, fontSize: 30, color: cardColours.muted, lineHeight: 1.3, ...(clamp ? { lineClamp: 2 } : {}), overflowWrap: 'break-word' }, c.meta),
      ]),
      node('div', { display: 'flex', width: inner, borderTop: `2px solid ${cardColours.rule}`, paddingTop: 16, fontSize: 24, color: cardColours.muted, fontFamily: faces.mono }, c.host),
    ]),
  ]);
}

/** A list of tags for the meta line: the first four, then how many more. */
export function tagLine(tags: readonly string[]): string {
  const shown = tags.slice(0, 4).map((t) => `#${t}`).join(' ');
  return tags.length > 4 ? `${shown} +${tags.length - 4}` : shown;
}
