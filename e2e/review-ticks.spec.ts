import type { Page } from '@playwright/test';
import { appendToBody, briefInReview, submit } from './data';
import { expect, expectNoAxeViolations, signedInPage, test } from './fixtures';

/** Ticks (or unticks) a box and waits until the server has saved it. */
async function tick(page: Page, name: string, on = true) {
  const saved = page.waitForResponse((r) => r.url().includes('/review-ticks') && r.ok());
  await page.getByRole('checkbox', { name }).setChecked(on);
  await saved;
}

test('ticks last: a reload keeps them, and a resubmitted brief starts from the last review', async ({
  browser,
}) => {
  const { id, version } = await briefInReview(`Do ticks last? ${Date.now()}`);
  const reviewer = await signedInPage(browser, 'reviewer');
  await reviewer.goto(`/desk/briefs/${id}/review`);
  const changes = reviewer.getByRole('region', { name: 'Changes since the last review' });
  await expect(changes).toContainText('This brief has not been reviewed before');

  await tick(reviewer, 'Verified [1]');
  await reviewer.reload();
  await expect(reviewer.getByRole('checkbox', { name: 'Verified [1]' })).toBeChecked();
  await expect(reviewer.getByRole('checkbox', { name: 'Verified [2]' })).not.toBeChecked();
  await tick(reviewer, 'Verified [2]');

  await reviewer.getByLabel('Comment').fill('Say which treaty article.');
  await reviewer.getByRole('button', { name: 'Request changes' }).click();
  await expect(reviewer).toHaveURL(new RegExp(`/desk\\?reviewed=${id}&outcome=changes_requested$`));

  // The editor changes the sentence citing the treaty [2]; the memo [1] is untouched.
  await appendToBody(id, 'Article 5 is silent too.');
  await submit(id);

  await reviewer.goto(`/desk/briefs/${id}/review`);
  await expect(changes).toContainText(`From version ${version}, which Rae Reviewer sent back`);
  await expect(changes.locator('ins')).toContainText('Article 5 is silent too.');
  const memo = reviewer.getByRole('checkbox', { name: 'Verified [1]' });
  const treaty = reviewer.getByRole('checkbox', { name: 'Verified [2]' });
  await expect(memo).toBeChecked();
  await expect(reviewer.locator('.source-item').first()).toContainText(
    `Carried over from version ${version} (Rae Reviewer,`,
  );
  await expect(treaty).not.toBeChecked();
  await expectNoAxeViolations(reviewer);

  // The reviewer may untick a carried-over source; it stays unticked.
  await tick(reviewer, 'Verified [1]', false);
  await expect(reviewer.getByText(/Carried over from version/)).toHaveCount(0);
  await reviewer.reload();
  await expect(memo).not.toBeChecked();
});

test('a tick that cannot be saved says so and puts the box back', async ({ browser }) => {
  const { id } = await briefInReview(`A tick not saved ${Date.now()}`);
  const reviewer = await signedInPage(browser, 'reviewer');
  await reviewer.goto(`/desk/briefs/${id}/review`);
  await reviewer.route('**/review-ticks', (route) =>
    route.fulfill({
      status: 503,
      contentType: 'application/json',
      body: JSON.stringify({ error: 'The database is not answering.' }),
    }),
  );
  await reviewer.getByRole('checkbox', { name: 'Verified [1]' }).click();
  await expect(reviewer.getByRole('alert').filter({ hasText: '[1] was not saved' })).toHaveText(
    '[1] was not saved: The database is not answering.',
  );
  await expect(reviewer.getByRole('checkbox', { name: 'Verified [1]' })).not.toBeChecked();
});
