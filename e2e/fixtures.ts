import AxeBuilder from '@axe-core/playwright';
import { type Browser, test as base, expect, type Page } from '@playwright/test';
import { E2E_PASSWORD, type E2eRole, e2eAccounts } from './accounts';

/**
 * Playwright's `test`, closing at its end every browser context the test opened itself (second
 * people, other devices): left open, their editor pages keep autosaving and polling presence in
 * the one shared browser, and every later test gets slower.
 */
export { expect };

export const test = base.extend<{ closeOpenedContexts: undefined }>({
  closeOpenedContexts: [
    async ({ browser, context }, use) => {
      await use(undefined);
      await Promise.all(
        browser
          .contexts()
          .filter((opened) => opened !== context)
          .map((opened) => opened.close()),
      );
    },
    { auto: true },
  ],
});

/** Signs in through the real login form and waits for the page it leads to. */
export async function signIn(page: Page, email: string, password = E2E_PASSWORD): Promise<void> {
  if (!page.url().includes('/login')) await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

/**
 * A new browser context (its own cookies) signed in as one of the e2e accounts. It answers yes
 * to confirmation dialogs, as someone who meant the click would.
 */
export async function signedInPage(browser: Browser, role: E2eRole): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('dialog', (dialog) => void dialog.accept());
  await signIn(page, e2eAccounts[role].email);
  return page;
}

export async function expectNoAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
}

let counter = 0;
/** An email address no other test uses. */
export function uniqueEmail(label: string): string {
  counter += 1;
  return `${label}-${Date.now().toString(36)}-${counter}@example.org`;
}
