/**
 * Wall-clock times in the newsroom's time zone and the instants they name: pure, no database,
 * only the built-in Intl API (it knows every IANA zone and its daylight-saving rules).
 */

/** What a `datetime-local` field sends: `2026-03-29T06:30`, seconds optional. */
const WALL_CLOCK = /^([1-9]\d{3})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

const zoneFormats = new Map<string, Intl.DateTimeFormat>();

function zoneFormat(timeZone: string): Intl.DateTimeFormat {
  let format = zoneFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    zoneFormats.set(timeZone, format);
  }
  return format;
}

/** The wall clock of `instant` in the zone, as milliseconds of a UTC clock showing the same. */
function wallClockMs(instant: number, timeZone: string): number {
  const parts = zoneFormat(timeZone).formatToParts(new Date(instant));
  const get = (type: Intl.DateTimeFormatPartTypes) =>
    Number(parts.find((part) => part.type === type)?.value);
  const utc = new Date(0);
  utc.setUTCFullYear(get('year'), get('month') - 1, get('day'));
  utc.setUTCHours(get('hour'), get('minute'), get('second'), 0);
  return utc.getTime();
}

export type WallClockAnswer = { ok: true; instant: Date } | { ok: false; message: string };

/**
 * The instant a wall-clock time names in a time zone. A time the clocks skip (spring forward)
 * names no instant and is refused, with a message saying so. A time the clocks pass twice (fall
 * back) names two: the earlier is taken, so the publication is never later than the first
 * moment the newsroom reads that time.
 */
export function instantAt(wallClock: string, timeZone: string): WallClockAnswer {
  const match = WALL_CLOCK.exec(wallClock);
  if (!match) return { ok: false, message: 'Enter a date and a time.' };
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0));
  const asUtc = new Date(0);
  asUtc.setUTCFullYear(year!, month! - 1, day!);
  asUtc.setUTCHours(hour!, minute!, second!, 0);
  // Date rolls 31 April over to 1 May: a date that changed on the way in does not exist.
  if (
    asUtc.getUTCMonth() !== month! - 1 ||
    asUtc.getUTCDate() !== day! ||
    asUtc.getUTCHours() !== hour! ||
    asUtc.getUTCMinutes() !== minute!
  ) {
    return { ok: false, message: 'That date or time does not exist.' };
  }
  const wanted = asUtc.getTime();
  // The zone's offsets around that time (a day either side holds any transition near it); each
  // gives a candidate instant, kept when the zone's clock shows the wanted time at it.
  const offsets = new Set(
    [wanted - 86_400_000, wanted, wanted + 86_400_000].map(
      (probe) => wallClockMs(probe, timeZone) - probe,
    ),
  );
  const instants = [...offsets]
    .map((offset) => wanted - offset)
    .filter((candidate) => wallClockMs(candidate, timeZone) === wanted)
    .sort((a, b) => a - b);
  if (instants.length === 0) {
    return {
      ok: false,
      message: `${wallClock.replace('T', ' ')} does not exist in ${timeZone}: the clocks go forward then. Choose another time.`,
    };
  }
  return { ok: true, instant: new Date(instants[0]!) };
}

/** The zone's wall clock at an instant, as a `datetime-local` field shows it (`2026-03-29T06:30`). */
export function wallClockAt(instant: Date, timeZone: string): string {
  return new Date(wallClockMs(instant.getTime(), timeZone)).toISOString().slice(0, 16);
}

const scheduledFormats = new Map<string, Intl.DateTimeFormat>();

/** `Mar 29, 2026, 6:30 AM GMT+2 (Europe/Paris)`: the date, the time and the zone's names. */
export function formatInZone(instant: Date, timeZone: string): string {
  let format = scheduledFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
      timeZoneName: 'short',
    });
    scheduledFormats.set(timeZone, format);
  }
  const shown = format.format(instant);
  return shown.endsWith(` ${timeZone}`) ? shown : `${shown} (${timeZone})`;
}
