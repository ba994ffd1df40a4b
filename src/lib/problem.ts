// What every check before a build reports: a post file's problem at a line, in a field, with the fix.

export interface PostSource { path: string; source: string }
export interface Problem { file: string; line: number; field: string; message: string; fix: string; severity: 'error' | 'warning' }

/** `file:line: error in field: message.` and the fix on the next line. */
export function formatProblems(problems: readonly Problem[]): string {
  return problems.map((p) => `${p.file}:${p.line}: ${p.severity} in ${p.field}: ${p.message}.\n    fix: ${p.fix}`).join('\n');
}
