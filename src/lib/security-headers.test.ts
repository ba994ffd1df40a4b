import { describe, expect, it } from 'vitest';
import { cspFromHtml, mergeCspPolicies, renderHostHeaders, renderNginxHeaders } from './security-headers.ts';

describe('security headers', () => {
  it('merges per-page policies into one that allows each', () => {
    expect(mergeCspPolicies(["default-src 'self'; script-src 'self' 'sha256-a'", "default-src 'self';script-src 'self' 'sha256-b'; style-src 'self'"]))
      .toBe("default-src 'self'; script-src 'self' 'sha256-a' 'sha256-b'; style-src 'self'");
  });
  it('reads the policy from a page and renders host and nginx headers', () => {
    const csp = cspFromHtml(`<meta http-equiv="content-security-policy" content="script-src &#39;self&#39;">`)!;
    expect(csp).toBe("script-src 'self'");
    expect(renderHostHeaders(csp, '/blog')).toMatch(/^\/blog\/\*\n {2}Content-Security-Policy: script-src 'self'; frame-ancestors 'none'\n {2}X-Content-Type-Options: nosniff\n/);
    expect(renderNginxHeaders(csp)).toContain(`add_header Content-Security-Policy "script-src 'self'; frame-ancestors 'none'" always;`);
    expect(renderNginxHeaders(csp)).toContain('add_header Referrer-Policy "strict-origin-when-cross-origin" always;');
  });
});
