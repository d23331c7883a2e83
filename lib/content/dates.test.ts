import { describe, expect, it } from 'vitest';
import {
  calendarDate,
  formatCheckedOn,
  formatMoment,
  startOfDayInZone,
  timeZoneLabel,
} from './dates';

describe('checked-on dates', () => {
  it('uses the newsroom’s calendar date, not UTC’s', () => {
    const lateEveningInNewYork = new Date('2025-12-07T03:30:00Z');
    expect(calendarDate(lateEveningInNewYork, 'UTC')).toBe('2025-12-07');
    expect(calendarDate(lateEveningInNewYork, 'America/New_York')).toBe('2025-12-06');
    expect(calendarDate(new Date('2025-12-06T23:30:00Z'), 'Asia/Tokyo')).toBe('2025-12-07');
  });

  it('prints the stored date as is', () => {
    expect(formatCheckedOn('2025-12-06')).toBe('December 6, 2025');
  });
});

describe('formatMoment', () => {
  it('shows a moment in the newsroom time zone', () => {
    const moment = new Date('2026-11-28T02:30:00Z');
    expect(formatMoment(moment, 'UTC')).toMatch(/^Nov 28, 2026, 2:30\sAM$/);
    expect(formatMoment(moment, 'America/New_York')).toMatch(/^Nov 27, 2026, 9:30\sPM$/);
  });
});

describe('startOfDayInZone', () => {
  it.each([
    ['2025-12-06', 'UTC', '2025-12-06T00:00:00+00:00'],
    ['2025-12-06', 'Europe/Paris', '2025-12-06T00:00:00+01:00'],
    ['2025-07-01', 'Europe/Paris', '2025-07-01T00:00:00+02:00'],
    // The days clocks change in Paris (at 02:00 and 03:00): midnight keeps the night's offset.
    ['2025-03-30', 'Europe/Paris', '2025-03-30T00:00:00+01:00'],
    ['2025-03-31', 'Europe/Paris', '2025-03-31T00:00:00+02:00'],
    ['2025-10-26', 'Europe/Paris', '2025-10-26T00:00:00+02:00'],
    ['2025-10-27', 'Europe/Paris', '2025-10-27T00:00:00+01:00'],
    ['2025-12-06', 'America/New_York', '2025-12-06T00:00:00-05:00'],
    ['2025-12-06', 'Asia/Kolkata', '2025-12-06T00:00:00+05:30'],
    ['2025-12-06', 'America/St_Johns', '2025-12-06T00:00:00-03:30'],
    ['2025-12-06', 'Pacific/Kiritimati', '2025-12-06T00:00:00+14:00'],
    // Santiago moves its clocks at midnight: in September the day starts at 01:00; in April
    // 00:00 comes once, after the clocks went back from 24:00 to 23:00.
    ['2025-09-07', 'America/Santiago', '2025-09-07T01:00:00-03:00'],
    ['2025-09-06', 'America/Santiago', '2025-09-06T00:00:00-04:00'],
    ['2025-04-06', 'America/Santiago', '2025-04-06T00:00:00-04:00'],
    ['2025-04-05', 'America/Santiago', '2025-04-05T00:00:00-03:00'],
  ])('%s in %s starts at %s', (day, zone, expected) => {
    expect(startOfDayInZone(day, zone)).toBe(expected);
  });

  it('names the day it was given, in its zone, at its first moment', () => {
    for (const zone of ['Europe/Paris', 'America/Santiago', 'Australia/Lord_Howe', 'Asia/Tokyo']) {
      for (let day = Date.UTC(2025, 0, 1); day < Date.UTC(2026, 0, 1); day += 86_400_000) {
        const date = new Date(day).toISOString().slice(0, 10);
        const start = new Date(startOfDayInZone(date, zone) as string);
        expect(calendarDate(start, zone)).toBe(date);
        expect(calendarDate(new Date(start.getTime() - 1), zone)).not.toBe(date);
      }
    }
  });

  it('refuses what is not a calendar date', () => {
    expect(startOfDayInZone('2025-02-30', 'UTC')).toBeNull();
    expect(startOfDayInZone('6 December 2025', 'UTC')).toBeNull();
    expect(startOfDayInZone('', 'UTC')).toBeNull();
  });
});

describe('timeZoneLabel', () => {
  it.each([
    ['UTC', 'UTC'],
    ['Etc/UTC', 'UTC'],
    ['Europe/Paris', 'Paris time'],
    ['America/Argentina/Buenos_Aires', 'Buenos Aires time'],
    ['Etc/GMT+5', 'UTC\u221205:00'],
    ['CET', 'CET'],
  ])('%s reads %s', (zone, label) => {
    expect(timeZoneLabel(zone)).toBe(label);
  });
});
