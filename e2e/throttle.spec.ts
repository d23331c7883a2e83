import postgres from 'postgres';
import { E2E_PASSWORD, e2eAccounts } from './accounts';
import { expect, test, uniqueEmail } from './fixtures';

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
  page,
  baseURL,
}) => {
  // One client: one address family too (Chromium and Node may reach "localhost" by ::1 or by
  // 127.0.0.1, which are two addresses).
  const origin = `http://127.0.0.1:${new URL(baseURL ?? '').port}`;
  const { csrfToken } = await (await request.get(`${origin}/api/auth/csrf`)).json();
  const outcomes: string[] = [];
  for (let attempt = 1; attempt <= 40; attempt++) {
    // A different unknown email each time, so that the per-account limit never applies.
    const response = await request.post(`${origin}/api/auth/callback/credentials`, {
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
  expect(rows).toEqual([{ key: 'ip:127.0.0.1', failures: 30 }]);

  // The sign-in form (a server action) counts by the same address, whatever headers it sends.
  await page.setExtraHTTPHeaders({
    'x-forwarded-for': '203.0.113.200',
    'x-factdesk-client-address': '198.51.100.200',
  });
  await page.goto(`${origin}/login`);
  await page.getByLabel('Email').fill(e2eAccounts.reviewer.email);
  await page.getByLabel('Password').fill(E2E_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('main').getByRole('alert')).toHaveText(
    'Too many failed sign-in attempts. Try again in 15 minutes.',
  );
});
