// A TextMate match rule written as its pieces in order, each captured group beside
// its scope: the capture numbers are counted here, not by hand, so a group added
// to a regex cannot shift the scopes of the groups after it.

/** What a captured group becomes: a scope, or its text tokenized again by repository rules. */
export type Capture = { name: string } | { patterns: Array<{ include: string }> };

/** A captured group of a rule; `capture` undefined for a group kept only to split the text. */
export interface Group {
  readonly source: string;
  readonly capture: Capture | undefined;
}

/** Plain regex source (no capturing groups of its own), a group, or a run of pieces. */
export type Piece = string | Group | readonly Piece[];

export interface MatchRule {
  match: string;
  captures: Record<number, Capture>;
}

/** The builders of one grammar's groups: every scope ends in `.<lang>`, as TextMate scopes do. */
export function groupsOf(lang: string) {
  return {
    /** `(source)`, its text scoped `scope.<lang>`; without a scope, only captured. */
    cap: (source: string, scope?: string): Group => ({
      source,
      capture: scope === undefined ? undefined : { name: `${scope}.${lang}` },
    }),
    /** `(source)`, its text tokenized again by the named repository rules (`#values`). */
    capWith: (source: string, ...includes: string[]): Group => ({
      source,
      capture: { patterns: includes.map((include) => ({ include })) },
    }),
  };
}

/** Join the pieces into one `match` and number the captures in the order their groups open. */
export function matchRule(...pieces: Piece[]): MatchRule {
  let match = '';
  let groups = 0;
  const captures: Record<number, Capture> = {};
  const add = (piece: Piece): void => {
    if (typeof piece === 'string') {
      assertNoCapturingGroup(piece);
      match += piece;
    } else if (isGroup(piece)) {
      assertNoCapturingGroup(piece.source);
      match += `(${piece.source})`;
      groups += 1;
      if (piece.capture) captures[groups] = piece.capture;
    } else {
      for (const p of piece) add(p);
    }
  };
  for (const p of pieces) add(p);
  return { match, captures };
}

function isGroup(piece: Piece): piece is Group {
  return !Array.isArray(piece) && typeof piece === 'object' && 'source' in piece;
}

// A capturing group inside a piece would shift every number after it; it must be a group of its own.
function assertNoCapturingGroup(source: string): void {
  const at = capturingGroupAt(source);
  if (at >= 0) {
    throw new Error(`grammar piece ${JSON.stringify(source)} opens a capturing group at ${at}: write it as a cap() piece, or as (?:...)`);
  }
}

/** Index of the first capturing `(` in a regex source, or -1 (escapes and [classes] skipped). */
export function capturingGroupAt(source: string): number {
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') {
      if (source[i + 1] !== '?') return i;
      // (?<name>...) captures; (?<=...) and (?<!...) look behind
      if (source[i + 2] === '<' && source[i + 3] !== '=' && source[i + 3] !== '!') return i;
    }
  }
  return -1;
}
