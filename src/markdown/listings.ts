// Listings: Shiki themes, this project's grammars and the code-block plugins.
// Owned by the listings work (issue 3); the pipeline only imports these three.
import type { AstroUserConfig } from 'astro';
type Markdown = NonNullable<AstroUserConfig['markdown']>;

export function listingsShikiConfig(): NonNullable<Markdown['shikiConfig']> {
  return {
    themes: { light: 'github-light', dark: 'github-dark' },
    defaultColor: false,
  };
}
export function listingsRemarkPlugins(): unknown[] { return []; }
export function listingsRehypePlugins(): unknown[] { return []; }
