// The day a Blogger post showed, in the blog's own time zone: a backup's times carry the blog's
// offset already (2016-12-28T19:47:00.001-08:00 is the 28th); Takeout's are UTC and are moved
// into the blog's time zone when it is known.

/** Whether `tz` is a time zone this Node knows (an IANA name such as Europe/Berlin). */
export function isTimeZone(tz: string): boolean {
  try { new Intl.DateTimeFormat('en', { timeZone: tz }); return true; } catch { return false; }
}

/** The calendar day (YYYY-MM-DD) of an ISO time: in `tz` when given, else as the time was written. */
export function localDay(iso: string, tz: string | undefined): string {
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) throw new RangeError(`not a time: ${JSON.stringify(iso)}`);
  if (!tz) {
    // as written: its own offset's day; a time in UTC (Z) is the UTC day
    return /^\d{4}-\d{2}-\d{2}/.exec(iso)![0];
  }
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(t);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** Whole days from day `a` to day `b` (YYYY-MM-DD). */
export const daysBetween = (a: string, b: string): number => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
