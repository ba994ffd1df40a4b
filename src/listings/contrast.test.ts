// WCAG AA for the listing colours, read from src/listings/listings.css itself: every token
// class the theme can emit must have a colour in both themes, and every text colour
// must reach 4.5:1 on every background a listing line can have (plain, highlighted,
// inserted, deleted, cross-reference). The SVG band colours need 3:1 (non-text) on
// the listing background, and the perms text on a band 4.5:1.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { TOKEN_CLASSES } from './theme.ts';

const css = readFileSync(new URL('./listings.css', import.meta.url), 'utf8');

function vars(selector: string): Record<string, string> {
  const at = css.indexOf(`${selector} {`);
  const block = css.slice(at, css.indexOf('}', at));
  return Object.fromEntries([...block.matchAll(/--([\w-]+):\s*(#[0-9a-fA-F]{6})/g)].map((m) => [m[1]!, m[2]!]));
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

const themes = { light: vars(':root'), dark: vars(':root[data-theme="dark"]') };
const backgrounds = ['lst-bg', 'lst-hl', 'lst-add', 'lst-del', 'lst-xref'];

describe('listing colours meet WCAG AA', () => {
  it('knows the maths (black on white is 21:1, #767676 on white is 4.54:1)', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
  });

  for (const [theme, v] of Object.entries(themes)) {
    it(`${theme}: every token class is styled and its colour is defined`, () => {
      for (const [name] of TOKEN_CLASSES) {
        expect(css, `.tok-${name}`).toContain(`.tok-${name} { color: var(--tok-${name});`);
        expect(v[`tok-${name}`], `--tok-${name} in ${theme}`).toMatch(/^#[0-9a-f]{6}$/i);
      }
    });

    it(`${theme}: text colours reach 4.5:1 on every line background`, () => {
      const texts = [...Object.keys(v).filter((k) => k.startsWith('tok-')), 'lst-fg', 'lst-muted'];
      const failures: string[] = [];
      for (const t of texts) for (const bg of backgrounds) {
        const r = contrast(v[t]!, v[bg]!);
        if (r < 4.5) failures.push(`--${t} ${v[t]} on --${bg} ${v[bg]}: ${r.toFixed(2)}`);
      }
      expect(failures).toEqual([]);
    });

    it(`${theme}: diagram bands stand out (3:1) and their labels are legible (4.5:1)`, () => {
      for (const band of ['maps-rx', 'maps-rw', 'maps-r', 'maps-rwx', 'maps-other']) {
        expect(contrast(v[band]!, v['lst-bg']!), band).toBeGreaterThanOrEqual(3);
        expect(contrast(v['maps-on-band']!, v[band]!), `text on ${band}`).toBeGreaterThanOrEqual(4.5);
      }
    });
  }
});
