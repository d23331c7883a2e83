import { createBrief, saveBrief } from '@/lib/briefs/mutations';
import { actor, briefInReview, completeDocument, draftBrief, publishedBrief } from './data';
import { panel } from './editor-fixtures';
import { expect, expectNoAxeViolations, signedInPage, test } from './fixtures';

/** A word no other test's brief holds, so that a search finds this test's briefs only. */
const uniqueWord = () => `zq${Date.now().toString(36)}${Math.floor(Math.random() * 1e6)}`;

const rows = (page: import('@playwright/test').Page) =>
  page
    .getByRole('table')
    .getByRole('row')
    .filter({ has: page.getByRole('cell') });

test('the briefs list: tabs, search, filters, sorting and pages, all kept in the address', async ({
  browser,
}) => {
  const word = uniqueWord();
  await draftBrief('editor', completeDocument(`Does ${word} lichen grow on stones?`));
  await briefInReview(`Are ${word} tides rising along the coast?`);
  await publishedBrief(`Is ${word} bread older than beer?`);

  const reviewer = await signedInPage(browser, 'reviewer');
  await reviewer.goto('/desk');
  await reviewer
    .getByRole('navigation', { name: 'Newsroom' })
    .getByRole('link', { name: 'Briefs' })
    .click();
  await expect(reviewer.getByRole('heading', { level: 1, name: 'Briefs' })).toBeVisible();
  await expect(reviewer.getByRole('tab', { name: 'All', exact: true })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await expectNoAxeViolations(reviewer);

  await reviewer.getByLabel('Search briefs').fill(word);
  await reviewer.getByLabel('Search briefs').press('Enter');
  await expect(reviewer).toHaveURL(new RegExp(`/desk/briefs\\?q=${word}$`));
  await expect(rows(reviewer)).toHaveCount(3);

  // A tab keeps the search; the table says where each stands, with the time of the last change.
  await reviewer.getByRole('tab', { name: 'In review', exact: true }).click();
  await expect(reviewer).toHaveURL(new RegExp(`tab=in_review&q=${word}$`));
  await expect(rows(reviewer)).toHaveCount(1);
  await expect(rows(reviewer).first()).toContainText('In review');
  await expect(rows(reviewer).first()).toContainText('Not published');
  await expect(rows(reviewer).first()).toContainText('Eli Editor');
  await expect(rows(reviewer).first().locator('time')).toHaveText(/, \d{1,2}:\d{2} [AP]M$/);
  await reviewer.getByRole('tab', { name: 'Published', exact: true }).click();
  await expect(rows(reviewer)).toHaveCount(1);
  await expect(rows(reviewer).first()).toContainText(`Is ${word} bread older than beer?`);
  await expect(rows(reviewer).first()).toContainText('Published');

  // The arrow keys move between tabs.
  await reviewer.getByRole('tab', { name: 'Published', exact: true }).focus();
  await reviewer.keyboard.press('ArrowRight');
  await expect(reviewer.getByRole('tab', { name: 'Needs re-check', exact: true })).toBeFocused();

  // Sorting by question, both ways; the address holds it, so another person sees the same view.
  await reviewer.getByRole('tab', { name: 'All', exact: true }).click();
  // The three briefs, before sorting: the sort link of the tab left behind would keep it.
  await expect(rows(reviewer)).toHaveCount(3);
  await reviewer.getByRole('columnheader', { name: 'Question' }).getByRole('link').click();
  await expect(reviewer.getByRole('columnheader', { name: 'Question' })).toHaveAttribute(
    'aria-sort',
    'ascending',
  );
  await expect(rows(reviewer).nth(0)).toContainText('Are ');
  await expect(rows(reviewer).nth(2)).toContainText('Is ');
  await reviewer.getByRole('columnheader', { name: 'Question' }).getByRole('link').click();
  await expect(reviewer.getByRole('columnheader', { name: 'Question' })).toHaveAttribute(
    'aria-sort',
    'descending',
  );
  await expect(rows(reviewer).nth(0)).toContainText('Is ');
  const shared = reviewer.url();
  const editor = await signedInPage(browser, 'editor');
  await editor.goto(shared);
  await expect(editor.getByLabel('Search briefs')).toHaveValue(word);
  await expect(rows(editor).nth(0)).toContainText('Is ');
  await expect(rows(editor)).toHaveCount(3);

  // Filters: by author, and by reviewer (whoever reviewed it, or the one assigned).
  await editor.getByLabel('Author').selectOption({ label: 'Rae Reviewer' });
  await editor.getByRole('button', { name: 'Search' }).click();
  await expect(editor.getByText(/No brief in “All” matches/)).toBeVisible();
  await editor.getByLabel('Author').selectOption({ label: 'Eli Editor' });
  await editor.getByLabel('Reviewer').selectOption({ label: 'Rae Reviewer' });
  await editor.getByRole('button', { name: 'Search' }).click();
  await expect(rows(editor)).toHaveCount(1);
  await expect(rows(editor).first()).toContainText('bread');
  await editor.getByRole('link', { name: 'Clear' }).click();
  await expect(editor).toHaveURL(/\/desk\/briefs\?sort=question&dir=desc$/);

  // A filter by nobody of the newsroom (an old or mistyped link) is dropped from the address.
  await editor.goto(`/desk/briefs?q=${word}&author=${crypto.randomUUID()}`);
  await expect(editor).toHaveURL(new RegExp(`/desk/briefs\\?q=${word}$`));
  await expect(editor.getByLabel('Author')).toHaveValue('');

  // The search matches words of the text, not only of the question.
  await editor.getByLabel('Search briefs').fill(`${word} treaty`);
  await editor.getByRole('button', { name: 'Search' }).click();
  await expect(rows(editor)).toHaveCount(3);
});

test('the briefs list pages through a long list, forward and back', async ({ browser }) => {
  const word = uniqueWord();
  const writer = await actor('editor');
  for (let n = 0; n < 53; n++) {
    const { id } = await createBrief(writer);
    await saveBrief(writer, id, {
      baseRevision: 1,
      kind: 'save',
      document: completeDocument(`Is ${word} claim ${String(n).padStart(2, '0')} true?`),
    });
  }
  const page = await signedInPage(browser, 'editor');
  await page.goto(`/desk/briefs?q=${word}&sort=question`);
  await expect(rows(page)).toHaveCount(50);
  await expect(rows(page).first()).toContainText('claim 00');
  await expect(page.getByRole('link', { name: 'Previous page' })).toHaveCount(0);
  await page.getByRole('link', { name: 'Next page' }).click();
  await expect(rows(page)).toHaveCount(3);
  await expect(rows(page).first()).toContainText('claim 50');
  await expect(page.getByRole('link', { name: 'Next page' })).toHaveCount(0);
  await page.getByRole('link', { name: 'Previous page' }).click();
  await expect(rows(page)).toHaveCount(50);
  await expect(rows(page).last()).toContainText('claim 49');
  await expect(page.getByRole('tab', { name: 'All', exact: true })).toHaveAttribute(
    'aria-selected',
    'true',
  );
});

test('assigning a reviewer offers only those allowed, tells them, and puts it first in their queue', async ({
  browser,
}) => {
  const word = uniqueWord();
  const question = `Did ${word} sailors fear the doldrums?`;
  const { id } = await briefInReview(question);
  // A brief the reviewer wrote: their queue does not offer to review it, and says why.
  await briefInReview(`Did ${word} reviewers write this one?`, 'reviewer');

  const admin = await signedInPage(browser, 'admin');
  await admin.goto(`/desk/briefs/${id}`);
  const reviewerField = panel(admin).getByLabel('Reviewer');
  await expect(reviewerField.getByRole('option', { name: 'Rae Reviewer' })).toHaveCount(1);
  await expect(reviewerField.getByRole('option', { name: 'Eli Editor' })).toHaveCount(0);
  await reviewerField.selectOption({ label: 'Rae Reviewer' });
  await panel(admin).getByRole('button', { name: 'Assign reviewer' }).click();
  await expect(panel(admin)).toContainText('Assigned to Rae Reviewer, who has been told.');
  await expect(panel(admin)).toContainText('in review, assigned to Rae Reviewer');
  await expectNoAxeViolations(admin);

  const reviewer = await signedInPage(browser, 'reviewer');
  await reviewer.goto('/desk/notifications');
  await expect(
    reviewer.getByText(`Ada Admin asked you to review version 2 of “${question}”.`),
  ).toBeVisible();
  await reviewer.goto('/desk');
  // Assigned briefs come first (other tests may have assigned some to this reviewer too).
  const queue = reviewer.getByRole('region', { name: /Review queue/ });
  const assigned = queue.getByRole('listitem').filter({ hasText: question });
  await expect(assigned).toContainText('assigned to you');
  await expect(queue.getByRole('listitem').first()).toContainText('assigned to you');
  const mine = queue.getByRole('listitem').filter({ hasText: `Did ${word} reviewers` });
  await expect(mine).toContainText('You wrote part of version 2, so someone else must approve it');
  await expect(mine.getByRole('link', { name: /Review it/ })).toHaveCount(0);
  await expectNoAxeViolations(reviewer);

  // Approving brings the reviewer back to the queue.
  await queue.getByRole('link', { name: `Review it: ${question}` }).click();
  await reviewer.getByRole('checkbox', { name: 'Verified [1]' }).check();
  await reviewer.getByRole('checkbox', { name: 'Verified [2]' }).check();
  await reviewer.getByRole('button', { name: 'Approve' }).click();
  await expect(reviewer).toHaveURL(/\/desk\?reviewed=/);
  await expect(reviewer.getByRole('status').filter({ hasText: 'You approved' })).toBeVisible();
  await expect(reviewer.getByRole('region', { name: /Review queue/ })).not.toContainText(question);
});

test('a never-published brief is archived out of every list, and restored as it was', async ({
  browser,
}) => {
  const word = uniqueWord();
  const { id } = await draftBrief('editor', completeDocument(`Do ${word} owls sleep at noon?`));
  const published = await publishedBrief(`Do ${word} herons fish at dusk?`);

  const editor = await signedInPage(browser, 'editor');
  await editor.goto(`/desk/briefs/${id}`);
  await panel(editor).getByRole('button', { name: 'Archive', exact: true }).click();
  await expect(editor.getByRole('button', { name: 'Restore from archive' })).toBeVisible();
  await expect(editor.getByRole('note')).toContainText('Archived');
  await expect(editor.getByLabel('Question', { exact: true })).toHaveCount(0);
  await expectNoAxeViolations(editor);

  await editor.goto(`/desk/briefs?q=${word}`);
  await expect(rows(editor)).toHaveCount(1);
  await editor.getByRole('tab', { name: 'Archived', exact: true }).click();
  await expect(rows(editor)).toHaveCount(1);
  await expect(rows(editor).first()).toContainText('owls');
  await rows(editor).first().getByRole('link').click();
  await editor.getByRole('button', { name: 'Restore from archive' }).click();
  await expect(editor.getByLabel('Question', { exact: true })).toHaveValue(
    `Do ${word} owls sleep at noon?`,
  );
  await editor.goto(`/desk/briefs?tab=drafts&q=${word}`);
  await expect(rows(editor)).toHaveCount(1);

  // Readers have seen this one: unpublishing is the way, not the archive.
  await editor.goto(`/desk/briefs/${published.id}`);
  await expect(panel(editor)).toContainText('Public: version');
  await expect(panel(editor).getByRole('button', { name: 'Archive', exact: true })).toHaveCount(0);
});
