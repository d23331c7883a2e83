import { editor, openEmptyBrief } from './editor-fixtures';
import { expect, expectNoAxeViolations, signedInPage, test } from './fixtures';

/**
 * The keyboard shortcut sheet: `?` outside text fields and Ctrl/⌘+/ anywhere open it, the
 * header's "Keyboard shortcuts" button too; Escape closes it and gives the focus back.
 */

test('? opens the shortcut sheet on the dashboard; Escape closes it, the focus returns', async ({
  browser,
}) => {
  const page = await signedInPage(browser, 'editor');
  await page.goto('/desk');
  const dashboard = page.getByRole('navigation', { name: 'Newsroom' }).getByRole('link', {
    name: 'Dashboard',
  });
  await dashboard.focus();
  await page.keyboard.press('?');

  const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(sheet).toBeVisible();
  // Chromium on Linux: Ctrl, not ⌘.
  const editorKeys = sheet.getByRole('region', { name: 'Brief editor' });
  await expect(editorKeys.getByRole('term').first()).toHaveText('Ctrl+S');
  await expect(editorKeys.getByRole('definition').first()).toHaveText('Save version');
  await expect(editorKeys).toContainText('Ctrl+Shift+KInsert citation at the cursor');
  await expect(sheet.getByRole('region', { name: 'Formatting' })).toContainText('Ctrl+BBold');
  await expect(sheet.getByRole('region', { name: 'Comments and suggestions' })).toContainText(
    'Ctrl+Alt+MComment on the selected text',
  );
  await expect(sheet.getByRole('region', { name: 'Newsroom' })).toContainText(
    '? or Ctrl+/Show these keyboard shortcuts',
  );
  await expectNoAxeViolations(page);
  await page.screenshot({ path: test.info().outputPath('shortcut-sheet.png') });

  await page.keyboard.press('Escape');
  await expect(sheet).toBeHidden();
  await expect(dashboard).toBeFocused();

  // Without knowing a key: the header's button, and the sheet's own Close.
  const button = page.getByRole('button', { name: 'Keyboard shortcuts' });
  await expect(button).toHaveAttribute('aria-keyshortcuts', 'Shift+? Control+/ Meta+/');
  await button.click();
  await expect(sheet).toBeVisible();
  await sheet.getByRole('button', { name: 'Close' }).click();
  await expect(sheet).toBeHidden();
  await expect(button).toBeFocused();
});

test('Control+/ opens the sheet from inside the editor, where ? is a question mark', async ({
  browser,
}) => {
  const page = await signedInPage(browser, 'editor');
  await openEmptyBrief(page, 'editor');
  const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });

  const body = editor(page, 'Body');
  await body.click();
  await page.keyboard.type('Is it true');
  await page.keyboard.press('Control+/');
  await expect(sheet).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('shortcut-sheet-editor.png') });
  await page.keyboard.press('Escape');
  await expect(sheet).toBeHidden();
  await expect(body).toBeFocused();

  // Back where it was: the caret too, so typing goes on after the words.
  await page.keyboard.type('?');
  await expect(body).toHaveText('Is it true?');
  await expect(sheet).toHaveCount(0);

  const question = page.getByLabel('Question', { exact: true });
  await question.fill('Did it happen');
  await question.press('?');
  await expect(question).toHaveValue('Did it happen?');
  await expect(sheet).toHaveCount(0);

  // The toolbar says what the keys are.
  await expect(
    page
      .getByRole('toolbar', { name: 'Body formatting' })
      .getByRole('button', { name: 'Insert citation' }),
  ).toHaveAttribute('aria-keyshortcuts', 'Control+Shift+K');
});
