import { describe, expect, it } from 'vitest';
import {
  ACCOUNT_LIMIT,
  afterFailure,
  describeRetryAfter,
  retryAfterMs,
  type ThrottleState,
} from './throttle-rules';

const at = (minutes: number) => new Date(Date.UTC(2026, 0, 1, 12, 0) + minutes * 60_000);

function failTimes(minutes: number[]): ThrottleState | null {
  let state: ThrottleState | null = null;
  for (const minute of minutes) state = afterFailure(state, at(minute), ACCOUNT_LIMIT);
  return state;
}

describe('sign-in throttling rules', () => {
  it('does not block below the limit', () => {
    const state = failTimes([0, 1, 2, 3]);
    expect(state?.failures).toBe(4);
    expect(retryAfterMs(state, at(3))).toBe(0);
  });

  it('blocks for 15 minutes at the fifth failure within the window', () => {
    const state = failTimes([0, 1, 2, 3, 4]);
    expect(state?.blockedUntil).toEqual(at(19));
    expect(retryAfterMs(state, at(4))).toBe(15 * 60_000);
    expect(retryAfterMs(state, at(18.5))).toBe(30_000);
    expect(retryAfterMs(state, at(19))).toBe(0);
  });

  it('starts a new window once the old one has passed', () => {
    const state = failTimes([0, 1, 2, 3, 15]);
    expect(state).toEqual({ failures: 1, windowStartedAt: at(15), blockedUntil: null });
  });

  it('keeps an active block when a new window starts', () => {
    const blocked = failTimes([0, 1, 2, 3, 14]);
    const next = afterFailure(blocked, at(16), ACCOUNT_LIMIT);
    expect(next.failures).toBe(1);
    expect(next.blockedUntil).toEqual(at(29));
  });

  it('tells people when to come back, rounded up', () => {
    expect(describeRetryAfter(1)).toBe('Try again in 1 second.');
    expect(describeRetryAfter(42_100)).toBe('Try again in 43 seconds.');
    expect(describeRetryAfter(60_000)).toBe('Try again in 1 minute.');
    expect(describeRetryAfter(14 * 60_000 + 1)).toBe('Try again in 15 minutes.');
  });
});
