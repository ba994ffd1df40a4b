// npm run bench: every benchmark section, printed as one table. Sections live in
// scripts/bench/<name>.ts and export a default async function returning rows.
// Usage: npm run bench [-- site scale publish slist listings search]   (default: all)
import { existsSync } from 'node:fs';
import { join } from 'node:path';

interface Row { section: string; name: string; value: number; unit: string; note?: string }
const sections = ['site', 'scale', 'publish', 'lighthouse', 'listings', 'slist', 'search', 'island', 'import', 'cards'];
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const all: Row[] = [];
for (const name of sections.filter((s) => !wanted.length || wanted.includes(s))) {
  const file = join(import.meta.dirname, 'bench', `${name}.ts`);
  if (!existsSync(file)) { console.error(`(no ${name} benchmark yet)`); continue; }
  console.error(`running ${name}…`);
  const mod = (await import(file)) as { default: () => Promise<Row[]> };
  all.push(...(await mod.default()));
}
const fmt = (v: number) => (Math.abs(v) >= 1000 ? Math.round(v).toLocaleString('en') : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2));
const w = Math.max(...all.map((r) => r.name.length), 10);
console.log(`\n${'section'.padEnd(9)} ${'measure'.padEnd(w)} ${'value'.padStart(12)} unit  note`);
for (const r of all) console.log(`${r.section.padEnd(9)} ${r.name.padEnd(w)} ${fmt(r.value).padStart(12)} ${r.unit.padEnd(5)} ${r.note ?? ''}`);
