// Security headers for static hosts. Astro puts a per-page CSP in a <meta> tag;
// hosts that send headers (Netlify/Cloudflare `_headers`, nginx) get one policy that
// allows every page's hashes, so header and meta never disagree.
import { decodeHTMLAttribute } from 'entities/decode';
import { withTrailingSlash } from './routes.ts';
import { headerLine } from './nginx-fragments.ts';

/** Directives every page gets (Astro adds script-src and style-src with hashes). */
export const cspDirectives = [
  "default-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
] as const;

/** Script sources beside hashes: Pagefind's search runs WebAssembly. */
export const scriptResources = ["'self'", "'wasm-unsafe-eval'"];

/** Parse a CSP into directive -> sources. */
export function parseCsp(policy: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) out.set(name.toLowerCase(), sources);
  }
  return out;
}

/** One policy allowing what each of several policies allows (the union of their sources). */
export function mergeCspPolicies(policies: readonly string[]): string {
  const merged = new Map<string, Set<string>>();
  for (const p of policies) {
    for (const [name, sources] of parseCsp(p)) {
      let set = merged.get(name);
      if (!set) merged.set(name, (set = new Set()));
      for (const s of sources) set.add(s);
    }
  }
  return [...merged].map(([name, set]) => [name, ...set].join(' ')).join('; ');
}

/** The CSP in each built page's <meta http-equiv="content-security-policy">. */
export function cspFromHtml(html: string): string | undefined {
  const m = /<meta\s+http-equiv="content-security-policy"\s+content="([^"]+)"/i.exec(html);
  return m?.[1] === undefined ? undefined : decodeHTMLAttribute(m[1]);
}

export function securityHeaders(csp: string): Array<[string, string]> {
  return [
    // frame-ancestors only works as a header, not in <meta>
    ['Content-Security-Policy', `${csp}; frame-ancestors 'none'`],
    ['X-Content-Type-Options', 'nosniff'],
    ['Referrer-Policy', 'strict-origin-when-cross-origin'],
    ['Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()'],
    ['Cross-Origin-Opener-Policy', 'same-origin'],
  ];
}

/** Netlify / Cloudflare Pages `_headers`: the security headers on every path under base. */
export function renderHostHeaders(csp: string, base: string): string {
  const lines = [`${withTrailingSlash(base)}*`, ...securityHeaders(csp).map(([k, v]) => `  ${k}: ${v}`)];
  return `${lines.join('\n')}\n`;
}

/** nginx `add_header` lines, to `include` inside the server or location block. */
export function renderNginxHeaders(csp: string): string {
  return `${securityHeaders(csp).map(([k, v]) => headerLine(k, v)).join('\n')}\n`;
}
