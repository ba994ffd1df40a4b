// A post of this machine's real address space, as a reader would paste it: the first 40 lines of
// the /proc/self/maps of the process that builds the fixture site (the e2e global setup), in a
// maps listing, with prose and a table that hold long unbroken words (a path, an identifier, a URL).
// The phone-width test reads it from the fixture build.
import { readFileSync } from 'node:fs';

export const mapsPostFile = 'phones-proc-self-maps.md';

export function mapsPost(): { lines: string[]; source: string } {
  const lines = readFileSync('/proc/self/maps', 'utf8').split('\n').filter(Boolean).slice(0, 40);
  const paths = lines.map((l) => l.split(/\s+/).slice(5).join(' ')).filter((p) => p.startsWith('/'));
  const longest = paths.reduce((a, b) => (b.length > a.length ? b : a), '');
  const source = `---\ntitle: "What /proc/self/maps says"\ndate: 2026-12-01\ntags: [linux, memory]\n---\n\n`
    + `The first ${lines.length} lines of \`/proc/self/maps\` of the process that built this page's test.\n\n`
    + '```maps\n' + lines.join('\n') + '\n```\n\n'
    + `The longest path there is ${longest}. The SList post cites `
    + 'https://learn.microsoft.com/en-us/windows-hardware/drivers/ddi/wdm/nf-wdm-initializeslisthead for InitializeSListHead.\n\n'
    + '| mapping | path |\n|---|---|\n' + lines.slice(0, 5).map((l) => `| ${l.split(' ')[0]} | ${l.split(/\s+/).slice(5).join(' ').replace(/\|/g, '\\|') || '(anonymous)'} |`).join('\n') + '\n';
  return { lines, source };
}
