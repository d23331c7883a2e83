import type { Request } from '@playwright/test';
import { briefInReview, publishedBrief } from './data';
import {
  editor,
  newBrief,
  panel,
  recheckPublished,
  saveStatus,
  writeCompleteBrief,
} from './editor-fixtures';
import { confirmDialog, expect, expectNoAxeViolations, signedInPage, test } from './fixtures';

const todayInUtc = () =>
  new Date().toLocaleDateString('en-US', {
    timeZone: 'UTC',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
  });

// The journey of review and publication, all of it in the browser; the other tests of this file
// make the briefs they start from through lib (e2e/data.ts).
test('a brief goes from draft to review, approval, publication, changes and correction', async ({
  browser,
}) => {
  // Every step of two people's work, twice over: the longest test, by design.
  test.slow();
  const author = await signedInPage(browser, 'editor');
  const question = `Did the alliance promise not to expand? ${Date.now()}`;
  const id = await writeCompleteBrief(author, question);
  await author.getByRole('button', { name: 'Submit for review' }).click();
  await expect(panel(author)).toContainText('In review');

  // The editor cannot reach the review screen at all.
  const forbidden = await author.goto(`/desk/briefs/${id}/review`);
  expect(forbidden?.status()).toBe(403);

  const reviewer = await signedInPage(browser, 'reviewer');
  await reviewer.goto('/desk');
  await reviewer
    .getByRole('region', { name: /Review queue/ })
    .getByRole('link', { name: `Review it: ${question}` })
    .click();
  await expect(reviewer).toHaveURL(new RegExp(`/desk/briefs/${id}/review$`));
  const approve = reviewer.getByRole('button', { name: 'Approve' });
  await expect(approve).toBeDisabled();
  await reviewer.getByRole('checkbox', { name: 'Verified [1]' }).check();
  await expect(approve).toBeDisabled();
  await reviewer.getByRole('checkbox', { name: 'Verified [2]' }).check();
  await expectNoAxeViolations(reviewer);
  await approve.click();
  // Back at the queue, told what was done, with the way to the brief to publish it.
  await expect(reviewer).toHaveURL(new RegExp(`/desk\\?reviewed=${id}&outcome=approved$`));
  await expect(reviewer.getByRole('status').filter({ hasText: 'You approved' })).toContainText(
    question,
  );
  await reviewer.getByRole('link', { name: 'Open it to publish' }).click();
  await expect(panel(reviewer)).toContainText(
    `approved by Rae Reviewer, checked on ${todayInUtc()}`,
  );

  await reviewer.getByRole('button', { name: 'Publish' }).click();
  await expect(panel(reviewer)).toContainText(`Public: version 2, checked on ${todayInUtc()}`);

  // An edit makes a new draft; the public version stays the approved one.
  await author.goto(`/desk/briefs/${id}`);
  await editor(author, 'Body').click();
  await author.keyboard.press('ControlOrMeta+End');
  await author.keyboard.type(' More context.');
  await expect(saveStatus(author)).toHaveText('Saved', { timeout: 15_000 });
  await author.getByRole('button', { name: 'Submit for review' }).click();
  await expect(panel(author)).toContainText('In review');
  await reviewer.reload();
  await expect(panel(reviewer)).toContainText('Public: version 2');

  // Changes requested, seen by the editor, then resubmitted.
  await reviewer.goto(`/desk/briefs/${id}/review`);
  await reviewer.getByRole('button', { name: 'Request changes' }).click();
  await expect(reviewer.getByText('Say what needs to change.')).toBeVisible();
  await reviewer.getByLabel('Comment').fill('The treaty citation needs a page number.');
  await reviewer.getByRole('button', { name: 'Request changes' }).click();
  await expect(reviewer).toHaveURL(new RegExp(`/desk\\?reviewed=${id}&outcome=changes_requested$`));
  await author.reload();
  await expect(panel(author)).toContainText('Rae Reviewer asked for changes');
  await expect(panel(author)).toContainText('The treaty citation needs a page number.');
  await author.getByRole('button', { name: 'Submit for review' }).click();
  await expect(panel(author)).toContainText('In review');

  // Approved again and republished with a public note.
  await reviewer.goto(`/desk/briefs/${id}/review`);
  await reviewer.getByRole('checkbox', { name: 'Verified [1]' }).check();
  await reviewer.getByRole('checkbox', { name: 'Verified [2]' }).check();
  await reviewer.getByRole('button', { name: 'Approve' }).click();
  await reviewer.getByRole('link', { name: 'Open it to publish' }).click();
  await reviewer.getByLabel('What changed for readers').selectOption('update');
  await reviewer
    .getByRole('textbox', { name: 'Note for readers' })
    .fill('Added context on the treaty.');
  await reviewer.getByRole('button', { name: 'Publish' }).click();
  await expect(panel(reviewer)).toContainText('Public: version 3');
  await expect(panel(reviewer)).toContainText('update: Added context on the treaty.');

  await reviewer.getByText('Audit log').click();
  const audit = reviewer.getByRole('list', { name: 'Audit log' });
  await expect(audit.getByRole('listitem')).toHaveCount(9);
  await expect(audit).toContainText('Rae Reviewer · Published · version 3');
  await expect(audit).toContainText('Eli Editor · Submitted for review · version 2');
});

