import 'server-only';
import { eq, inArray } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { loginThrottle } from '@/db/schema';
import {
  ACCOUNT_LIMIT,
  ADDRESS_LIMIT,
  afterFailure,
  retryAfterMs,
  type ThrottleLimit,
} from './throttle-rules';

export interface SignInAttempt {
  email: string;
  ip: string;
}

function keysOf(attempt: SignInAttempt): { key: string; limit: ThrottleLimit }[] {
  return [
    { key: `account:${attempt.email.trim().toLowerCase()}`, limit: ACCOUNT_LIMIT },
    { key: `ip:${attempt.ip}`, limit: ADDRESS_LIMIT },
  ];
}

/** Milliseconds until this account and address may try again (0: they may now). */
export async function getSignInRetryAfter(
  attempt: SignInAttempt,
  now = new Date(),
): Promise<number> {
  const keys = keysOf(attempt).map(({ key }) => key);
  const rows = await getDb().select().from(loginThrottle).where(inArray(loginThrottle.key, keys));
  return Math.max(0, ...rows.map((row) => retryAfterMs(row, now)));
}

/** Counts one failed sign-in against the account and the address. */
export async function recordSignInFailure(attempt: SignInAttempt, now = new Date()): Promise<void> {
  await getDb().transaction(async (tx) => {
    for (const { key, limit } of keysOf(attempt)) {
      // Make sure the row exists, then lock it: concurrent failures are all counted.
      await tx
        .insert(loginThrottle)
        .values({ key, failures: 0, windowStartedAt: now })
        .onConflictDoNothing();
      const [current] = await tx
        .select()
        .from(loginThrottle)
        .where(eq(loginThrottle.key, key))
        .for('update');
      const next = afterFailure(current?.failures ? current : null, now, limit);
      await tx.update(loginThrottle).set(next).where(eq(loginThrottle.key, key));
    }
  });
}

/** A successful sign-in clears the account's counter (not the address's). */
export async function clearAccountFailures(email: string): Promise<void> {
  const [account] = keysOf({ email, ip: '' });
  if (account) await getDb().delete(loginThrottle).where(eq(loginThrottle.key, account.key));
}
