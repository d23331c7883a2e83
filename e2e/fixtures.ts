import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, test as base, expect, type Page } from '@playwright/test';
import { E2E_PASSWORD, type E2eRole } from './accounts';

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

/** Where auth.setup.ts keeps the browser state of an e2e account's one sign-in. */
export function storedSignInPath(role: E2eRole): string {
  return path.join(__dirname, '..', 'test-results', '.auth', `${role}.json`);
}

/**
 * A new browser context (its own cookies, no page open yet) signed in as one of the e2e
 * accounts, in the session auth.setup.ts started: never sign it out. The app asks its questions
 * in its own dialogs (answer them with confirmDialog), never the browser's.
 */
export async function signedInPage(browser: Browser, role: E2eRole): Promise<Page> {
  const context = await browser.newContext({ storageState: storedSignInPath(role) });
  return context.newPage();
}

/**
 * Answers the app's open confirmation (an alert dialog) with its confirm button, as someone who
 * meant the click would, and waits for it to close.
 */
export async function confirmDialog(page: Page, confirmLabel: string): Promise<void> {
  const dialog = page.getByRole('alertdialog');
  await dialog.getByRole('button', { name: confirmLabel, exact: true }).click();
  await expect(dialog).toBeHidden();
}

/** A new browser context signed in through the login form: a session of its own, to end at will. */
export async function freshSignIn(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, email);
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
  // The process id too: tests run in several worker processes at once.
  return `${label}-${Date.now().toString(36)}-${process.pid}-${counter}@example.org`;
}
