import { describe, expect, it } from 'vitest';
import { onBuildLog, unwatched } from './astro-options.ts';

describe('unwatched', () => {
  it('leaves the build outputs, caches and tools of the checkout out of the dev watcher', () => {
    expect(unwatched('/site', 'content/posts')).toEqual(['/site/dist/**', '/site/.cache/**', '/site/.tools/**', '/site/.test-build/**', '/site/.bench/**']);
    expect(unwatched('/site', '/tmp/rz-content-1')).toHaveLength(5);
  });
  it('keeps watching a folder the posts are read from (an edit must reach the dev server)', () => {
    expect(unwatched('/site', '.bench/corpus-1000')).not.toContain('/site/.bench/**');
    expect(unwatched('/site', '/site/.test-build/posts')).toEqual(['/site/dist/**', '/site/.cache/**', '/site/.tools/**', '/site/.bench/**']);
    expect(unwatched('/site', '.benchmarks/posts')).toContain('/site/.bench/**'); // a prefix of the name is another folder
  });
});

describe('onBuildLog', () => {
  type Level = Parameters<typeof onBuildLog>[0];
  type Log = Parameters<typeof onBuildLog>[1];
  const passed = (level: Level, log: Log) => { let seen = 0; onBuildLog(level, log, () => { seen++; }); return seen === 1; };
  it('drops Rolldown\'s warning about the directive Astro writes into an MDX page (withastro/astro#18087)', () => {
    expect(passed('warn', { code: 'MODULE_LEVEL_DIRECTIVE', message: 'The semantics of the module level directive "use astro:head-inject" in "content/posts/a.mdx?astroPropagatedAssets" may not be preserved when bundling.' })).toBe(false);
  });
  it('passes every other log on, other directives included', () => {
    expect(passed('warn', { code: 'MODULE_LEVEL_DIRECTIVE', message: 'The semantics of the module level directive "use client" in "x.ts" may not be preserved when bundling.' })).toBe(true);
    expect(passed('warn', { code: 'EVAL', message: 'Use of eval is strongly discouraged' })).toBe(true);
    expect(passed('info', { message: '"use astro:head-inject"' })).toBe(true);
  });
});
