// The two files a build writes for nginx to include (deploy/nginx.conf): the security headers
// and the 301s of posts' old URLs. nginx includes them in its server block, so a line of either
// must be only what it claims to be. The one rule for each line: the build writes lines with it
// (and refuses a value that breaks it), and the publish server checks a pushed build with it
// before it publishes (a commit's own code is not trusted to have used it).

export const nginxFragments = {
  headers: {
    file: 'security-headers.conf',
    form: 'add_header Name "value" always;',
  },
  redirects: {
    file: 'redirects.conf',
    form: 'location = /old/path/ { return 301 /posts/new/; }',
  },
} as const;
export type NginxFragment = keyof typeof nginxFragments;

const headerName = /^[A-Za-z-]+$/;
/** No quote, backslash, $ (nginx expands variables in add_header) or line break. */
const headerValue = /^[^"\\$\r\n]*$/;
/** An absolute path with nothing nginx reads as syntax or a variable. */
const path = /^\/[^\s;{}"'\\$]*$/;
const blank = /^\s*(?:#.*)?$/;
const header = /^add_header ([A-Za-z-]+) "([^"\\$]*)" always;$/;
const redirect = /^location = (\/[^\s;{}"'\\$]*) \{ return 301 (\/[^\s;{}"'\\$]*); \}$/;

export function headerLine(name: string, value: string): string {
  if (!headerName.test(name)) throw new Error(`nginx header name ${JSON.stringify(name)}: only letters and dashes`);
  if (!headerValue.test(value)) throw new Error(`nginx header ${name}: its value may not hold a quote, backslash, $ or line break: ${JSON.stringify(value)}`);
  return `add_header ${name} "${value}" always;`;
}

export function redirectLine(from: string, to: string): string {
  for (const p of [from, to]) {
    if (!path.test(p)) throw new Error(`redirect ${from} -> ${to}: ${JSON.stringify(p)} is not a path nginx can take as is (it starts with /, without spaces, quotes, ;, {, }, \\ or $)`);
  }
  return `location = ${from} { return 301 ${to}; }`;
}

/** The lines of a fragment that are not its form (nor blank or a comment), as "N:line". */
export function fragmentProblems(kind: NginxFragment, text: string): string[] {
  const ok = kind === 'headers' ? header : redirect;
  return text.split('\n').flatMap((line, i) => (blank.test(line) || ok.test(line) ? [] : [`${i + 1}:${line}`]));
}

/** The headers of a headers fragment, by name (its lines that are of the form). */
export function headersOf(text: string): Map<string, string> {
  return new Map(text.split('\n').flatMap((line) => { const m = header.exec(line); return m ? [[m[1]!, m[2]!] as const] : []; }));
}
