// @astrojs/preact for the islands (src/**/*.tsx) alone, and without Babel in `astro build`.
// Preact's Vite preset runs Babel over every .ts/.js file by default; the integration always hands
// it a Babel config, so its JSX plugin would still run Babel over each island (0.3 s of CPU, 8% of
// a small site's build) to do what Vite's own transform does from tsconfig.json (jsx: react-jsx,
// jsxImportSource: preact): the built files are the same, byte for byte. `astro dev` keeps Babel
// (hook names for Preact's devtools).
import preact from '@astrojs/preact';
import type { AstroIntegration } from 'astro';

type Config = Parameters<Parameters<NonNullable<AstroIntegration['hooks']['astro:config:setup']>>[0]['updateConfig']>[0];

/** The preset's JSX plugin: its transform is Babel; its config hook (warnings, dependencies) stays. */
const JSX_PLUGIN = 'vite:preact-jsx';

/** `config` with the preset's Babel transform taken out of its Vite plugins (nested arrays as Vite allows). */
export function withoutBabel(config: Config): Config {
  const strip = (p: unknown): unknown => {
    if (Array.isArray(p)) return p.map(strip);
    if (p && typeof p === 'object' && (p as { name?: unknown }).name === JSX_PLUGIN) {
      const { transform: _babel, ...rest } = p as { transform?: unknown };
      return rest;
    }
    return p;
  };
  const plugins = config.vite?.plugins;
  return plugins ? { ...config, vite: { ...config.vite, plugins: plugins.map(strip) as typeof plugins } } : config;
}

export function preactIslands(): AstroIntegration {
  const inner = preact({ include: ['**/*.tsx'] });
  const setup = inner.hooks['astro:config:setup']!;
  return {
    ...inner,
    hooks: {
      ...inner.hooks,
      'astro:config:setup': (params) =>
        setup(params.command === 'build' ? { ...params, updateConfig: (c) => params.updateConfig(withoutBabel(c)) } : params),
    },
  };
}
