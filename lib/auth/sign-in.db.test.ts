import { beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { loginThrottle, users } from '@/db/schema';
import { createUserAsOperator } from '@/lib/users/mutations';
import { authenticate, clientAddress } from './sign-in';
import { getSignInRetryAfter, recordSignInFailure } from './throttle';
import { ADDRESS_LIMIT } from './throttle-rules';

const PASSWORD = 'a-long-enough-password';

beforeEach(async () => {
  await getDb().delete(users);
  await getDb().delete(loginThrottle);
  await createUserAsOperator({
    name: 'Eli',
    email: 'eli@example.org',
    role: 'editor',
    password: PASSWORD,
  });
});

const attempt = (password: string, email = 'eli@example.org', ip = '10.0.0.1') =>
  authenticate({ email, password, ip });

describe('authenticate', () => {
  it('accepts the right password, whatever the email case', async () => {
    const result = await attempt(PASSWORD, 'ELI@example.org');
    expect(result).toMatchObject({ ok: true, actor: { email: 'eli@example.org', role: 'editor' } });
  });

  it('says the same for a wrong password and an unknown email', async () => {
    expect(await attempt('wrong-password-123')).toEqual({ ok: false, reason: 'invalid' });
    expect(await attempt(PASSWORD, 'nobody@example.org')).toEqual({ ok: false, reason: 'invalid' });
  });

  it('blocks an account after 5 failures, even with the right password then', async () => {
    for (let i = 0; i < 5; i++)
      await attempt('wrong-password-123', 'eli@example.org', `10.0.1.${i}`);
    const result = await attempt(PASSWORD, 'eli@example.org', '10.9.9.9');
    expect(result).toMatchObject({ ok: false, reason: 'throttled' });
    if (result.ok || result.reason !== 'throttled') throw new Error('expected throttled');
    expect(result.retryAfterMs).toBeGreaterThan(14 * 60_000);
    expect(result.retryAfterMs).toBeLessThanOrEqual(15 * 60_000);
  });

  it('blocks an address after too many failures across accounts', async () => {
    for (let i = 0; i < ADDRESS_LIMIT.maxFailures; i++) {
      await recordSignInFailure({ email: `guess-${i}@example.org`, ip: '10.0.0.66' });
    }
    expect(await attempt(PASSWORD, 'eli@example.org', '10.0.0.66')).toMatchObject({
      reason: 'throttled',
    });
    expect(await attempt(PASSWORD, 'eli@example.org', '10.0.0.67')).toMatchObject({ ok: true });
  });

  it('counts every one of many concurrent failures', async () => {
    await Promise.all(
      Array.from({ length: 12 }, () =>
        recordSignInFailure({ email: 'x@example.org', ip: '10.1.1.1' }),
      ),
    );
    const rows = await getDb().select().from(loginThrottle);
    expect(rows.find((r) => r.key === 'ip:10.1.1.1')?.failures).toBe(12);
    expect(await getSignInRetryAfter({ email: 'x@example.org', ip: '10.2.2.2' })).toBeGreaterThan(
      0,
    );
  });

  it('clears the account counter after a success', async () => {
    for (let i = 0; i < 4; i++) await attempt('wrong-password-123');
    expect(await attempt(PASSWORD)).toMatchObject({ ok: true });
    for (let i = 0; i < 4; i++) await attempt('wrong-password-123', 'eli@example.org', '10.3.3.3');
    expect(await attempt(PASSWORD, 'eli@example.org', '10.3.3.3')).toMatchObject({ ok: true });
  });

  it('tells a disabled person only once their password is right', async () => {
    await getDb().update(users).set({ disabled: true });
    expect(await attempt('wrong-password-123')).toEqual({ ok: false, reason: 'invalid' });
    expect(await attempt(PASSWORD)).toEqual({ ok: false, reason: 'disabled' });
  });
});

describe('clientAddress', () => {
  it('takes the entry the nearest proxy added', () => {
    expect(clientAddress(new Headers({ 'x-forwarded-for': '1.1.1.1, 2.2.2.2' }))).toBe('2.2.2.2');
    expect(clientAddress(new Headers({ 'x-real-ip': '3.3.3.3' }))).toBe('3.3.3.3');
    expect(clientAddress(new Headers())).toBe('unknown');
  });
});
