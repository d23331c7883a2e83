import { describe, expect, it } from 'vitest';
import { formatInZone, instantAt, wallClockAt } from './wall-clock';

const instant = (wallClock: string, timeZone: string) => {
  const answer = instantAt(wallClock, timeZone);
  if (!answer.ok) throw new Error(answer.message);
  return answer.instant.toISOString();
};

describe('a wall-clock time in a time zone', () => {
  it('names the instant the zone shows that time', () => {
    expect(instant('2026-01-15T06:00', 'UTC')).toBe('2026-01-15T06:00:00.000Z');
    expect(instant('2026-01-15T06:00', 'Europe/Paris')).toBe('2026-01-15T05:00:00.000Z');
    expect(instant('2026-07-15T06:00', 'Europe/Paris')).toBe('2026-07-15T04:00:00.000Z');
    expect(instant('2026-07-15T06:00', 'America/New_York')).toBe('2026-07-15T10:00:00.000Z');
    expect(instant('2026-07-15T06:00:30', 'Asia/Kolkata')).toBe('2026-07-15T00:30:30.000Z');
    // Across the date line: the zone's morning is the previous UTC day.
    expect(instant('2026-03-01T08:00', 'Pacific/Auckland')).toBe('2026-02-28T19:00:00.000Z');
  });

  it('refuses a time the clocks skip when they go forward, saying so', () => {
    // Paris: 2026-03-29 02:00 → 03:00. New York: 2026-03-08 02:00 → 03:00.
    for (const [wallClock, zone] of [
      ['2026-03-29T02:30', 'Europe/Paris'],
      ['2026-03-29T02:00', 'Europe/Paris'],
      ['2026-03-08T02:59', 'America/New_York'],
    ] as const) {
      const answer = instantAt(wallClock, zone);
      expect(answer).toEqual({
        ok: false,
        message: `${wallClock.replace('T', ' ')} does not exist in ${zone}: the clocks go forward then. Choose another time.`,
      });
    }
    // Either side of the gap exists.
    expect(instant('2026-03-29T01:59', 'Europe/Paris')).toBe('2026-03-29T00:59:00.000Z');
    expect(instant('2026-03-29T03:00', 'Europe/Paris')).toBe('2026-03-29T01:00:00.000Z');
  });

  it('takes the earlier of the two instants of a time the clocks pass twice', () => {
    // Paris: 2026-10-25 03:00 CEST → 02:00 CET, so 02:30 happens at 00:30Z and again at 01:30Z.
    expect(instant('2026-10-25T02:30', 'Europe/Paris')).toBe('2026-10-25T00:30:00.000Z');
    // New York: 2026-11-01 02:00 EDT → 01:00 EST: 01:30 is 05:30Z, then 06:30Z.
    expect(instant('2026-11-01T01:30', 'America/New_York')).toBe('2026-11-01T05:30:00.000Z');
    // An hour after the repeated one is unambiguous again.
    expect(instant('2026-11-01T02:30', 'America/New_York')).toBe('2026-11-01T07:30:00.000Z');
  });

  it('refuses what is not a date and a time, or a date that does not exist', () => {
    for (const text of ['', 'tomorrow', '2026-01-15', '2026-01-15 06:00', '0999-01-01T00:00']) {
      expect(instantAt(text, 'UTC')).toEqual({ ok: false, message: 'Enter a date and a time.' });
    }
    for (const text of [
      '2026-02-29T06:00',
      '2026-04-31T06:00',
      '2026-01-15T24:00',
      '2026-13-01T06:00',
      '2026-01-15T06:60',
    ]) {
      expect(instantAt(text, 'UTC')).toEqual({
        ok: false,
        message: 'That date or time does not exist.',
      });
    }
    expect(instant('2028-02-29T06:00', 'UTC')).toBe('2028-02-29T06:00:00.000Z');
  });

  it('goes back to the wall clock the zone shows', () => {
    const at = new Date('2026-10-25T01:30:00Z');
    expect(wallClockAt(at, 'Europe/Paris')).toBe('2026-10-25T02:30');
    expect(wallClockAt(at, 'UTC')).toBe('2026-10-25T01:30');
    for (const zone of ['Europe/Paris', 'America/New_York', 'Australia/Lord_Howe']) {
      expect(instant(wallClockAt(new Date('2026-06-01T12:34:00Z'), zone), zone)).toBe(
        '2026-06-01T12:34:00.000Z',
      );
    }
  });

  it('is shown with the date, the time and the zone', () => {
    const at = new Date('2026-07-15T04:30:00Z');
    expect(formatInZone(at, 'Europe/Paris')).toBe('Jul 15, 2026, 6:30 AM GMT+2 (Europe/Paris)');
    expect(formatInZone(at, 'UTC')).toBe('Jul 15, 2026, 4:30 AM UTC');
    expect(formatInZone(at, 'America/New_York')).toBe(
      'Jul 15, 2026, 12:30 AM EDT (America/New_York)',
    );
  });
});
