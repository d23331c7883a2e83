import type { Page } from '@playwright/test';
import { Webhook } from 'standardwebhooks';
import { addCorrection } from '@/lib/publication/mutations';
import { type ReceivedRequest, type Receiver, startReceiver } from '@/lib/webhooks/test-receiver';
import { actor, publishedBrief } from './data';
import { confirmDialog, expect, expectNoAxeViolations, signedInPage, test } from './fixtures';

/**
 * Webhooks at /desk/settings, delivered by the server's own worker to a receiver this test runs
 * on 127.0.0.1 (which the e2e server may reach: FACTDESK_FETCH_ALLOW=127.0.0.1). Other tests
 * publish meanwhile: a receiver picks out the deliveries about its own brief.
 */

let receiver: Receiver;

test.beforeEach(async () => {
  receiver = await startReceiver();
});

test.afterEach(async () => {
  await receiver.close();
});

function aboutBrief(briefId: string): ReceivedRequest[] {
  return receiver.received.filter(
    (request) =>
      (JSON.parse(request.body) as { data?: { briefId?: string } }).data?.briefId === briefId,
  );
}

async function addWebhook(admin: Page, url: string, events: string[]): Promise<void> {
  await admin.goto('/desk/settings');
  await admin.getByLabel('Endpoint URL').fill(url);
  const group = admin.getByRole('group', { name: 'Events' });
  for (const event of events) await group.getByLabel(event, { exact: true }).check();
  await admin.getByRole('button', { name: 'Add webhook' }).click();
}

test('an admin adds a webhook, sees its secret once; publication and correction reach the receiver signed and are listed', async ({
  browser,
}) => {
  const admin = await signedInPage(browser, 'admin');
  await addWebhook(admin, receiver.url, ['Published', 'Corrected']);
  await expect(admin.getByRole('status').filter({ hasText: 'Added the webhook' })).toHaveText(
    `Added the webhook for ${receiver.url}.`,
  );
  const secret = (await admin.getByTestId('webhook-secret').textContent()) ?? '';
  expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
  await expect(admin.getByRole('status').filter({ hasText: 'Signing secret' })).toContainText(
    'shown only this once',
  );
  const panel = admin.getByRole('region', { name: receiver.url });
  await expect(panel).toContainText('Events: Published, Corrected.');
  await expect(panel).toContainText('Nothing sent yet.');
  await expectNoAxeViolations(admin);
  // Once: the page never shows it again.
  await admin.reload();
  await expect(panel).toBeVisible();
  await expect(admin.getByTestId('webhook-secret')).toHaveCount(0);
  expect(await admin.content()).not.toContain(secret);

  const question = `Did the webhook reach the CDN ${Date.now()}?`;
  const { id } = await publishedBrief(question);
  await addCorrection(await actor('reviewer'), id, {
    kind: 'correction',
    note: 'The figure was for 2025.',
  });
  await expect.poll(() => aboutBrief(id).length, { timeout: 20_000 }).toBe(2);
  const bodies = aboutBrief(id).map((request) => {
    expect(request).toMatchObject({ method: 'POST', path: '/hooks/factdesk' });
    expect(request.headers['content-type']).toBe('application/json');
    return new Webhook(secret).verify(request.body, request.headers);
  });
  expect(bodies).toEqual(
    expect.arrayContaining([
      expect.objectContaining({
        type: 'brief.published',
        data: expect.objectContaining({ briefId: id, question, url: expect.any(String) }),
      }),
      expect.objectContaining({
        type: 'brief.corrected',
        data: expect.objectContaining({
          briefId: id,
          note: 'correction: The figure was for 2025.',
        }),
      }),
    ]),
  );

  // Each delivery is listed with its answer.
  const deliveries = panel.getByRole('table', { name: /Recent deliveries/ });
  await expect(async () => {
    await admin.reload();
    for (const event of ['Published', 'Corrected']) {
      const row = deliveries
        .getByRole('row')
        .filter({ hasText: question })
        .filter({ hasText: event });
      await expect(row).toHaveCount(1, { timeout: 1000 });
      await expect(row.getByRole('cell').nth(2)).toHaveText('Delivered', { timeout: 1000 });
      await expect(row.getByRole('cell').nth(3)).toHaveText('1', { timeout: 1000 });
      await expect(row.getByRole('cell').nth(4)).toContainText('HTTP 200', { timeout: 1000 });
      await expect(row.getByRole('cell').nth(4)).toContainText('received', { timeout: 1000 });
    }
  }).toPass({ timeout: 20_000 });

  // Removing asks first; then the webhook is gone and is sent nothing more.
  await panel.getByRole('button', { name: 'Remove' }).click();
  await confirmDialog(admin, 'Remove');
  await expect(panel).toHaveCount(0);
});

test('bad input is explained beside each field and keeps what was typed', async ({ browser }) => {
  const admin = await signedInPage(browser, 'admin');
  await addWebhook(admin, 'ftp://files.example.org/incoming', ['Unpublished', 'Re-checked']);
  await expect(admin.getByRole('alert').first()).toHaveText(
    'Please correct the fields marked below.',
  );
  const url = admin.getByLabel('Endpoint URL');
  await expect(url).toHaveAccessibleDescription(
    /Use an https:\/\/ \(or http:\/\/\) address: Factdesk does not send webhooks to ftp: addresses\./,
  );
  await expect(url).toHaveValue('ftp://files.example.org/incoming');
  const group = admin.getByRole('group', { name: 'Events' });
  await expect(group.getByLabel('Unpublished')).toBeChecked();
  await expect(group.getByLabel('Re-checked')).toBeChecked();
  await expect(group.getByLabel('Published', { exact: true })).not.toBeChecked();

  // A good address and no event: the events are what is missing, the address stays.
  await url.fill('https://hooks.example.org/factdesk');
  await group.getByLabel('Unpublished').uncheck();
  await group.getByLabel('Re-checked').uncheck();
  await admin.getByRole('button', { name: 'Add webhook' }).click();
  await expect(group).toHaveAccessibleDescription('Choose at least one event.');
  await expect(url).toHaveValue('https://hooks.example.org/factdesk');
  await expect(url).not.toHaveAttribute('aria-invalid');
  await expect(
    admin.getByRole('region', { name: /hooks\.example\.org|files\.example\.org/ }),
  ).toHaveCount(0);
  await expectNoAxeViolations(admin);
});

for (const role of ['editor', 'reviewer'] as const) {
  test(`the ${role} gets the forbidden page at /desk/settings`, async ({ browser }) => {
    const page = await signedInPage(browser, role);
    const response = await page.goto('/desk/settings');
    expect(response?.status()).toBe(403);
    await expect(
      page.getByRole('heading', { name: 'You do not have access to this page' }),
    ).toBeVisible();
    await expect(page.getByRole('button', { name: 'Add webhook' })).toHaveCount(0);
  });
}
