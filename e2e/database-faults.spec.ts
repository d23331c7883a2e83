import postgres from 'postgres';
import { e2eAccounts } from './accounts';
import { editor, openEmptyBrief, saveStatus } from './editor-fixtures';
import { expect, signedInPage, signIn, test } from './fixtures';

/**
 * The database stops accepting writes (maintenance, a failover to a standby) and comes back.
 * Nothing typed is lost, people are told why, they can still sign in, and saving resumes by
 * itself. The server's pooled connections are ended so that they reconnect read-only, as they
 * would after a failover.
 */
const url = process.env.E2E_DATABASE_URL ?? '';
const databaseName = new URL(url).pathname.slice(1);
const database = postgres(url, { max: 1, onnotice: () => {} });

async function setReadOnly(readOnly: boolean): Promise<void> {
  await database.unsafe(
    readOnly
      ? `alter database "${databaseName}" set default_transaction_read_only = on`
      : `alter database "${databaseName}" reset default_transaction_read_only`,
  );
  await database`
    select pg_terminate_backend(pid) from pg_stat_activity
    where datname = ${databaseName} and application_name = 'factdesk'`;
}

test.afterAll(async () => {
  await setReadOnly(false);
  await database.end({ timeout: 5 });
});

test('while the database is read-only the editor says so and keeps the text, sign-in works, and saving resumes by itself', async ({
  browser,
}) => {
  test.slow();
  const page = await signedInPage(browser, 'editor');
  const id = await openEmptyBrief(page, 'editor');
  await editor(page, 'Body').click();
  await page.keyboard.type('Written before.');
  await expect(saveStatus(page)).toHaveText('Saved', { timeout: 15_000 });

  await setReadOnly(true);
  try {
    await page.keyboard.type(' Written while the database was read-only.');
    await expect(page.locator('.save-detail')).toHaveText(
      /^The database (accepts no changes right now \(it is read-only\)|is unavailable right now)\. Your changes are kept on this device and will be saved when it is back\.$/,
      { timeout: 15_000 },
    );
    await expect(saveStatus(page)).toHaveText('Not saved');

    // Someone signs in meanwhile (the sign-in throttle cannot write either).
    const reviewer = await (await browser.newContext()).newPage();
    await signIn(reviewer, e2eAccounts.reviewer.email);
    await reviewer.goto(`/desk/briefs/${id}`);
    await expect(editor(reviewer, 'Body')).toContainText('Written before.');
  } finally {
    await setReadOnly(false);
  }

  // The editor retries on its own; the server's pool gets writable connections by itself.
  await expect(saveStatus(page)).toHaveText('Saved', { timeout: 45_000 });
  const reopened = await page.context().newPage();
  await reopened.goto(`/desk/briefs/${id}`);
  await expect(editor(reopened, 'Body')).toContainText(
    'Written before. Written while the database was read-only.',
  );
});
