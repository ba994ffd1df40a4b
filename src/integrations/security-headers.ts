// After a build: write `_headers` (Netlify/Cloudflare) and `security-headers.conf`
// (nginx) into the output, carrying one CSP that covers every page's meta policy.
import type { AstroIntegration } from 'astro';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { filesUnder } from '../node/files.ts';
import { cspFromHtml, mergeCspPolicies, renderHostHeaders, renderNginxHeaders } from '../lib/security-headers.ts';
import { nginxFragments } from '../lib/nginx-fragments.ts';

const htmlFiles = (dir: string): string[] => filesUnder(dir, ['.']).filter((f) => f.endsWith('.html')).map((f) => join(dir, f));

export function securityHeaderFiles(): AstroIntegration {
  let base = '/';
  return {
    name: 'ring-zero:security-headers',
    hooks: {
      'astro:config:done': ({ config }) => { base = config.base; },
      'astro:build:done': ({ dir, logger }) => {
        const out = fileURLToPath(dir);
        const policies = htmlFiles(out).map((f) => cspFromHtml(readFileSync(f, 'utf8'))).filter((p): p is string => !!p);
        if (!policies.length) { logger.warn('no page carries a CSP meta tag: no security headers written'); return; }
        const csp = mergeCspPolicies(policies);
        writeFileSync(join(out, '_headers'), renderHostHeaders(csp, base));
        writeFileSync(join(out, nginxFragments.headers.file), renderNginxHeaders(csp));
        logger.info(`security headers for ${policies.length} pages: _headers, security-headers.conf`);
      },
    },
  };
}
