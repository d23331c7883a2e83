import { e2eAccounts } from './accounts';
import {
  expect,
  expectNoAxeViolations,
  freshSignIn,
  signedInPage,
  signIn,
  test,
  uniqueEmail,
} from './fixtures';

test.describe('signing in and out', () => {
  for (const [role, account] of Object.entries(e2eAccounts)) {
    test(`a ${role} signs in, sees who they are, and signs out`, async ({ page }) => {
      await page.goto('/login');
      await signIn(page, account.email);
      await expect(page).toHaveURL(/\/desk$/);
      await expect(page.getByRole('banner')).toContainText(`Signed in as ${account.name}`);
      await expect(page.getByRole('banner')).toContainText(new RegExp(role, 'i'));
      await expect(page.getByRole('link', { name: 'Users' })).toHaveCount(role === 'admin' ? 1 : 0);

      await page.getByRole('button', { name: 'Sign out' }).click();
      await expect(page).toHaveURL(/\/login/);
      await expect(page.getByRole('status')).toHaveText('You are signed out.');
      await page.goto('/desk');
      await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fdesk$/);
    });
  }

  test('signing out ends the session on the server: a copy of its cookie opens nothing', async ({
    browser,
  }) => {
    // A session of its own: the stored one (signedInPage) serves the other tests.
    const page = await freshSignIn(browser, e2eAccounts.editor.email);
    const cookies = await page.context().cookies();
    const copy = await (await browser.newContext()).newPage();
    await copy.context().addCookies(cookies);
    await copy.goto('/desk');
    await expect(copy.getByRole('banner')).toContainText(`Signed in as ${e2eAccounts.editor.name}`);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/login/);
    await copy.goto('/desk');
    await expect(copy).toHaveURL(/\/login\?callbackUrl=%2Fdesk$/);
    // Another session of the same person (the stored one) is not affected.
    const other = await signedInPage(browser, 'editor');
    await other.goto('/desk/account');
    await expect(other.getByRole('heading', { name: 'Your account' })).toBeVisible();
  });

  test('a wrong password says so without telling whether the email exists', async ({ page }) => {
    await page.goto('/login');
    await page.getByLabel('Email').fill(e2eAccounts.editor.email);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('main').getByRole('alert')).toHaveText('Wrong email or password.');
    await expect(page.getByLabel('Email')).toHaveValue(e2eAccounts.editor.email);
    await expect(page.getByLabel('Password')).toHaveValue('');

    await page.getByLabel('Email').fill('nobody-here@example.org');
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('main').getByRole('alert')).toHaveText('Wrong email or password.');
  });

  test('an empty or malformed sign-in is refused beside the fields', async ({ page }) => {
    await page.goto('/login');
    await page.getByLabel('Email').fill('not-an-email');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(
      page.getByText('Enter a valid email address, like name@example.org.'),
    ).toBeVisible();
    await expect(page.getByText('Enter your password.')).toBeVisible();
    await expect(page.getByLabel('Email')).toHaveValue('not-an-email');
  });

  test('repeated failures are throttled and the person is told when to retry', async ({
    page,
    request,
  }) => {
    const email = uniqueEmail('throttled');
    await page.goto('/login');
    for (let attempt = 1; attempt <= 5; attempt++) {
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill(`wrong-password-${attempt}`);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.getByRole('main').getByRole('alert')).toHaveText(
        'Wrong email or password.',
      );
      // The message is the same each time; wait for the form to be ready again.
      await expect(page.getByRole('button', { name: 'Sign in' })).toBeEnabled();
    }
    await page.getByLabel('Password').fill('wrong-password-6');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('main').getByRole('alert')).toHaveText(
      'Too many failed sign-in attempts. Try again in 15 minutes.',
    );
    // The throttle holds for Auth.js's own endpoint too, not only for the form.
    const csrf = await (await request.get('/api/auth/csrf')).json();
    const response = await request.post('/api/auth/callback/credentials', {
      form: { email, password: 'anything-at-all', csrfToken: csrf.csrfToken },
      maxRedirects: 0,
    });
    expect(response.headers().location).toContain('code=throttled');
  });

  test('a reader opening the newsroom is sent to sign in and back', async ({ page }) => {
    await page.goto('/desk/account');
    await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fdesk%2Faccount$/);
    await signIn(page, e2eAccounts.reviewer.email);
    await expect(page).toHaveURL(/\/desk\/account$/);
    await expect(page.getByRole('heading', { name: 'Your account' })).toBeVisible();
  });

  test('the sign-in page ignores a return address on another site', async ({ page }) => {
    await page.goto('/login?callbackUrl=https://evil.example/');
    await signIn(page, e2eAccounts.editor.email);
    await expect(page).toHaveURL(/\/desk$/);
  });

  test('the sign-in page is accessible and runs under a nonce-based CSP', async ({ page }) => {
    const violations: string[] = [];
    page.on('console', (message) => {
      if (message.text().includes('Content Security Policy')) violations.push(message.text());
    });
    const response = await page.goto('/login');
    expect(response?.headers()['content-security-policy']).toMatch(
      /script-src 'self' 'nonce-[^']+' 'strict-dynamic'/,
    );
    await expectNoAxeViolations(page);
    await signIn(page, e2eAccounts.editor.email);
    await expect(page.getByRole('banner')).toContainText('Eli Editor');
    expect(violations).toEqual([]);
  });
});
