// Which releases the server keeps, and where a rollback goes: pure choices over release ids and
// the publish history (run/history, one id a line), made for runtime.ts.
import { isRelease } from './layout.ts';

/** The history keeps this many switches of live. */
export const historyLength = 200;

/**
 * The releases to delete: what live and previous name is kept, then the newest others (ids
 * sort by time) up to `keep` in all.
 */
export function releasesToPrune(ids: readonly string[], keep: number, live?: string, previous?: string): string[] {
  const all = ids.filter(isRelease).sort().reverse();
  const pinned = (id: string) => id === live || id === previous;
  let kept = all.filter(pinned).length;
  const out: string[] = [];
  for (const id of all) {
    if (pinned(id)) continue;
    if (kept < keep) kept++;
    else out.push(id);
  }
  return out;
}

/** The history after live switched to `id`. */
export function historyAfter(history: readonly string[], id: string): string[] {
  return [...history, id].slice(-historyLength);
}

/**
 * Where a rollback from `current` goes: the newest earlier entry of the history that is still
 * kept, and the history without what lies after it (the current release's entries included).
 */
export function rollbackFrom(history: readonly string[], current: string, kept: (id: string) => boolean): { to: string; history: string[] } | undefined {
  let n = history.length;
  while (n > 0 && history[n - 1] === current) n--;
  for (; n > 0; n--) {
    const id = history[n - 1]!;
    if (id !== current && kept(id)) return { to: id, history: history.slice(0, n) };
  }
  return undefined;
}

export const parseHistory = (text: string): string[] => text.split('\n').map((l) => l.trim()).filter(Boolean);
