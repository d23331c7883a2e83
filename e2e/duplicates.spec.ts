import { randomInt } from 'node:crypto';
import { completeDocument, draftBrief } from './data';
import { openEmptyBrief } from './editor-fixtures';
import { expect, expectNoAxeViolations, signedInPage, test } from './fixtures';

/** A question no other test asks: its town is this test's own. */
const town = () => `Ashbury-${randomInt(1e6)}`;

test('a question already asked is flagged under the field as it is typed, with a link', async ({
  browser,
}) => {
  const question = `Did the council of ${town()} ban bicycles on Sundays?`;
  const original = await draftBrief('reviewer', completeDocument(question));
  const page = await signedInPage(browser, 'editor');
  await openEmptyBrief(page, 'editor');
  const field = page.getByLabel('Question', { exact: true });
  const notice = page.locator('#question-duplicates');

  // Too short to compare: nothing is said.
  await field.pressSequentially('Did the');
  await expect(field).toHaveValue('Did the');
  await expect(notice).toBeEmpty();

  // The same question in other words' case, spacing and punctuation.
  await field.fill('');
  await field.pressSequentially(question.toUpperCase().replace('?', '').replace(' ', '   '));
  await expect(notice).toContainText('Another brief asks the same question:');
  await expect(notice).toHaveAttribute('aria-live', 'polite');
  const link = notice.getByRole('link', { name: question });
  await expect(link).toHaveAttribute('href', `/desk/briefs/${original.id}`);
  await expect(notice.getByRole('listitem')).toHaveText(`${question} (Draft)`);
  // The notice takes nothing from the person typing.
  await expect(field).toBeFocused();
  await expectNoAxeViolations(page);

  // One word changed: similar, not the same.
  await field.fill(question.replace('bicycles', 'scooters'));
  await expect(notice).toContainText('A similar question exists:');
  await expect(notice).not.toContainText('Another brief asks the same question:');
  await expect(notice.getByRole('link', { name: question })).toBeVisible();

  // Emptied: nothing again.
  await field.fill('');
  await expect(notice).toBeEmpty();

  await field.fill(question);
  await notice.getByRole('link', { name: question }).click();
  await expect(page).toHaveURL(new RegExp(`/desk/briefs/${original.id}$`));
  await expect(page.getByLabel('Question', { exact: true })).toHaveValue(question);
});

test('importing a brief whose question is already asked says so, in the preview and after', async ({
  browser,
}) => {
  const question = `Have ferry tickets to ${town()} tripled in price since 2019?`;
  const original = await draftBrief('editor', completeDocument(question));
  const page = await signedInPage(browser, 'editor');
  await page.goto('/desk/import');
  await page
    .getByLabel('Brief text')
    .fill(`Fact check: ${question.toLowerCase()}\n\nExecutive summary\n\nNo [1].\n`);
  await page.getByRole('button', { name: 'Preview import' }).click();
  const warning = page.getByRole('region', { name: 'This question may already be answered' });
  await expect(warning).toContainText('Another brief asks the same question:');
  await expect(warning.getByRole('link', { name: question })).toHaveAttribute(
    'href',
    `/desk/briefs/${original.id}`,
  );
  await expectNoAxeViolations(page);

  await page.getByRole('button', { name: 'Create draft' }).click();
  await expect(page).toHaveURL(/\/desk\/briefs\/[0-9a-f-]{36}$/);
  const notice = page.locator('#question-duplicates');
  await expect(notice).toContainText('Another brief asks the same question:');
  await notice.getByRole('link', { name: question }).click();
  await expect(page).toHaveURL(new RegExp(`/desk/briefs/${original.id}$`));
});
