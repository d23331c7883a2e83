import type { Request } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { briefs, publicationSchedules } from '@/db/schema';
import { getBriefForEditing } from '@/lib/briefs/queries';
import { schedulePublication } from '@/lib/scheduling/mutations';
import { approveBrief } from '@/lib/workflow/mutations';
import { actor, appendToBody, briefInReview, publishedBrief, submit } from './data';
import { panel } from './editor-fixtures';
import { expect, expectNoAxeViolations, signedInPage, test } from './fixtures';

// The e2e server runs in UTC (FACTDESK_TIMEZONE unset): `Publish at` is read as UTC.

/** The reviewer approves the brief's version in review (every source verified); its number. */
async function approve(id: string): Promise<number> {
  const reviewer = await actor('reviewer');
  const { head, document } = await getBriefForEditing(reviewer, id);
  await approveBrief(reviewer, id, {
    versionNumber: head.number,
    verifiedSourceIds: document.sources.map((source) => source.id),
  });
  return head.number;
}

/** A complete brief the editor wrote, which the reviewer approved (not published). */
async function approvedBrief(question: string): Promise<{ id: string; version: number }> {
  const { id } = await briefInReview(question);
  return { id, version: await approve(id) };
}

/** A time `hours` from now as a `datetime-local` field in UTC takes it: `2026-06-01T10:00`. */
const wallClockIn = (hours: number) =>
  new Date(Date.now() + hours * 3_600_000).toISOString().slice(0, 16);

async function schedulesOf(briefId: string) {
  return getDb()
    .select({ state: publicationSchedules.state })
    .from(publicationSchedules)
    .where(eq(publicationSchedules.briefId, briefId));
}

test('an admin schedules an approved brief, sees when it goes public, and cancels it', async ({
  browser,
}) => {
  const question = `Will the schedule hold? ${Date.now()}`;
  const { id, version } = await approvedBrief(question);
  const page = await signedInPage(browser, 'admin');
  await page.goto(`/desk/briefs/${id}`);
  await panel(page).getByRole('button', { name: 'Schedule publication' }).click();
  const publishAt = panel(page).getByLabel('Publish at');
  await expect(publishAt).toBeFocused();
  await expect(panel(page)).toContainText('Newsroom time (UTC)');

  // A time that has passed is refused beside the field, and what was typed stays.
  await publishAt.fill('2020-01-01T10:00');
  await panel(page).getByRole('button', { name: 'Schedule publication' }).click();
  await expect(panel(page).locator('.field-error')).toHaveText('Choose a time in the future.');
  await expect(publishAt).toHaveValue('2020-01-01T10:00');

  const wallClock = wallClockIn(5);
  await publishAt.fill(wallClock);
  await panel(page).getByRole('button', { name: 'Schedule publication' }).click();
  const shown = new Date(`${wallClock}:00Z`).toLocaleString('en-US', {
    timeZone: 'UTC',
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  });
  await expect(panel(page)).toContainText(
    `Scheduled for ${shown} UTC: version ${version}, by Ada Admin.`,
  );
  await expect(panel(page).getByRole('button', { name: 'Schedule publication' })).toHaveCount(0);
  await expectNoAxeViolations(page);

  // Nothing is public before the time.
  await expect(panel(page)).toContainText('Not published yet.');
  const [row] = await getDb().select().from(briefs).where(eq(briefs.id, id));
  expect(row).toMatchObject({ published: false, slug: null });
  expect(await (await page.request.get('/feed.xml')).text()).not.toContain(question);

  await panel(page).getByRole('button', { name: 'Cancel schedule' }).click();
  await expect(panel(page).getByRole('button', { name: 'Schedule publication' })).toBeVisible();
  await expect(panel(page)).not.toContainText('Scheduled for');
  await panel(page)
    .getByText(/^Audit log \(\d+\)$/)
    .click();
  await expect(panel(page).getByRole('list', { name: 'Audit log' })).toContainText(
    'Cancelled the scheduled publication',
  );
  expect(await schedulesOf(id)).toEqual([{ state: 'cancelled' }]);
});

