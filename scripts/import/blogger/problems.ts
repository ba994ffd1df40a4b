// What the import says when it cannot go on (ImportError: the file, the line, what to do) and
// what it reports for the author's eye while it goes on (Notice).

/** An input the import cannot read: it stops before writing anything. */
export class ImportError extends Error {
  readonly file: string;
  readonly line: number | undefined;
  readonly what: string;
  readonly fix: string;
  constructor(file: string, line: number | undefined, what: string, fix: string) {
    super(`${file}${line ? `:${line}` : ''}: ${what}`);
    this.file = file; this.line = line; this.what = what; this.fix = fix;
  }
  /** The message as the command prints it. */
  format(): string { return `${this.message}\n    fix: ${this.fix}`; }
}

/** Something in an imported post that needs the author's eye: the post file, the line, what. */
export interface Notice { file: string; line?: number | undefined; message: string }
