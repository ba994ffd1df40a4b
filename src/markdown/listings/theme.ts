// The class theme: instead of colours, each TextMate scope rule names a CSS class
// (`tok-keyword`, `tok-register`, ...) whose light and dark colours live in
// src/styles/code.css. Shiki only understands colours, so each class is given a
// placeholder colour (#000001, #000002, ...) that the transformer in
// transformer.ts turns back into the class, dropping the `style` attribute.
// Why not Shiki's dual themes: they emit `style="--shiki-light:..;--shiki-dark:.."`
// on every token, which a Content Security Policy without 'unsafe-inline' blocks.
import type { ThemeRegistration } from 'shiki';

/** class name (without `tok-`) -> the scopes it colours. The most specific scope wins. */
export const TOKEN_CLASSES: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['comment', ['comment', 'punctuation.definition.comment', 'string.comment']],
  ['keyword', ['keyword', 'storage', 'keyword.control', 'storage.modifier', 'keyword.other.command']],
  ['operator', ['keyword.operator', 'punctuation.separator.key-value']],
  ['string', ['string', 'string.quoted', 'markup.inline.raw', 'string.unquoted.path', 'meta.attribute-selector']],
  ['regexp', ['string.regexp', 'constant.character.escape', 'constant.other.character-class']],
  ['number', ['constant.numeric', 'constant.other.device']],
  ['constant', ['constant', 'constant.language', 'support.constant', 'variable.other.constant', 'variable.other.enummember', 'entity.name.constant']],
  ['function', ['entity.name.function', 'support.function', 'meta.function-call entity.name.function', 'variable.function']],
  ['type', ['entity.name.type', 'entity.name.class', 'support.type', 'support.class', 'storage.type', 'entity.other.inherited-class', 'entity.name.namespace']],
  ['variable', ['variable.parameter', 'variable.other.field', 'variable.other.property', 'meta.property-name', 'support.variable', 'variable.other.convenience']],
  ['tag', ['entity.name.tag', 'punctuation.definition.tag']],
  ['attr', ['entity.other.attribute-name']],
  ['heading', ['markup.heading', 'entity.name.section']],
  ['inserted', ['markup.inserted', 'punctuation.definition.inserted']],
  ['deleted', ['markup.deleted', 'punctuation.definition.deleted', 'invalid', 'invalid.illegal', 'invalid.deprecated']],
  ['link', ['markup.underline.link', 'string.other.link']],
  // This project's debugger scopes.
  ['prompt', ['markup.prompt']],
  ['register', ['variable.language.register', 'variable.language']],
  ['address', ['constant.numeric.address']],
  ['opcode', ['constant.numeric.opcode']],
  ['mnemonic', ['keyword.other.mnemonic']],
  ['label', ['entity.name.label']],
  ['annotation', ['comment.annotation']],
  ['pseudo', ['support.constant.pseudo-path']],
  ['perm-r', ['storage.modifier.permission.read']],
  ['perm-w', ['storage.modifier.permission.write']],
  ['perm-x', ['storage.modifier.permission.execute']],
  ['perm-p', ['storage.modifier.permission.private', 'storage.modifier.permission.shared']],
  ['perm-none', ['storage.modifier.permission.none']],
];

const FONT_STYLES: ReadonlyArray<readonly [string, string]> = [
  ['markup.bold', 'bold'], ['markup.italic', 'italic'], ['markup.underline', 'underline'], ['markup.strikethrough', 'strikethrough'],
];

const placeholder = (i: number) => `#${(i + 1).toString(16).padStart(6, '0')}`;

/** placeholder colour (lower case) -> class name */
export const CLASS_OF_COLOR: ReadonlyMap<string, string> = new Map(TOKEN_CLASSES.map(([name], i) => [placeholder(i), `tok-${name}`]));

export const FONT_CLASS: Readonly<Record<string, string>> = { italic: 'tok-i', bold: 'tok-b', underline: 'tok-u', 'line-through': 'tok-s' };

export const classTheme: ThemeRegistration = {
  name: 'ring-zero',
  displayName: 'Ring Zero (CSS classes)',
  type: 'light',
  fg: '#000000',
  bg: '#ffffff',
  settings: [
    { settings: { foreground: '#000000', background: '#ffffff' } },
    ...TOKEN_CLASSES.map(([, scope], i) => ({ scope: [...scope], settings: { foreground: placeholder(i) } })),
    ...FONT_STYLES.map(([scope, fontStyle]) => ({ scope, settings: { fontStyle } })),
  ],
};
