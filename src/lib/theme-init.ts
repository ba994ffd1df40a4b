// The pre-paint theme script, inlined in <head> so the first frame has the right
// theme. Kept here as text so astro.config.mjs can put its hash in the CSP.
import { createHash } from 'node:crypto';

export const themeInitScript =
  "(function(){var t;try{t=localStorage.getItem('theme')}catch(e){}" +
  "document.documentElement.dataset.theme=t==='dark'||t==='light'?t:matchMedia('(prefers-color-scheme: dark)').matches?'dark':'light'})()";

/** CSP source for an inline script or style: 'sha256-…' without quotes. */
export function cspHash(text: string): `sha256-${string}` {
  return `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`;
}
