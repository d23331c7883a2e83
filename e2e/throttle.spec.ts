import { expect, test } from '@playwright/test';
import postgres from 'postgres';
import { uniqueEmail } from './fixtures';

/**
 * The per-address sign-in limit counts the address the request really came from. The server
 * runs without FACTDESK_TRUSTED_PROXIES, so that is the TCP socket's: every request here comes
 * from this machine, whatever X-Forwarded-For it claims.
 */
const database = postgres(process.env.E2E_DATABASE_URL ?? '', { max: 1, onnotice: () => {} });

// Every test signs in from this machine: its address must not stay blocked after this file.
const forgetAddresses = () => database`delete from login_throttle where key like 'ip:%'`;

test.beforeEach(forgetAddresses);
test.afterEach(forgetAddresses);
test.afterAll(() => database.end({ timeout: 5 }));

test('40 failed sign-ins with a rotating X-Forwarded-For from one client are blocked after 30', async ({
  request,
}) => {
  const { csrfToken } = await (await request.get('/api/auth/csrf')).json();
  const outcomes: string[] = [];
  for (let attempt = 1; attempt <= 40; attempt++) {
    // A different unknown email each time, so that the per-account limit never applies.
    const response = await request.post('/api/auth/callback/credentials', {
      form: { email: uniqueEmail(`rotating-${attempt}`), password: 'wrong-password', csrfToken },
      headers: {
        'x-forwarded-for': `203.0.113.${attempt}`,
        'x-factdesk-client-address': `198.51.100.${attempt}`,
      },
      maxRedirects: 0,
    });
    const code = new URL(response.headers().location ?? '/', 'http://x').searchParams.get('code');
    outcomes.push(code ?? `status ${response.status()}`);
  }
  expect(outcomes.slice(0, 30)).toEqual(Array(30).fill('invalid'));
  expect(outcomes.slice(30)).toEqual(Array(10).fill('throttled'));

  // Counted against the socket's (loopback) address, not the claimed ones or the unknown bucket.
  const rows = await database<{ key: string; failures: number }[]>`
    select key, failures from login_throttle where key like 'ip:%'`;
  expect(rows).toHaveLength(1);
  expect(['ip:127.0.0.1', 'ip:::1']).toContain(rows[0]?.key);
  expect(rows[0]?.failures).toBe(30);
});
