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

const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** The offset from UTC of a time zone at an instant, in minutes (Paris in winter: 60). */
function offsetMinutes(instant: number, timeZone: string): number {
  let format = offsetFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
    offsetFormats.set(timeZone, format);
  }
  const name = format.formatToParts(instant).find((p) => p.type === 'timeZoneName')?.value ?? '';
  const found = /([+-])(\d{2}):?(\d{2})?/.exec(name);
  if (!found) return 0; // "GMT": UTC itself
  const minutes = Number(found[2]) * 60 + Number(found[3] ?? 0);
  return found[1] === '-' ? -minutes : minutes;
}

function offsetText(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/**
 * The first moment of a calendar day (YYYY-MM-DD) in a time zone, as an RFC 3339 date-time
 * with that zone's offset: `2025-12-06T00:00:00+01:00` in Paris. Where a change of clocks
 * skips midnight (Santiago in September), the day starts at the first hour it has:
 * `2025-09-07T01:00:00-03:00`. Null when the value is not a date.
 */
export function startOfDayInZone(day: string, timeZone: string): string | null {
  const found = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!found) return null;
  const wallMidnight = Date.UTC(Number(found[1]), Number(found[2]) - 1, Number(found[3]));
  if (Number.isNaN(wallMidnight) || new Date(wallMidnight).toISOString().slice(0, 10) !== day) {
    return null;
  }
  // The offset at midnight is the offset either just before or just after it: try both, and
  // keep the earliest instant that falls on the day.
  const before = offsetMinutes(wallMidnight, timeZone);
  const candidates = [before, offsetMinutes(wallMidnight - before * 60_000, timeZone)]
    .map((offset) => wallMidnight - offset * 60_000)
    .filter((instant) => calendarDate(new Date(instant), timeZone) === day)
    .sort((a, b) => a - b);
  const instant = candidates[0];
  if (instant === undefined) return null;
  const offset = offsetMinutes(instant, timeZone);
  const wall = new Date(instant + offset * 60_000).toISOString().slice(0, 19);
  return `${wall}${offsetText(offset)}`;
}

/**
 * The newsroom's time zone as readers are told it beside a date: `UTC`, `Paris time`,
 * `Buenos Aires time`; a fixed offset of the Etc area by that offset (Etc/GMT+5 is `UTC−05:00`);
 * any other name as it is (`CET`).
 */
export function timeZoneLabel(timeZone: string): string {
  if (/^(Etc\/)?(UTC|UCT|GMT|Universal|Zulu|Greenwich)$/i.test(timeZone)) return 'UTC';
  if (timeZone.startsWith('Etc/')) {
    return `UTC${offsetText(offsetMinutes(0, timeZone)).replace('-', '\u2212')}`;
  }
  const place = timeZone.includes('/') ? timeZone.split('/').pop() : null;
  return place ? `${place.replace(/_/g, ' ')} time` : timeZone;
}
