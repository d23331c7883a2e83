import 'server-only';
import { and, asc, inArray, isNull, lt, lte, or } from 'drizzle-orm';
import { getDb, noteDatabaseError, type Transaction } from '@/db/client';
import { loginThrottle } from '@/db/schema';
import {
  ACCOUNT_LIMIT,
  ADDRESS_LIMIT,
  afterFailure,
  afterSuccess,
  beforeAttempt,
  type ThrottleLimit,
  type ThrottleState,
} from './throttle-rules';

export interface SignInAttempt {
  email: string;
  ip: string;
}

type Keys = { key: string; limit: ThrottleLimit }[];

// Sorted by key (account: before ip:), the order in which every attempt locks its rows.
function keysOf(attempt: SignInAttempt): Keys {
  return [
    { key: `account:${attempt.email.trim().toLowerCase()}`, limit: ACCOUNT_LIMIT },
    { key: `ip:${attempt.ip}`, limit: ADDRESS_LIMIT },
  ];
}

/**
 * Applies `change` to the counters of `keys` under row locks, so that attempts made at the same
 * time, on any instance, each see the others' counts. Rows deleted meanwhile (expired) come back.
 */
type CounterChange<T> = (states: (ThrottleState | null)[]) => {
  result: T;
  next: (ThrottleState | null)[];
};

async function withCounters<T>(keys: Keys, change: CounterChange<T>): Promise<T> {
  try {
    const result = await withStoredCounters(keys, change);
    // Writable again: the stored counters are the truth from now on.
    countersInMemory.clear();
    return result;
  } catch (error) {
    if (noteDatabaseError(error) !== 'read-only') throw error;
    return withCountersInMemory(keys, change);
  }
}

async function withStoredCounters<T>(keys: Keys, change: CounterChange<T>): Promise<T> {
  return getDb().transaction(async (tx: Transaction) => {
    const names = keys.map(({ key }) => key);
    const rows = await tx
      .select()
      .from(loginThrottle)
      .where(inArray(loginThrottle.key, names))
      .orderBy(asc(loginThrottle.key))
      .for('update');
    const { result, next } = change(
      names.map((key) => rows.find((row) => row.key === key) ?? null),
    );
    for (const [index, state] of next.entries()) {
      if (!state) continue;
      const key = names[index] as string;
      await tx
        .insert(loginThrottle)
        .values({ key, ...state })
        .onConflictDoUpdate({ target: loginThrottle.key, set: state });
    }
    return result;
  });
}

/**
 * While the database accepts no writes, counters live in this process's memory (starting from
 * the stored ones, which can still be read), so that people can still sign in and throttling
 * still holds, per instance. Bounded: the oldest counters go first.
 */
const countersInMemory = new Map<string, ThrottleState>();
const MAX_COUNTERS_IN_MEMORY = 10_000;

async function withCountersInMemory<T>(keys: Keys, change: CounterChange<T>): Promise<T> {
  const names = keys.map(({ key }) => key);
  const rows = await getDb().select().from(loginThrottle).where(inArray(loginThrottle.key, names));
  const { result, next } = change(
    names.map((key) => countersInMemory.get(key) ?? rows.find((row) => row.key === key) ?? null),
  );
  for (const [index, state] of next.entries()) {
    if (!state) continue;
    const key = names[index] as string;
    countersInMemory.delete(key);
    countersInMemory.set(key, state);
    if (countersInMemory.size > MAX_COUNTERS_IN_MEMORY) {
      const oldest = countersInMemory.keys().next().value;
      if (oldest !== undefined) countersInMemory.delete(oldest);
    }
  }
  return result;
}

/**
 * Counts a sign-in attempt against its account and its address BEFORE the password is checked.
 * Returns 0 when it may go ahead, else the milliseconds to wait (and then nothing was counted).
 */
