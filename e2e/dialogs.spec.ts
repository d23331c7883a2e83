import type { Page } from '@playwright/test';
import { addedPerson, completeDocument, draftBrief, publishedBrief } from './data';
import { editor, panel } from './editor-fixtures';
import {
  confirmDialog,
  expect,
  expectNoAxeViolations,
  signedInPage,
  test,
  uniqueEmail,
} from './fixtures';

/**
 * The app's own dialogs, which replace the browser's confirm and prompt: each is named, says
 * what it asks, takes the focus, keeps it while open, gives it back to what opened it when it
 * closes, and does nothing when cancelled with Escape.
 */

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`) });
}

/** Tab goes round the dialog's controls and never leaves it. */
async function expectFocusTrapped(page: Page, dialogName: string): Promise<void> {
  const dialog = page.getByRole('alertdialog', { name: dialogName });
  const cancel = dialog.getByRole('button', { name: 'Cancel' });
  await expect(cancel).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(cancel).not.toBeFocused();
  await expect(dialog.locator(':focus')).toHaveCount(1);
  await page.keyboard.press('Tab');
  await expect(cancel).toBeFocused();
}

test('Restore asks first: Escape cancels and gives the focus back to the button', async ({
  browser,
}) => {
  const { id } = await draftBrief('editor', completeDocument(`Restore dialog ${Date.now()}`));
  const page = await signedInPage(browser, 'editor');
  await page.goto(`/desk/briefs/${id}/history`);
  const restore = page.getByRole('button', { name: 'Restore version 1' });
  await restore.click();
  const dialog = page.getByRole('alertdialog', { name: 'Restore version 1' });
  await expect(dialog).toHaveAccessibleDescription(
    'Restore version 1? It becomes a new version on top; nothing is deleted.',
  );
  await expectFocusTrapped(page, 'Restore version 1');
  await expectNoAxeViolations(page);
  await screenshot(page, 'restore');

  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(restore).toBeFocused();
  await expect(page).toHaveURL(new RegExp(`/desk/briefs/${id}/history$`));
  await expect(page.getByRole('row', { name: 'Version 3' })).toHaveCount(0);

  await restore.click();
  await confirmDialog(page, 'Restore');
  await expect(page).toHaveURL(new RegExp(`/desk/briefs/${id}\\?restored=3$`));
});

test('Unpublish asks first: Escape cancels, the page stays public, the focus returns', async ({
  browser,
}) => {
  const { id, path } = await publishedBrief(`Unpublish dialog ${Date.now()}`);
  const admin = await signedInPage(browser, 'admin');
  await admin.goto(`/desk/briefs/${id}`);
  await admin.getByLabel('Reason (audit log)').fill('Legal review');
  const unpublish = admin.getByRole('button', { name: 'Unpublish' });
  await unpublish.click();
  const dialog = admin.getByRole('alertdialog', { name: 'Unpublish brief' });
  await expect(dialog).toHaveAccessibleDescription(
    'Unpublish this brief? Its public page will answer 410 Gone.',
  );
  await expectFocusTrapped(admin, 'Unpublish brief');
  await expectNoAxeViolations(admin);
  await screenshot(admin, 'unpublish');

  await admin.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(unpublish).toBeFocused();
  await expect(panel(admin)).not.toContainText('Unpublished: the public page answers 410.');
  expect((await admin.request.get(path)).status()).toBe(200);
});

test('Disable asks first: Escape cancels, the person stays active, the focus returns', async ({
  browser,
}) => {
  const admin = await signedInPage(browser, 'admin');
  const email = uniqueEmail('dialog');
  await addedPerson({ name: 'Dana Dialog', email });
  await admin.goto('/desk/users');

  const row = admin
    .getByRole('region', { name: /^People/ })
    .getByRole('row', { name: new RegExp(email.replace(/[.]/g, '\\.')) });
  const disable = row.getByRole('button', { name: 'Disable' });
  // Opened from the keyboard, as well as by a click.
  await disable.focus();
  await admin.keyboard.press('Enter');
  const dialog = admin.getByRole('alertdialog', { name: 'Disable user' });
  await expect(dialog).toHaveAccessibleDescription(
    'Disable Dana Dialog? They are signed out at once.',
  );
  await expectFocusTrapped(admin, 'Disable user');
  await expectNoAxeViolations(admin);
  await screenshot(admin, 'disable');

  await admin.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(disable).toBeFocused();
  await admin.reload();
  await expect(row).toContainText('Active');
});

test('the link dialog refuses javascript: in the dialog, keeps what was typed, and gives the selection back', async ({
  browser,
}) => {
  const { id } = await draftBrief('editor', completeDocument(`Link dialog ${Date.now()}`));
  const page = await signedInPage(browser, 'editor');
  await page.goto(`/desk/briefs/${id}`);
  const body = editor(page, 'Body');
  await body.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(' Linked words');
  for (let i = 0; i < 'words'.length; i += 1) await page.keyboard.press('Shift+ArrowLeft');
  const linkButton = page
    .getByRole('toolbar', { name: 'Body formatting' })
    .getByRole('button', { name: 'Link' });

  await linkButton.click();
  const dialog = page.getByRole('dialog', { name: 'Add link' });
  await expect(dialog).toHaveAccessibleDescription('The selected text links to this address.');
  const address = dialog.getByLabel('Link address');
  await expect(address).toBeFocused();
  await page.keyboard.type('javascript:alert(1)');
  await page.keyboard.press('Enter');
  const error = dialog.getByRole('alert');
  await expect(error).toHaveText(
    'Not a link target: “javascript:alert(1)”. Links must start with http://, https:// or mailto:.',
  );
  await expect(address).toHaveAttribute('aria-invalid', 'true');
  await expect(address).toHaveAccessibleDescription(/Links must start with/);
  await expect(address).toHaveValue('javascript:alert(1)');
  await expect(address).toBeFocused();
  await expectNoAxeViolations(page);
  await screenshot(page, 'link-refused');

  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(body).toBeFocused();
  expect(await page.evaluate(() => window.getSelection()?.toString())).toBe('words');
  await expect(body.locator('a')).toHaveCount(0);

  await linkButton.click();
  await expect(address).toHaveValue('');
  await page.keyboard.type('https://example.org');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(body.locator('a[href="https://example.org/"]')).toHaveText('words');
  await expect(body).toBeFocused();
});

test('the pinpoint dialog edits the selected citation and gives the focus back to it', async ({
  browser,
}) => {
  const { id } = await draftBrief('editor', completeDocument(`Pinpoint dialog ${Date.now()}`));
  const page = await signedInPage(browser, 'editor');
  await page.goto(`/desk/briefs/${id}`);
  const body = editor(page, 'Body');
  await body.locator('.citation').click();
  const info = page.locator('.citation-info');
  await expect(info).toContainText('Treaty text');

  await page.getByRole('button', { name: 'Set pinpoint' }).click();
  const dialog = page.getByRole('dialog', { name: 'Set pinpoint' });
  const pinpoint = dialog.getByLabel('Pinpoint');
  await expect(pinpoint).toBeFocused();
  await page.keyboard.type('§3');
  await expectNoAxeViolations(page);
  await screenshot(page, 'pinpoint');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(body).toBeFocused();
  // Still selected, and unchanged.
  await expect(info).not.toContainText('§3');

  await page.getByRole('button', { name: 'Set pinpoint' }).click();
  await expect(pinpoint).toHaveValue('');
  await page.keyboard.type('p. 12');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(info).toContainText('Source [2, p. 12]: Treaty text — Example Press');
  await expect(body.locator('.citation')).toHaveText('[2, p. 12]');
  await expect(body).toBeFocused();
});

test('deleting a source asks first: Escape keeps it and gives the focus back, Delete moves it to the list', async ({
  browser,
}) => {
  const { id } = await draftBrief('editor', completeDocument(`Delete dialog ${Date.now()}`));
  const page = await signedInPage(browser, 'editor');
  await page.goto(`/desk/briefs/${id}`);
  const remove = page.getByRole('button', { name: 'Delete Treaty text' });
  await remove.click();
  const dialog = page.getByRole('alertdialog', { name: 'Delete source' });
  await expect(dialog).toHaveAccessibleDescription(
    '“Treaty text” is cited 1 time (Body). Delete it anyway? Those citations will show as [?] until you fix them.',
  );
  await expectFocusTrapped(page, 'Delete source');
  await expectNoAxeViolations(page);
  await screenshot(page, 'delete-source');

  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(remove).toBeFocused();
  await expect(page.locator('.source-title', { hasText: 'Treaty text' })).toBeVisible();

  // Confirmed, the source and its button go: the focus moves to the list's heading.
  await remove.click();
  await dialog.getByRole('button', { name: 'Delete' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.locator('.source-title', { hasText: 'Treaty text' })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: /^Sources/ })).toBeFocused();
});
