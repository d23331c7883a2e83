import { createBrief, saveBrief } from '@/lib/briefs/mutations';
import { notify } from '@/lib/notifications/notify';
import { listNotifications, unreadCount } from '@/lib/notifications/queries';
import { systemActor } from '@/lib/policy/policy';
import { personToActFor } from '@/lib/users/queries';
import { requestChanges, submitForReview } from '@/lib/workflow/mutations';
import { actor, addedPerson, briefInReview, completeDocument } from './data';
import { expect, expectNoAxeViolations, freshSignIn, test, uniqueEmail } from './fixtures';

/**
 * Notifications in the newsroom: the unread count in the header, the list at
 * /desk/notifications, marking read, and each person's email choices under Account. Every test
 * has people of its own: reviewers are told of every submission, other tests' included, so a
 * reviewer's count is only known to be there; a writer's is exact.
 */

/** A new person, signed in through the form in a browser context of their own. */
async function newPerson(browser: Parameters<typeof freshSignIn>[0], role: 'editor' | 'reviewer') {
  const email = uniqueEmail(`notified-${role}`);
  await addedPerson({ name: `Noor ${role}`, email, role });
  const page = await freshSignIn(browser, email);
  return { page, actor: await personToActFor(systemActor('seed'), email) };
}

const notificationsLink = (page: import('@playwright/test').Page) =>
  page.getByRole('navigation', { name: 'Newsroom' }).getByRole('link', { name: /^Notifications/ });

test('a reviewer is told of a submission: the count in the header, the list, Mark as read', async ({
  browser,
}) => {
  const reviewer = await newPerson(browser, 'reviewer');
  const { page } = reviewer;
  const question = `Did the notification reach the reviewer ${Date.now()}?`;
  await briefInReview(question);

  await page.goto('/desk');
  await expect(notificationsLink(page)).toHaveAccessibleName(/^Notifications, [1-9]\d* unread$/);
  await notificationsLink(page).click();
  await expect(page).toHaveURL(/\/desk\/notifications$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Notifications' })).toBeVisible();

  const item = page.getByRole('main').getByRole('listitem').filter({ hasText: question });
  await expect(item).toContainText('Submitted for review');
  await expect(item).toContainText('Eli Editor submitted');
  await expect(item.getByText('Unread', { exact: true })).toBeVisible();
  await expect(
    item.getByRole('link', { name: new RegExp(question.replace('?', '\\?')) }),
  ).toBeVisible();
  await expectNoAxeViolations(page);

  await item.getByRole('button', { name: 'Mark as read' }).click();
  await expect(item.getByText('Unread', { exact: true })).toBeHidden();
  await expect(item.getByRole('button', { name: 'Mark as read' })).toBeHidden();
  const [read] = (await listNotifications(reviewer.actor)).items.filter((n) =>
    n.message.includes(question),
  );
  expect(read?.readAt).toBeInstanceOf(Date);

  // Whatever else came meanwhile (other tests submit too), Mark all as read clears it.
  if (await page.getByRole('button', { name: 'Mark all as read' }).isVisible()) {
    await page.getByRole('button', { name: 'Mark all as read' }).click();
    await expect(page.getByRole('button', { name: 'Mark all as read' })).toBeHidden();
  }
  await expect(page.getByText('Unread', { exact: true })).toHaveCount(0);
});

test('a writer opens the notification of changes requested: it is read and the count goes away', async ({
  browser,
}) => {
  const writer = await newPerson(browser, 'editor');
  const { page } = writer;
  const question = `Did the writer hear about the changes ${Date.now()}?`;
  const { id } = await createBrief(writer.actor);
  await saveBrief(writer.actor, id, {
    baseRevision: 1,
    kind: 'save',
    document: completeDocument(question),
  });
  await submitForReview(writer.actor, id);
  await requestChanges(await actor('reviewer'), id, {
    versionNumber: 2,
    comment: 'Cite the treaty’s article.',
  });

  await page.goto('/desk');
  await expect(notificationsLink(page)).toHaveAccessibleName('Notifications, 1 unread');
  await notificationsLink(page).click();
  await expect(page).toHaveURL(/\/desk\/notifications$/);
  const item = page.getByRole('main').getByRole('listitem').filter({ hasText: question });
  await expect(item).toContainText('Changes requested');
  await expect(item).toContainText('Cite the treaty’s article.');
  await item.getByRole('link').click();

  await expect(page).toHaveURL(new RegExp(`/desk/briefs/${id}$`));
  await expect(notificationsLink(page)).toHaveAccessibleName('Notifications');
  expect(await unreadCount(writer.actor)).toBe(0);
});

test('email choices under Account are saved and kept; a tampered box is refused', async ({
  browser,
}) => {
  const { page } = await newPerson(browser, 'editor');
  await page.goto('/desk/account');
  // The end-to-end server has no mail server: it says so, and keeps the choices all the same.
  await expect(page.getByText('Emails are off on this installation')).toBeVisible();
  const choices = page.getByRole('group', { name: 'Email me about' });
  const approved = choices.getByLabel('A brief I wrote is approved');
  const published = choices.getByLabel('A brief I wrote is published');
  await expect(approved).toBeChecked();
  await expect(published).not.toBeChecked();
  await expectNoAxeViolations(page);

  await approved.uncheck();
  await published.check();
  await page.getByRole('button', { name: 'Save email choices' }).click();
  await expect(page.getByRole('main').getByRole('status')).toHaveText('Email choices saved.');
  await page.reload();
  await expect(approved).not.toBeChecked();
  await expect(published).toBeChecked();

  // A box sent with a value no checkbox sends: refused beside the boxes, nothing stored.
  await approved.evaluate((box: HTMLInputElement) => {
    box.value = 'everything';
    box.checked = true;
  });
  await page.getByRole('button', { name: 'Save email choices' }).click();
  await expect(page.getByRole('main').getByRole('alert')).toHaveText(
    'Please correct the fields marked below.',
  );
  await expect(choices.getByText('Tick the box, or leave it empty.')).toBeVisible();
  await page.reload();
  await expect(approved).not.toBeChecked();
  await expect(published).toBeChecked();
});

test('nobody can mark, or open, another person’s notification', async ({ browser }) => {
  const owner = await newPerson(browser, 'editor');
  const other = await newPerson(browser, 'editor');
  const question = `Whose notification is this ${Date.now()}?`;
  const { id: briefId } = await createBrief(await actor('editor'));
  for (const person of [owner, other]) {
    await notify({
      kind: 'mention',
      briefId,
      message: `You were mentioned on “${question}”.`,
      recipientIds: [person.actor.id],
    });
  }
  const [owners] = (await listNotifications(owner.actor)).items;

  const { page } = other;
  await page.goto('/desk/notifications');
  const item = page.getByRole('main').getByRole('listitem').filter({ hasText: question });
  // The other person's own Mark as read form, sent with the owner's notification.
  await item.locator('input[name="notificationId"]').evaluate((input: HTMLInputElement, id) => {
    input.value = id;
  }, owners!.id);
  await item.getByRole('button', { name: 'Mark as read' }).click();
  await expect(item.getByRole('alert')).toHaveText('This notification does not exist.');
  const opened = await page.request.get(`/desk/notifications/${owners!.id}`, { maxRedirects: 0 });
  expect(opened.status()).toBe(404);

  expect(await unreadCount(owner.actor)).toBe(1);
  expect(await unreadCount(other.actor)).toBe(1);
  await owner.page.goto('/desk');
  await expect(notificationsLink(owner.page)).toHaveAccessibleName('Notifications, 1 unread');
});