test('a new version of a published brief is scheduled with its note for readers', async ({
  browser,
}) => {
  const { id } = await publishedBrief(`Does the note go with the schedule? ${Date.now()}`);
  await appendToBody(id, ' Newer figures came out.');
  await submit(id);
  const version = await approve(id);
  const page = await signedInPage(browser, 'admin');
  await page.goto(`/desk/briefs/${id}`);
  await panel(page).getByRole('button', { name: 'Schedule publication' }).click();
  const form = panel(page).locator('form.schedule-form');
  const wallClock = wallClockIn(3);
  await form.getByLabel('Publish at').fill(wallClock);
  await expect(form.getByLabel('What changed for readers')).toHaveValue('update');
  await form.getByRole('button', { name: 'Schedule publication' }).click();
  await expect(form.locator('.field-error')).toHaveText('Write the note readers will see.');
  await expect(form.getByLabel('Publish at')).toHaveValue(wallClock);
  await form.getByLabel('Note for readers').fill('Newer figures came out.');
  await form.getByRole('button', { name: 'Schedule publication' }).click();
  await expect(panel(page)).toContainText(`Scheduled for `);
  await expect(panel(page)).toContainText(`version ${version}, by Ada Admin.`);
  const [row] = await getDb()
    .select({
      changeKind: publicationSchedules.changeKind,
      changeNote: publicationSchedules.changeNote,
    })
    .from(publicationSchedules)
    .where(eq(publicationSchedules.briefId, id));
  expect(row).toEqual({ changeKind: 'update', changeNote: 'Newer figures came out.' });
});

test('a publication scheduled a few seconds ahead is published by the server’s worker', async ({
  browser,
}) => {
  const question = `Does the worker publish on time? ${Date.now()}`;
  const { id, version } = await approvedBrief(question);
  await schedulePublication(await actor('reviewer'), id, {
    versionNumber: version,
    publishAt: new Date(Date.now() + 3_000),
  });
  await expect
    .poll(
      async () => {
        const [row] = await getDb()
          .select({ published: briefs.published, slug: briefs.slug })
          .from(briefs)
          .where(eq(briefs.id, id));
        return row?.published ? row.slug : null;
      },
      { timeout: 45_000 },
    )
    .not.toBeNull();
  const page = await signedInPage(browser, 'admin');
  await page.goto(`/desk/briefs/${id}`);
  await expect(panel(page)).toContainText(`Public: version ${version}`);
  await panel(page).getByRole('link', { name: 'View the public page' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(question);
  await page.goBack();
  await panel(page)
    .getByText(/^Audit log \(\d+\)$/)
    .click();
  await expect(panel(page).getByRole('list', { name: 'Audit log' })).toContainText(
    'Published as scheduled',
  );
});

test('an editor is offered no schedule, and the admin’s schedule call replayed as the editor is refused', async ({
  browser,
}) => {
  const { id } = await approvedBrief(`Whose schedule is it? ${Date.now()}`);
  const editor = await signedInPage(browser, 'editor');
  await editor.goto(`/desk/briefs/${id}`);
  await expect(panel(editor)).toContainText('Approved');
  await expect(panel(editor).getByRole('button', { name: 'Schedule publication' })).toHaveCount(0);

  const admin = await signedInPage(browser, 'admin');
  await admin.goto(`/desk/briefs/${id}`);
  await panel(admin).getByRole('button', { name: 'Schedule publication' }).click();
  await panel(admin).getByLabel('Publish at').fill(wallClockIn(2));
  const captured: Request[] = [];
  await admin.route(`**/desk/briefs/${id}`, async (route) => {
    if (route.request().method() !== 'POST') return route.continue();
    captured.push(route.request());
    await route.abort();
  });
  await panel(admin).getByRole('button', { name: 'Schedule publication' }).click();
  await expect.poll(() => captured.length).toBe(1);
  const request = captured[0]!;
  const { cookie: _cookie, ...headers } = request.headers();
  const replay = await editor.request.post(request.url(), {
    headers,
    data: request.postDataBuffer() ?? undefined,
    maxRedirects: 0,
  });
  expect(replay.status()).toBe(403);
  expect(await schedulesOf(id)).toEqual([]);
});
