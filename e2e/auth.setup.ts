import { type E2eRole, e2eAccounts } from './accounts';
import { signIn, storedSignInPath, test } from './fixtures';

/**
 * Each e2e account signs in once, through the real login form, and the browser state (its
 * session cookie) is saved for signedInPage. No test may end these sessions: tests that sign
 * out, change a password or sign out everywhere do it in sessions of their own.
 */
for (const role of Object.keys(e2eAccounts) as E2eRole[]) {
  test(`the ${role} signs in once for the other tests`, async ({ page }) => {
    await signIn(page, e2eAccounts[role].email);
    await page.context().storageState({ path: storedSignInPath(role) });
  });
}
