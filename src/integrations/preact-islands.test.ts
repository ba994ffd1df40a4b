import { describe, expect, it } from 'vitest';
import type { AstroIntegration } from 'astro';
import { preactIslands, withoutBabel } from './preact-islands.ts';

type Setup = Parameters<NonNullable<AstroIntegration['hooks']['astro:config:setup']>>[0];
type Plugin = { name?: string; transform?: unknown; config?: unknown };

/** The Vite plugins the integration asks for under `command`, flattened. */
async function pluginsOf(command: 'build' | 'dev'): Promise<Plugin[]> {
  const configs: Array<{ vite?: { plugins?: unknown[] } }> = [];
  const params = { command, addRenderer: () => {}, injectScript: () => {}, updateConfig: (c: unknown) => { configs.push(c as never); return {} as never; } };
  await preactIslands().hooks['astro:config:setup']!(params as unknown as Setup);
  return configs.flatMap((c) => (c.vite?.plugins ?? []).flat(3) as Plugin[]);
}

describe('withoutBabel', () => {
  it("takes the preset JSX plugin's transform out, wherever it is nested, and keeps the rest", () => {
    const config = () => {};
    const babel = () => {};
    const other = { name: 'other', transform: babel };
    const out = withoutBabel({ vite: { plugins: [[{ name: 'vite:preact-jsx', enforce: 'pre', config, transform: babel }, [other]]] } } as never);
    expect(out.vite?.plugins).toEqual([[{ name: 'vite:preact-jsx', enforce: 'pre', config }, [other]]]);
  });

  it('leaves a config without plugins as it is', () => {
    const c = { vite: { optimizeDeps: { include: ['x'] } } };
    expect(withoutBabel(c as never)).toBe(c);
  });
});

describe('preactIslands', () => {
  it("asks for the preset's JSX plugin without its Babel transform in astro build, with it in astro dev", async () => {
    const build = (await pluginsOf('build')).filter((p) => p?.name === 'vite:preact-jsx');
    const dev = (await pluginsOf('dev')).filter((p) => p?.name === 'vite:preact-jsx');
    expect(build).toHaveLength(1); // (a renamed plugin in a newer preset fails here, not silently)
    expect(build[0]!.transform).toBeUndefined();
    expect(typeof build[0]!.config).toBe('function');
    expect(dev).toHaveLength(1);
    expect(typeof dev[0]!.transform).toBe('function');
  });
});
