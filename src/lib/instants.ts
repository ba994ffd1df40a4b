// The one home of the rule for days and times: what a post's `date:`/`updated:` and RZ_NOW mean.
// A bare day is its start in UTC; a time without a zone is UTC (as YAML reads an unquoted one);
// a time with a zone is that instant. Pure.

const dayOrTime = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** The instant a day or time string means (an invalid one gives an Invalid Date). */
export function instantOf(value: string): Date {
  if (value.length === 10) return new Date(`${value}T00:00:00Z`);
  return new Date(/(Z|[+-]\d{2}:?\d{2})$/i.test(value) ? value : `${value.replace(' ', 'T')}Z`);
}

/** Whether a string is a real calendar day, or day and time (2016-02-30 is not). */
export function isValidDateString(value: string): boolean {
  if (!dayOrTime.test(value)) return false;
  const day = new Date(`${value.slice(0, 10)}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === value.slice(0, 10) && !Number.isNaN(instantOf(value).getTime());
}

/** "Now" for a build or the publish server: RZ_NOW's day or time by the rule above, else the clock. */
export function nowOf(value: string | undefined, clock: Date): Date {
  if (!value) return clock;
  if (!isValidDateString(value))
    throw new Error(`RZ_NOW=${value}: write the day to publish as of as YYYY-MM-DD (or an ISO time such as 2027-01-05T09:00:00Z), or unset it to publish as of now`);
  return instantOf(value);
}
