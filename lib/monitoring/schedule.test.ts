import { describe, expect, it } from 'vitest';
import {
  checkOffsetMs,
  checkPeriodMs,
  isCheckDue,
  latestMoment,
  RETRY_AFTER_MS,
  type WatchedSource,
} from './schedule';

const day = checkPeriodMs(24);
const hour = 60 * 60 * 1000;
const briefId = '6f1c8f4e-2b7a-4c55-9d0e-3a1b2c3d4e5f';

describe('when a source is due', () => {
  it('spreads the sources of the newsroom over the period', () => {
    const offsets = Array.from({ length: 200 }, (_, i) => checkOffsetMs(briefId, `s${i}`, day));
    // Stable, within the period, and not bunched: every hour of the day gets some.
    expect(checkOffsetMs(briefId, 's0', day)).toBe(offsets[0]);
    expect(offsets.every((offset) => offset >= 0 && offset < day)).toBe(true);
    expect(new Set(offsets.map((offset) => Math.floor(offset / hour))).size).toBe(24);
  });

  it('takes the latest moment of the source that is not after now', () => {
    const now = new Date('2026-03-10T12:00:00Z');
    const offset = 5 * hour;
    expect(latestMoment(now, offset, day).toISOString()).toBe('2026-03-10T05:00:00.000Z');
    expect(latestMoment(new Date('2026-03-10T04:59:00Z'), offset, day).toISOString()).toBe(
      '2026-03-09T05:00:00.000Z',
    );
  });

  it('is due once per period: first within a period of publication, then a period apart', () => {
    const sourceId = 'a';
    const offset = checkOffsetMs(briefId, sourceId, day);
    const published = new Date(Date.UTC(2026, 2, 10) + offset - hour);
    const moment = new Date(published.getTime() + hour);
    const source: WatchedSource = {
      briefId,
      sourceId,
      firstPublishedAt: published,
      lastCheck: null,
    };
    expect(isCheckDue(source, new Date(moment.getTime() - 1), day)).toBe(false);
    expect(isCheckDue(source, moment, day)).toBe(true);
    const checked = { ...source, lastCheck: { checkedAt: moment, status: 'ok' as const } };
    expect(isCheckDue(checked, new Date(moment.getTime() + day - 1), day)).toBe(false);
    expect(isCheckDue(checked, new Date(moment.getTime() + day), day)).toBe(true);
    // A check made late (the sweep runs every ten minutes) keeps the source's moment.
    const late = {
      ...source,
      lastCheck: { checkedAt: new Date(moment.getTime() + 9 * 60_000), status: 'ok' as const },
    };
    expect(isCheckDue(late, new Date(moment.getTime() + day), day)).toBe(true);
  });

  it('tries a source that could not be reached again an hour later', () => {
    const checkedAt = new Date('2026-03-10T12:00:00Z');
    const source: WatchedSource = {
      briefId,
      sourceId: 'a',
      firstPublishedAt: new Date('2026-01-01T00:00:00Z'),
      lastCheck: { checkedAt, status: 'retrying' },
    };
    expect(isCheckDue(source, new Date(checkedAt.getTime() + RETRY_AFTER_MS - 1), day)).toBe(false);
    expect(isCheckDue(source, new Date(checkedAt.getTime() + RETRY_AFTER_MS), day)).toBe(true);
  });
});
