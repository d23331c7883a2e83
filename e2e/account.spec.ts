import type { Browser } from '@playwright/test';
import { E2E_PASSWORD } from './accounts';
import { addedPerson } from './data';
import {
  expect,
  expectNoAxeViolations,
  freshSignIn,
  signedInPage,
  signIn,
  test,
  uniqueEmail,
} from './fixtures';

/** The admin adds a person, who then signs in on two devices (browser contexts of their own). */
async function newPersonOnTwoDevices(browser: Browser, name: string, label: string) {
  const email = uniqueEmail(label);
  await addedPerson({ name, email });
  const page = await freshSignIn(browser, email);
  const otherDevice = await freshSignIn(browser, email);
  return { email, page, otherDevice };
}

test('everyone can change their own password; it signs them out everywhere', async ({
  browser,
}) => {
  const { email, page, otherDevice } = await newPersonOnTwoDevices(
    browser,
    'Sam Self',
    'self-service',
  );

  await page.goto('/desk/account');
  await expectNoAxeViolations(page);
  await page.getByLabel('Current password').fill('not-my-password');
  await page.getByLabel('New password', { exact: true }).fill('my-brand-new-password');
  await page.getByLabel('Confirm new password').fill('my-brand-new-password');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByText('This is not your current password.')).toBeVisible();

  await page.getByLabel('Current password').fill(E2E_PASSWORD);
  await page.getByLabel('New password', { exact: true }).fill('my-brand-new-password');
  await page.getByLabel('Confirm new password').fill('my-other-new-password');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByText('The two new passwords differ.')).toBeVisible();

  await page.getByLabel('Current password').fill(E2E_PASSWORD);
  await page.getByLabel('New password', { exact: true }).fill('my-brand-new-password');
  await page.getByLabel('Confirm new password').fill('my-brand-new-password');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page).toHaveURL(/\/login\?notice=password-changed/);
  await expect(page.getByRole('status')).toHaveText(
    'Your password was changed. Sign in with the new one.',
  );

  await otherDevice.goto('/desk');
  await expect(otherDevice).toHaveURL(/\/login/);
  await signIn(page, email, 'my-brand-new-password');
  await expect(page.getByRole('banner')).toContainText('Sam Self');
});

test('Sign out everywhere ends every session of that person, copied cookies included', async ({
  browser,
}) => {
  const { email, page, otherDevice } = await newPersonOnTwoDevices(
    browser,
    'Eve Everywhere',
    'everywhere',
  );
  const cookies = await page.context().cookies();

  await page.goto('/desk/account');
  await page.getByRole('button', { name: 'Sign out everywhere', exact: true }).click();
  await expect(page).toHaveURL(/\/login\?notice=signed-out-everywhere/);
  await expect(page.getByRole('status')).toHaveText('You are signed out on every device.');

  await otherDevice.goto('/desk');
  await expect(otherDevice).toHaveURL(/\/login/);
  const copy = await (await browser.newContext()).newPage();
  await copy.context().addCookies(cookies);
  await copy.goto('/desk');
  await expect(copy).toHaveURL(/\/login/);

  await signIn(page, email);
  await expect(page.getByRole('banner')).toContainText('Eve Everywhere');
  const admin = await signedInPage(browser, 'admin');
  await admin.goto('/desk/users');
  await expect(
    admin
      .getByRole('region', { name: 'Account activity' })
      .getByRole('row', { name: /Signed out everywhere/ }),
  ).toContainText(`Eve Everywhere (${email})`);
});

test('the dashboard is accessible', async ({ browser }) => {
  const page = await signedInPage(browser, 'editor');
  await page.goto('/desk');
  await expectNoAxeViolations(page);
});
