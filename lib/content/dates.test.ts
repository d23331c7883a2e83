import { describe, expect, it } from 'vitest';
import { calendarDate, formatCheckedOn, formatMoment } from './dates';

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
