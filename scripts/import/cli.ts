// npm run import -- blogger <export.xml | feed.atom | Takeout folder> [--out DIR] [options]
// Prints the report; a bad input ends with the file, the line and what to do, exit status 1,
// and nothing written.
import { parseArgs } from 'node:util';
import { importBlogger } from './blogger/run.ts';
import { formatReport } from './blogger/report.ts';
import { ImportError } from './blogger/problems.ts';

const usage = `usage: npm run import -- blogger <export.xml | feed.atom | Takeout folder> [--out DIR]
  --out DIR          where the posts go (default content/posts)
  --blog NAME        the blog to import, when a Takeout folder holds several
  --time-zone TZ     the blog's time zone for Takeout's UTC times (e.g. Europe/Berlin)
  --force            overwrite posts edited since the last import
  --no-images        leave images where they are (no downloads)
  --max-size MB      the largest export to read (default 200)`;

function fail(message: string, code = 1): never { console.error(message); process.exit(code); }

async function main() {
  let args;
  try {
    args = parseArgs({
      allowPositionals: true,
      options: {
        out: { type: 'string', default: 'content/posts' }, blog: { type: 'string' }, 'time-zone': { type: 'string' },
        force: { type: 'boolean', default: false }, 'no-images': { type: 'boolean', default: false }, 'max-size': { type: 'string', default: '200' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) { fail(`${(err as Error).message}\n${usage}`, 2); }
  const [source, input, ...rest] = args.positionals;
  if (args.values.help) { console.log(usage); return; }
  if (source !== 'blogger' || !input || rest.length) fail(source && source !== 'blogger' ? `import: "${source}" is not a source this import knows (blogger is)\n${usage}` : usage, 2);
  const maxMb = Number(args.values['max-size']);
  if (!(maxMb > 0)) fail(`--max-size ${args.values['max-size']}: give a size in MB, e.g. --max-size 500`, 2);
  try {
    const report = await importBlogger({
      input, out: args.values.out, blog: args.values.blog, timeZone: args.values['time-zone'],
      force: args.values.force, images: !args.values['no-images'], maxBytes: maxMb * 1024 * 1024,
    });
    console.log(formatReport(report));
  } catch (err) {
    if (err instanceof ImportError) fail(`import: ${err.format()}\nNothing was written.`);
    // not the author's mistake: say so, with what failed
    fail(`import: failed (a fault in the importer or the machine, not in your export): ${(err as Error).stack ?? err}`);
  }
}

await main();
