// Shiki transformer, the last one: the listing's chrome. <pre> gets its language; it and whatever the transformers before put after it (the maps diagram) go into
// <figure class="listing"> with a caption (title, language) and the copy / wrap buttons that
// src/listings/client.ts wires up.
import type { ShikiTransformer } from 'shiki';
import { bundledLanguagesInfo } from 'shiki';
import { h } from 'hastscript';
import { parseMeta } from './meta.ts';
import { canonicalLang, grammars } from './grammars/index.ts';

export function languageLabel(lang: string): string {
  const own = grammars.find((g) => g.name === lang);
  if (own) return own.displayName ?? own.name;
  if (['plaintext', 'text', 'txt', 'plain', ''].includes(lang)) return 'Text';
  const info = bundledLanguagesInfo.find((l) => l.id === lang || l.aliases?.includes(lang));
  return info?.name ?? lang;
}

export function transformerChrome(): ShikiTransformer {
  const langOf = (lang: string | undefined) => canonicalLang(String(lang ?? 'plaintext'));
  return {
    name: 'ring-zero:chrome',
    pre(pre) {
      pre.properties['dataLanguage'] = langOf(this.options.lang);
    },
    root(root) {
      const lang = langOf(this.options.lang);
      const meta = parseMeta(this.options.meta?.__raw);
      return {
        type: 'root',
        children: [h('figure', { className: meta.wrap ? ['listing', 'is-wrapped'] : ['listing'], dataLang: lang }, [
          h('figcaption', { className: ['listing-head'] }, [
            meta.title ? h('span', { className: ['listing-title'] }, meta.title) : undefined,
            h('span', { className: ['listing-lang'] }, languageLabel(lang)),
          ]),
          h('div', { className: ['listing-tools'] }, [
            h('button', { type: 'button', className: ['listing-btn'], dataListingWrap: '', ariaPressed: meta.wrap ? 'true' : 'false', hidden: true }, 'Wrap lines'),
            h('button', { type: 'button', className: ['listing-btn'], dataListingCopy: '', hidden: true }, 'Copy'),
            h('span', { className: ['listing-status'], role: 'status' }),
          ]),
          ...root.children.filter((c) => c.type === 'element'),
        ])],
      };
    },
  };
}
