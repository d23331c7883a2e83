import { describe, expect, it } from 'vitest';
import {
  ACCOUNT_LIMIT,
  afterFailure,
  afterSuccess,
  beforeAttempt,
  describeRetryAfter,
  retryAfterMs,
  type ThrottleState,
} from './throttle-rules';

const at = (minutes: number) => new Date(Date.UTC(2026, 0, 1, 12, 0) + minutes * 60_000);

/** Attempts at these minutes, each counted and then failed, as sign-in does. */
function failTimes(minutes: number[], start: ThrottleState | null = null): ThrottleState | null {
  let state = start;
  for (const minute of minutes) {
    const decision = beforeAttempt(state, at(minute), ACCOUNT_LIMIT);
    state =
      decision.retryAfterMs > 0
        ? decision.next
        : afterFailure(decision.next, at(minute), ACCOUNT_LIMIT);
  }
  return state;
}

describe('sign-in throttling rules', () => {
  it('does not block below the limit', () => {
    const state = failTimes([0, 1, 2, 3]);
    expect(state?.failures).toBe(4);
    expect(retryAfterMs(state, at(3))).toBe(0);
    expect(beforeAttempt(state, at(3.5), ACCOUNT_LIMIT).retryAfterMs).toBe(0);
  });

  it('blocks for 15 minutes at the fifth failure within the window', () => {
    const state = failTimes([0, 1, 2, 3, 4]);
    expect(state?.blockedUntil).toEqual(at(19));
    expect(retryAfterMs(state, at(4))).toBe(15 * 60_000);
    expect(beforeAttempt(state, at(18.5), ACCOUNT_LIMIT)).toEqual({
      retryAfterMs: 30_000,
      next: state,
    });
    expect(beforeAttempt(state, at(19), ACCOUNT_LIMIT)).toEqual({
      retryAfterMs: 0,
      next: { failures: 1, windowStartedAt: at(19), blockedUntil: null },
    });
  });

  it('counts attempts before their outcome: the limit holds for attempts made at once', () => {
    let state: ThrottleState | null = null;
    const outcomes: number[] = [];
    for (let i = 0; i < 8; i++) {
      const decision = beforeAttempt(state, at(1), ACCOUNT_LIMIT);
      outcomes.push(decision.retryAfterMs);
      state = decision.next;
    }
    expect(outcomes.filter((wait) => wait === 0)).toHaveLength(ACCOUNT_LIMIT.maxFailures);
    // Refused while those being checked fill the window, at most until it ends.
    expect(outcomes.at(-1)).toBe(15 * 60_000);
  });

  it('starts a new window once the old one has passed', () => {
    const state = failTimes([0, 1, 2, 3, 15]);
    expect(state).toEqual({ failures: 1, windowStartedAt: at(15), blockedUntil: null });
  });

  it('a success refunds its attempt and lifts a block it no longer justifies', () => {
    const four = failTimes([0, 1, 2, 3]) as ThrottleState;
    const counted = beforeAttempt(four, at(4), ACCOUNT_LIMIT).next;
    expect(counted.failures).toBe(5);
    expect(afterSuccess(counted, ACCOUNT_LIMIT)).toEqual({ ...four, blockedUntil: null });
    const blocked = { ...counted, blockedUntil: at(19) };
    expect(afterSuccess(blocked, ACCOUNT_LIMIT).blockedUntil).toBeNull();
    expect(afterSuccess({ ...blocked, failures: 0 }, ACCOUNT_LIMIT).failures).toBe(0);
  });

  it('tells people when to come back, rounded up', () => {
    expect(describeRetryAfter(1)).toBe('Try again in 1 second.');
    expect(describeRetryAfter(42_100)).toBe('Try again in 43 seconds.');
    expect(describeRetryAfter(60_000)).toBe('Try again in 1 minute.');
    expect(describeRetryAfter(14 * 60_000 + 1)).toBe('Try again in 15 minutes.');
  });
});
