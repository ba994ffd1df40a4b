// npm run new -- "Post title" [--tags a,b]: writes content/posts/<slug>.md as a dated draft.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { postSlug } from '../src/lib/slugs.ts';
import { readSettings } from '../src/node/settings.ts';

const usage = 'usage: npm run new -- "Post title" [--tags windows,kernel]';
const args = process.argv.slice(2);
let tags: string[] = [];
const words: string[] = [];
for (let i = 0; i < args.length; i++) {
  const a = args[i]!;
  if (a === '--tags') tags = (args[++i] ?? '').split(',').map((t) => t.trim()).filter(Boolean);
  else if (a === '-h' || a === '--help') { console.log(usage); process.exit(0); }
  else if (a.startsWith('--')) { console.error(`unknown option ${a}\n${usage}`); process.exit(2); }
  else words.push(a);
}
const title = words.join(' ').trim();
if (!title) { console.error(`a post needs a title\n${usage}`); process.exit(2); }
const slug = postSlug(title);
if (!slug) { console.error(`"${title}" gives an empty file name: use some letters or digits in the title`); process.exit(2); }

const dir = readSettings().contentDir;
const file = join(dir, `${slug}.md`);
if (existsSync(file)) { console.error(`${file} already exists: choose another title, or edit that file`); process.exit(1); }
const today = new Date().toISOString().slice(0, 10);
const yamlString = (s: string) => JSON.stringify(s); // a JSON string is a valid YAML string
mkdirSync(dir, { recursive: true });
writeFileSync(file, `---
title: ${yamlString(title)}
date: ${today}
tags: [${tags.map(yamlString).join(', ')}]
draft: true
---

Write the first paragraph here: it becomes the description unless you add \`description:\` above.
`);
console.log(`created ${file} (a draft: it shows in \`./rz serve\`; remove \`draft: true\` to publish)`);