test('nobody approves a version they wrote, admins included', async ({ browser }) => {
  const { id } = await briefInReview(`Written by an admin ${Date.now()}`, 'admin');
  const admin = await signedInPage(browser, 'admin');
  await admin.goto(`/desk/briefs/${id}/review`);
  await expect(admin.getByRole('note')).toContainText('two-person rule');
  await admin.getByRole('checkbox', { name: 'Verified [1]' }).check();
  await admin.getByRole('checkbox', { name: 'Verified [2]' }).check();
  await expect(admin.getByRole('button', { name: 'Approve' })).toBeDisabled();
});

test('submitting an incomplete brief says which checks fail', async ({ browser }) => {
  const author = await signedInPage(browser, 'editor');
  await newBrief(author);
  await author.getByRole('button', { name: 'Submit for review' }).click();
  await expect(panel(author).getByRole('alert')).toContainText(
    'Submitting for review needs every check to pass',
  );
  await expect(panel(author)).toContainText('Draft');
});

test('a published brief is re-checked, corrected and unpublished', async ({ browser }) => {
  const { id } = await publishedBrief(`To be re-checked ${Date.now()}`);

  const admin = await signedInPage(browser, 'admin');
  await recheckPublished(admin, id);
  await expect(panel(admin)).toContainText(`Public: version 2, checked on ${todayInUtc()}`);

  // The public page is cached now; the correction below must refresh it at once.
  const publicPath =
    (await panel(admin).getByRole('link', { name: 'View the public page' }).getAttribute('href')) ??
    '';
  expect(await (await admin.request.get(publicPath)).text()).not.toContain(
    'The memo is dated 1990',
  );

  await panel(admin).getByText('Add a correction, clarification or update').click();
  await admin.getByLabel('Kind').selectOption('clarification');
  await admin.getByRole('button', { name: 'Add clarification' }).click();
  await expect(admin.getByText('Write the note readers will see.')).toBeVisible();
  // The refused form keeps the chosen kind.
  await expect(admin.getByLabel('Kind')).toHaveValue('clarification');
  await admin
    .getByRole('textbox', { name: 'Note for readers' })
    .fill('The memo is dated 1990, not 1991.');
  await admin.getByRole('button', { name: 'Add clarification' }).click();
  await expect(panel(admin)).toContainText('clarification: The memo is dated 1990, not 1991.');
  const corrected = await (await admin.request.get(publicPath)).text();
  expect(corrected).toContain('Corrections and updates');
  expect(corrected).toContain('The memo is dated 1990, not 1991.');

  await admin.getByLabel('Reason (audit log)').fill('Legal review');
  await admin.getByRole('button', { name: 'Unpublish' }).click();
  await confirmDialog(admin, 'Unpublish');
  await expect(panel(admin)).toContainText('Unpublished: the public page answers 410.');
  await admin.getByText('Audit log').click();
  await expect(admin.getByRole('list', { name: 'Audit log' })).toContainText(
    'Ada Admin · Unpublished · version 2 · Legal review',
  );
  await expect(admin.getByRole('list', { name: 'Audit log' })).toContainText(
    'Ada Admin · Re-checked · version 2',
  );
  // A reviewer sees no Unpublish button.
  const reviewer = await signedInPage(browser, 'reviewer');
  await reviewer.goto(`/desk/briefs/${id}`);
  await expect(reviewer.getByRole('button', { name: 'Unpublish' })).toHaveCount(0);
});

