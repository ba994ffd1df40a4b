// The class theme and its transformer: each TextMate scope rule names a CSS class
// (`tok-keyword`, `tok-register`, ...) whose light and dark colours live in src/listings/listings.css,
// so no token carries a `style` (a CSP without 'unsafe-inline' would block it; Shiki's dual
// themes emit `style="--shiki-light:..."` on every token).
import type { ShikiTransformer, ThemeRegistration } from 'shiki';

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

// Shiki resolves a token's theme rule only to a colour, so each class has a key colour
// (#000001, #000002, ...) that transformerTokenClasses reads back from the token. Why not
// the token's scopes (`includeExplanation`): tokenizing with them took 1.5-2.7x as long on
// 2,000 lines of each of this project's grammars (windbg 51 -> 76 ms, procmaps 45 -> 120 ms,
// gdb 29 -> 47 ms), and the most-specific-scope rule would be written a second time here.
const keyColour = (i: number) => `#${(i + 1).toString(16).padStart(6, '0')}`;

/** key colour, in either case (Shiki reports the theme's colours upper-cased) -> class name */
const CLASS_OF_COLOUR: ReadonlyMap<string, string> = new Map(TOKEN_CLASSES.flatMap(([name], i) => [
  [keyColour(i), `tok-${name}`], [keyColour(i).toUpperCase(), `tok-${name}`],
]));

/** A token's fontStyle bits (vscode-textmate's FontStyle, which shiki does not re-export) -> class. */
const FONT_CLASSES: ReadonlyArray<readonly [number, string]> = [[1, 'tok-i'], [2, 'tok-b'], [4, 'tok-u'], [8, 'tok-s']];

export const classTheme: ThemeRegistration = {
  name: 'ring-zero',
  displayName: 'Ring Zero (CSS classes)',
  type: 'light',
  fg: '#000000',
  bg: '#ffffff',
  settings: [
    { settings: { foreground: '#000000', background: '#ffffff' } },
    ...TOKEN_CLASSES.map(([, scope], i) => ({ scope: [...scope], settings: { foreground: keyColour(i) } })),
    ...FONT_STYLES.map(([scope, fontStyle]) => ({ scope, settings: { fontStyle } })),
  ],
};

/** Gives each token its classes before Shiki writes it out, and no `style`. */
export function transformerTokenClasses(): ShikiTransformer {
  return {
    name: 'ring-zero:token-classes',
    tokens(lines) {
      for (const line of lines) for (const token of line) {
        const classes: string[] = [];
        const colour = token.color && CLASS_OF_COLOUR.get(token.color);
        if (colour) classes.push(colour);
        if (token.fontStyle) for (const [bit, name] of FONT_CLASSES) if (token.fontStyle & bit) classes.push(name);
        token.htmlStyle = {}; // an empty style: Shiki writes none
        if (classes.length) token.htmlAttrs = { ...token.htmlAttrs, class: classes.join(' ') };
      }
    },
    // <pre>: no theme colours (listings.css sets them) and `listing-pre` for the theme's name in
    // Shiki's class `shiki <theme>`; class rebuilt after tabindex, the order the pages have.
    pre(pre) {
      const { class: cls, style: _colours, ...rest } = pre.properties;
      const classes = (Array.isArray(cls) ? cls.map(String) : String(cls ?? '').split(' ')).filter((c) => c && c !== classTheme.name);
      pre.properties = { ...rest, class: [...classes, 'listing-pre'] };
    },
  };
}
