// One import in a process of its own, for the import benchmark: prints its time and the
// process's peak memory as JSON. With --live-heap (run under node --expose-gc) it also samples
// the heap after a forced collection every 50 ms: what the import keeps, not what V8 has yet to
// collect (that run's time is not reported).
// Usage: node [--expose-gc] scripts/bench/import-run.ts <export> <out> [--live-heap]
import { importBlogger } from '../import/blogger/run.ts';

const [input, out, mode] = process.argv.slice(2);
const gc = (globalThis as { gc?: () => void }).gc;
let liveMb = 0;
const sampler = mode === '--live-heap' && gc ? setInterval(() => { gc(); liveMb = Math.max(liveMb, process.memoryUsage().heapUsed / 1024 / 1024); }, 50) : undefined;
const start = performance.now();
const report = await importBlogger({ input: input!, out: out!, images: false });
const seconds = (performance.now() - start) / 1000;
if (sampler) clearInterval(sampler);
console.log(JSON.stringify({ seconds, maxRssMb: process.resourceUsage().maxRSS / 1024, liveMb, written: report.written.length, unchanged: report.unchanged.length, listings: report.listings.length }));
