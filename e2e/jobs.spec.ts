import { sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { expect, expectNoAxeViolations, signedInPage, test } from './fixtures';

/**
 * A job that used all its tries, as pg-boss keeps it: the sweep of due publications (whose
 * handler succeeds when run again, there being nothing due), failed with an error message.
 */
async function failedJob(message: string): Promise<string> {
  const [row] = await getDb().execute<{ id: string }>(sql`
    insert into pgboss.job (name, data, state, retry_limit, retry_count, started_on, completed_on, output)
    values ('publish-due', '{}', 'failed', 0, 0, now(), now(), ${JSON.stringify({ message })}::jsonb)
    returning id`);
  return row!.id;
}

test('an admin sees the failed jobs with their error and tries, and retries one', async ({
  browser,
}) => {
  const message = `Connection refused ${Date.now()}`;
  await failedJob(message);
  const admin = await signedInPage(browser, 'admin');
  await admin.goto('/desk/jobs');
  await expect(admin.getByRole('heading', { name: 'Jobs', level: 1 })).toBeVisible();
  await expect(admin.getByRole('heading', { name: /^Scheduled \(\d+\)$/ })).toBeVisible();
  await expect(admin.getByRole('heading', { name: /^Running \(\d+\)$/ })).toBeVisible();
  const failed = admin.getByRole('region', { name: /^Failed/ });
  const row = failed.getByRole('row').filter({ hasText: message });
  await expect(row).toContainText('Publish what is due (every minute)');
  await expect(row).toContainText('1 of 1');
  await expectNoAxeViolations(admin);

  await row.getByRole('button', { name: 'Retry Publish what is due (every minute)' }).click();
  // It leaves the failed list at once; the running server's worker takes it and it succeeds,
  // so it is in no list afterwards (completed jobs are not shown).
  await expect(row).toHaveCount(0);
  await expect(async () => {
    await admin.reload();
    await expect(admin.getByRole('row').filter({ hasText: message })).toHaveCount(0);
  }).toPass({ timeout: 30_000 });
});

test.describe('the jobs page is for admins only', () => {
  for (const role of ['editor', 'reviewer'] as const) {
    test(`a ${role} gets 403`, async ({ browser }) => {
      const page = await signedInPage(browser, role);
      const response = await page.goto('/desk/jobs');
      expect(response?.status()).toBe(403);
      await expect(page.getByRole('heading', { name: 'Jobs', level: 1 })).toHaveCount(0);
    });
  }
});
