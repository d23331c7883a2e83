/** Failed sign-in throttling, as pure rules over one counter (per account or per address). */

export interface ThrottleLimit {
  /** Failures allowed within `windowMs` before the key is blocked. */
  maxFailures: number;
  windowMs: number;
  /** How long a key stays blocked once it reaches `maxFailures`. */
  blockMs: number;
}

export interface ThrottleState {
  failures: number;
  windowStartedAt: Date;
  blockedUntil: Date | null;
}

const MINUTE = 60_000;

/** 5 failures per account in 15 minutes block that account for 15 minutes. */
export const ACCOUNT_LIMIT: ThrottleLimit = {
  maxFailures: 5,
  windowMs: 15 * MINUTE,
  blockMs: 15 * MINUTE,
};

/** 30 failures from one address in 15 minutes block that address for 15 minutes. */
export const ADDRESS_LIMIT: ThrottleLimit = {
  maxFailures: 30,
  windowMs: 15 * MINUTE,
  blockMs: 15 * MINUTE,
};

/** Milliseconds until the key may try again, or 0 when it is not blocked. */
export function retryAfterMs(state: ThrottleState | null, now: Date): number {
  if (!state?.blockedUntil) return 0;
  return Math.max(0, state.blockedUntil.getTime() - now.getTime());
}

function windowExpired(state: ThrottleState, now: Date, limit: ThrottleLimit): boolean {
  return now.getTime() - state.windowStartedAt.getTime() >= limit.windowMs;
}

/**
 * One more attempt at `now`, counted before its password is checked (so that attempts made at
 * the same time all count): refused while the key is blocked or while the attempts already
 * counted in the window fill the limit (some may still be being checked); otherwise counted.
 */
export function beforeAttempt(
  state: ThrottleState | null,
  now: Date,
  limit: ThrottleLimit,
): { retryAfterMs: number; next: ThrottleState } {
  const blockedFor = retryAfterMs(state, now);
  if (state && blockedFor > 0) return { retryAfterMs: blockedFor, next: state };
  const current: ThrottleState =
    !state || windowExpired(state, now, limit)
      ? { failures: 0, windowStartedAt: now, blockedUntil: null }
      : { ...state, blockedUntil: null };
  if (current.failures >= limit.maxFailures) {
    const windowEnd = current.windowStartedAt.getTime() + limit.windowMs;
    return { retryAfterMs: Math.max(1000, windowEnd - now.getTime()), next: current };
  }
  return { retryAfterMs: 0, next: { ...current, failures: current.failures + 1 } };
}

/** The counter once a counted attempt failed: at the limit, the key is blocked from `now`. */
export function afterFailure(state: ThrottleState, now: Date, limit: ThrottleLimit): ThrottleState {
  if (state.failures < limit.maxFailures || retryAfterMs(state, now) > 0) return state;
  return { ...state, blockedUntil: new Date(now.getTime() + limit.blockMs) };
}

/** The counter once a counted attempt succeeded: that attempt was no failure. */
export function afterSuccess(state: ThrottleState, limit: ThrottleLimit): ThrottleState {
  const failures = Math.max(0, state.failures - 1);
  return {
    ...state,
    failures,
    blockedUntil: failures < limit.maxFailures ? null : state.blockedUntil,
  };
}

/** "Try again in 3 minutes." — rounded up, so people never come back too early. */
export function describeRetryAfter(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 60) return `Try again in ${seconds} second${seconds === 1 ? '' : 's'}.`;
  const minutes = Math.ceil(seconds / 60);
  return `Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
}
