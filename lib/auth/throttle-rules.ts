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

/** The counter after one more failure at `now`. */
export function afterFailure(
  state: ThrottleState | null,
  now: Date,
  limit: ThrottleLimit,
): ThrottleState {
  const windowExpired = !state || now.getTime() - state.windowStartedAt.getTime() >= limit.windowMs;
  const failures = windowExpired ? 1 : state.failures + 1;
  const windowStartedAt = windowExpired ? now : state.windowStartedAt;
  const stillBlocked = state?.blockedUntil && state.blockedUntil > now ? state.blockedUntil : null;
  const blockedUntil =
    failures >= limit.maxFailures ? new Date(now.getTime() + limit.blockMs) : stillBlocked;
  return { failures, windowStartedAt, blockedUntil };
}

/** "Try again in 3 minutes." — rounded up, so people never come back too early. */
export function describeRetryAfter(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 60) return `Try again in ${seconds} second${seconds === 1 ? '' : 's'}.`;
  const minutes = Math.ceil(seconds / 60);
  return `Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
}