export async function beginSignInAttempt(
  attempt: SignInAttempt,
  now = new Date(),
): Promise<number> {
  const keys = keysOf(attempt);
  // A first attempt for a key has no row to lock yet: create it, then lock it with the others.
  await getDb()
    .insert(loginThrottle)
    .values(keys.map(({ key }) => ({ key, failures: 0, windowStartedAt: now })))
    .onConflictDoNothing()
    .catch((error) => {
      if (noteDatabaseError(error) !== 'read-only') throw error;
    });
  return withCounters(keys, (states) => {
    const decisions = states.map((state, index) =>
      beforeAttempt(state, now, (keys[index] as Keys[number]).limit),
    );
    const wait = Math.max(0, ...decisions.map((decision) => decision.retryAfterMs));
    return { result: wait, next: wait > 0 ? [] : decisions.map((decision) => decision.next) };
  });
}

/** The counted attempt failed: a key that reached its limit is blocked from now on. */
export async function recordSignInFailure(attempt: SignInAttempt, now = new Date()): Promise<void> {
  const keys = keysOf(attempt);
  await withCounters(keys, (states) => ({
    result: undefined,
    next: states.map((state, index) =>
      state ? afterFailure(state, now, (keys[index] as Keys[number]).limit) : null,
    ),
  }));
}

/**
 * The counted attempt had the right password: the account's counter is cleared, and the
 * address gets that attempt back (its other failures still count).
 */
export async function recordSignInSuccess(attempt: SignInAttempt): Promise<void> {
  const [account, address] = keysOf(attempt) as [Keys[number], Keys[number]];
  countersInMemory.delete(account.key);
  await getDb()
    .delete(loginThrottle)
    .where(inArray(loginThrottle.key, [account.key]))
    .catch((error) => {
      // Read-only: the stored counter stays, but a cleared one in memory takes its place.
      if (noteDatabaseError(error) !== 'read-only') throw error;
      countersInMemory.set(account.key, {
        failures: 0,
        windowStartedAt: new Date(),
        blockedUntil: null,
      });
    });
  await withCounters([address], ([state]) => ({
    result: undefined,
    next: [state ? afterSuccess(state, address.limit) : null],
  }));
}

/** Milliseconds until this account and address may try again (0: they may now). Reads only. */
export async function getSignInRetryAfter(
  attempt: SignInAttempt,
  now = new Date(),
): Promise<number> {
  const keys = keysOf(attempt);
  const rows = await getDb()
    .select()
    .from(loginThrottle)
    .where(
      inArray(
        loginThrottle.key,
        keys.map(({ key }) => key),
      ),
    );
  return Math.max(
    0,
    ...keys.map(
      ({ key, limit }) =>
        beforeAttempt(
          countersInMemory.get(key) ?? rows.find((row) => row.key === key) ?? null,
          now,
          limit,
        ).retryAfterMs,
    ),
  );
}

const LONGEST_WINDOW_MS = Math.max(ACCOUNT_LIMIT.windowMs, ADDRESS_LIMIT.windowMs);
const EXPIRED_BATCH = 500;

/**
 * Deletes counters whose window has passed and that block nothing (a bounded batch, by the
 * window index): a counter that old says nothing any more. Returns how many went.
 */
export async function deleteExpiredThrottles(now = new Date()): Promise<number> {
  const isExpired = and(
    lte(loginThrottle.windowStartedAt, new Date(now.getTime() - LONGEST_WINDOW_MS)),
    or(isNull(loginThrottle.blockedUntil), lt(loginThrottle.blockedUntil, now)),
  );
  const batch = getDb()
    .select({ key: loginThrottle.key })
    .from(loginThrottle)
    .where(isExpired)
    .limit(EXPIRED_BATCH);
  // Checked again on each row: an attempt may have renewed it since the batch was chosen.
  try {
    const deleted = await getDb()
      .delete(loginThrottle)
      .where(and(inArray(loginThrottle.key, batch), isExpired))
      .returning({ key: loginThrottle.key });
    return deleted.length;
  } catch (error) {
    // A read-only database keeps them until it is writable again: nothing is lost.
    if (noteDatabaseError(error) !== 'read-only') throw error;
    return 0;
  }
}
