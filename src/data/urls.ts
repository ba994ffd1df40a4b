// The site's URL builders (src/lib/routes.ts) bound to Astro's base (RZ_BASE): what pages and
// components link with.
import { siteUrls } from '../lib/routes.ts';

export const { url, postUrl, tagUrl, seriesUrl, pathOf } = siteUrls(import.meta.env.BASE_URL);
