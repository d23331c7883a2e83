import { eq, like } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { loginThrottle, userSessions, users } from '@/db/schema';
import { systemActor } from '@/lib/policy/policy';
import { createUser } from '@/lib/users/mutations';
import { authenticate } from './sign-in';
import { deleteExpiredThrottles, getSignInRetryAfter, recordSignInFailure } from './throttle';
import { ADDRESS_LIMIT } from './throttle-rules';

const PASSWORD = 'a-long-enough-password';
let email = '';
let run = 0;

beforeEach(async () => {
  await getDb().delete(loginThrottle);
  run += 1;
  email = `eli-${run}@example.org`;
  await createUser(systemActor('seed'), { name: 'Eli', email, role: 'editor', password: PASSWORD });
});

const attempt = (password: string, who = email, ip = '10.0.0.1') =>
  authenticate({ email: who, password, ip });

describe('authenticate', () => {
  it('accepts the right password, whatever the email case, and starts a session', async () => {
    const result = await attempt(PASSWORD, email.toUpperCase());
    expect(result).toMatchObject({ ok: true, actor: { email, role: 'editor' } });
    if (!result.ok) throw new Error('expected a sign-in');
    const [session] = await getDb()
      .select()
      .from(userSessions)
      .where(eq(userSessions.id, result.session.id));
    expect(session?.userId).toBe(result.actor.id);
    expect(session!.expiresAt.getTime() - Date.now()).toBeGreaterThan(11.9 * 3600_000);
  });

  it('says the same for a wrong password and an unknown email', async () => {
    expect(await attempt('wrong-password-123')).toEqual({ ok: false, reason: 'invalid' });
    expect(await attempt(PASSWORD, 'nobody@example.org')).toEqual({ ok: false, reason: 'invalid' });
  });

  it('blocks an account after 5 failures, even with the right password then', async () => {
    for (let i = 0; i < 5; i++) await attempt('wrong-password-123', email, `10.0.1.${i}`);
    const result = await attempt(PASSWORD, email, '10.9.9.9');
    expect(result).toMatchObject({ ok: false, reason: 'throttled' });
    if (result.ok || result.reason !== 'throttled') throw new Error('expected throttled');
    expect(result.retryAfterMs).toBeGreaterThan(14 * 60_000);
    expect(result.retryAfterMs).toBeLessThanOrEqual(15 * 60_000);
  });

  it('blocks an address after too many failures across accounts', async () => {
    for (let i = 0; i < ADDRESS_LIMIT.maxFailures; i++) {
      await attempt('wrong-password-123', `guess-${i}@example.org`, '10.0.0.66');
    }
    expect(await attempt(PASSWORD, email, '10.0.0.66')).toMatchObject({ reason: 'throttled' });
    expect(await attempt(PASSWORD, email, '10.0.0.67')).toMatchObject({ ok: true });
  });

  it('checks at most 5 of 20 wrong passwords sent at once for one account', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => attempt(`wrong-password-${i}`, email, `10.4.0.${i}`)),
    );
    const reasons = results.map((result) => (result.ok ? 'ok' : result.reason));
    // "invalid" means the password was checked; "throttled" that it was refused before.
    expect(reasons.filter((reason) => reason === 'invalid')).toHaveLength(5);
    expect(reasons.filter((reason) => reason === 'throttled')).toHaveLength(15);
    expect(await attempt(PASSWORD, email, '10.4.1.1')).toMatchObject({ reason: 'throttled' });
  });

  it('checks at most 30 of 40 attempts sent at once from one address', async () => {
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        attempt('wrong-password-123', `parallel-${i}@example.org`, '10.5.5.5'),
      ),
    );
    const reasons = results.map((result) => (result.ok ? 'ok' : result.reason));
    expect(reasons.filter((reason) => reason === 'invalid')).toHaveLength(30);
    expect(reasons.filter((reason) => reason === 'throttled')).toHaveLength(10);
  });

  it('counts every one of many concurrent failures, and blocks at the limit', async () => {
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        attempt('wrong-password-123', `concurrent-${i}@example.org`, '10.1.1.2'),
      ),
    );
    const [row] = await getDb()
      .select()
      .from(loginThrottle)
      .where(eq(loginThrottle.key, 'ip:10.1.1.2'));
    expect(row).toMatchObject({ failures: 12, blockedUntil: null });
    await getDb()
      .update(loginThrottle)
      .set({ failures: ADDRESS_LIMIT.maxFailures })
      .where(eq(loginThrottle.key, 'ip:10.1.1.2'));
    await recordSignInFailure({ email: 'last@example.org', ip: '10.1.1.2' });
    expect(await getSignInRetryAfter({ email: 'y@example.org', ip: '10.1.1.2' })).toBeGreaterThan(
      14 * 60_000,
    );
  });

  it('clears the account counter after a success, and gives the address that attempt back', async () => {
    for (let i = 0; i < 4; i++) await attempt('wrong-password-123');
    expect(await attempt(PASSWORD)).toMatchObject({ ok: true });
    const rows = await getDb().select().from(loginThrottle);
    expect(rows.find((row) => row.key.startsWith('account:'))).toBeUndefined();
    expect(rows.find((row) => row.key === 'ip:10.0.0.1')?.failures).toBe(4);
    for (let i = 0; i < 4; i++) await attempt('wrong-password-123', email, '10.3.3.3');
    expect(await attempt(PASSWORD, email, '10.3.3.3')).toMatchObject({ ok: true });
  });

  it('tells a disabled person only once their password is right', async () => {
    await getDb().update(users).set({ disabled: true }).where(eq(users.email, email));
    expect(await attempt('wrong-password-123')).toEqual({ ok: false, reason: 'invalid' });
    expect(await attempt(PASSWORD)).toEqual({ ok: false, reason: 'disabled' });
  });
});

describe('expiring throttle counters', () => {
  it('deletes counters whose window has passed, never one that still blocks', async () => {
    const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);
    await getDb()
      .insert(loginThrottle)
      .values([
        { key: 'ip:old', failures: 3, windowStartedAt: minutesAgo(16) },
        {
          key: 'ip:old-block-over',
          failures: 30,
          windowStartedAt: minutesAgo(40),
          blockedUntil: minutesAgo(5),
        },
        {
          key: 'ip:old-but-blocked',
          failures: 30,
          windowStartedAt: minutesAgo(20),
          blockedUntil: minutesAgo(-10),
        },
        { key: 'ip:recent', failures: 2, windowStartedAt: minutesAgo(5) },
      ]);
    expect(await deleteExpiredThrottles()).toBe(2);
    const left = await getDb()
      .select({ key: loginThrottle.key })
      .from(loginThrottle)
      .where(like(loginThrottle.key, 'ip:%'));
    expect(left.map((row) => row.key).sort()).toEqual(['ip:old-but-blocked', 'ip:recent']);
    expect(
      await getSignInRetryAfter({ email: 'x@example.org', ip: 'old-but-blocked' }),
    ).toBeGreaterThan(0);
  });

  it('happens as a side effect of signing in', async () => {
    await getDb()
      .insert(loginThrottle)
      .values({ key: 'ip:stale', failures: 1, windowStartedAt: new Date(Date.now() - 3600_000) });
    await attempt('wrong-password-123');
    const stale = await getDb()
      .select()
      .from(loginThrottle)
      .where(eq(loginThrottle.key, 'ip:stale'));
    expect(stale).toEqual([]);
  });
});
