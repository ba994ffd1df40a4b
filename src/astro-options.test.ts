import { describe, expect, it } from 'vitest';
import { unwatched } from './astro-options.ts';

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
