/** Dates as the newsroom and its readers see them: pure, no database. */

/** Today's calendar date in a time zone, as YYYY-MM-DD. */
export function calendarDate(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** `Checked on December 6, 2025` for a stored YYYY-MM-DD date (no time zone can shift it). */
// One formatter for every date shown: building one per call costs ~0.1 ms, per hit on a list.
const checkedOnFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: 'UTC',
  year: 'numeric',
  month: 'long',
  day: 'numeric',
});

export function formatCheckedOn(isoDate: string): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  return checkedOnFormat.format(new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1)));
}

const momentFormats = new Map<string, Intl.DateTimeFormat>();

/** A moment as the newsroom reads it ("Nov 27, 2026, 1:05 PM") in a time zone. */
export function formatMoment(date: Date, timeZone: string): string {
  let format = momentFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone,
    });
    momentFormats.set(timeZone, format);
  }
  return format.format(date);
}