test('Unpublish checks its reason before asking to confirm', async ({ browser }) => {
  const { id } = await publishedBrief(`Reason first ${Date.now()}`);
  const admin = await signedInPage(browser, 'admin');
  await admin.goto(`/desk/briefs/${id}`);
  await admin.getByRole('button', { name: 'Unpublish' }).click();
  await expect(admin.getByText('Say why it comes down (for the audit log).')).toBeVisible();
  await expect(admin.getByRole('alertdialog')).toHaveCount(0);
  await expect(panel(admin)).not.toContainText('Unpublished: the public page answers 410.');

  await admin.getByLabel('Reason (audit log)').fill('Legal review');
  await admin.getByRole('button', { name: 'Unpublish' }).click();
  await expect(
    admin.getByRole('alertdialog', { name: 'Unpublish brief' }),
  ).toHaveAccessibleDescription('Unpublish this brief? Its public page will answer 410 Gone.');
  await confirmDialog(admin, 'Unpublish');
  await expect(panel(admin)).toContainText('Unpublished: the public page answers 410.');
});

test('after an unpublish, only an admin publishes again, with a public note', async ({
  browser,
}) => {
  const { id, path: publicPath } = await publishedBrief(`Taken down ${Date.now()}`);
  const admin = await signedInPage(browser, 'admin');
  await admin.goto(`/desk/briefs/${id}`);
  await admin.getByLabel('Reason (audit log)').fill('Legal review');
  await admin.getByRole('button', { name: 'Unpublish' }).click();
  await confirmDialog(admin, 'Unpublish');
  await expect(panel(admin)).toContainText('Unpublished: the public page answers 410.');

  // The reviewer who published it cannot undo the admin's decision, and is told why.
  const reviewer = await signedInPage(browser, 'reviewer');
  await reviewer.goto(`/desk/briefs/${id}`);
  await expect(panel(reviewer)).toContainText('only an admin can publish it again');
  await expect(panel(reviewer).getByRole('button', { name: 'Publish', exact: true })).toHaveCount(
    0,
  );

  // The admin's publish call, replayed with the reviewer's session, is refused.
  const note = admin.getByRole('textbox', { name: 'Why it is published again (public note)' });
  await note.fill('Checked again after a legal review.');
  const captured: Request[] = [];
  await admin.route(`**/desk/briefs/${id}`, async (route) => {
    if (route.request().method() !== 'POST') return route.continue();
    captured.push(route.request());
    await route.abort();
  });
  await panel(admin).getByRole('button', { name: 'Publish', exact: true }).click();
  await expect.poll(() => captured.length).toBe(1);
  await admin.unrouteAll();
  const request = captured[0]!;
  const { cookie: _cookie, ...headers } = request.headers();
  const replay = await reviewer.request.post(request.url(), {
    headers,
    data: request.postDataBuffer() ?? undefined,
    maxRedirects: 0,
  });
  expect(replay.status()).toBe(403);
  expect((await admin.request.get(publicPath)).status()).toBe(410);

  // The note is required; a blank one is refused with a message next to the field.
  await admin.goto(`/desk/briefs/${id}`);
  await note.fill('   ');
  await panel(admin).getByRole('button', { name: 'Publish', exact: true }).click();
  await expect(panel(admin).getByText('Write the note readers will see.')).toBeVisible();
  await note.fill('Back online: a legal review found nothing to change.');
  await panel(admin).getByRole('button', { name: 'Publish', exact: true }).click();
  await expect(panel(admin)).toContainText('Public: version 2');
  await expect(panel(admin)).toContainText(
    'update: Back online: a legal review found nothing to change.',
  );
  const republished = await admin.request.get(publicPath);
  expect(republished.status()).toBe(200);
  expect(await republished.text()).toContain(
    'Back online: a legal review found nothing to change.',
  );
});

test('the approve call, replayed by the brief’s own editor, is refused', async ({ browser }) => {
  const { id } = await briefInReview(`Replayed approval ${Date.now()}`);
  const author = await signedInPage(browser, 'editor');
  const reviewer = await signedInPage(browser, 'reviewer');
  await reviewer.goto(`/desk/briefs/${id}/review`);
  await reviewer.getByRole('checkbox', { name: 'Verified [1]' }).check();
  await reviewer.getByRole('checkbox', { name: 'Verified [2]' }).check();
  const captured: Request[] = [];
  await reviewer.route(`**/desk/briefs/${id}/review`, async (route) => {
    if (route.request().method() !== 'POST') return route.continue();
    captured.push(route.request());
    await route.abort();
  });
  await reviewer.getByRole('button', { name: 'Approve' }).click();
  await expect.poll(() => captured.length).toBe(1);
  const request = captured[0]!;
  const { cookie: _cookie, ...headers } = request.headers();
  const replay = await author.request.post(request.url(), {
    headers,
    data: request.postDataBuffer() ?? undefined,
    maxRedirects: 0,
  });
  expect(replay.status()).toBe(403);
  await author.goto(`/desk/briefs/${id}`);
  await expect(panel(author)).toContainText('In review');
});
