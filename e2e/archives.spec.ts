import { expect, test } from '@playwright/test';
import { sourceArchives } from '@/db/schema';
import { announceBriefPageChanged } from '@/lib/publication/page-events';
import { transaction } from '@/lib/transaction';
import { e2eBaseUrl } from './base-url';
import { publishedBrief } from './data';
import { signedInPage } from './fixtures';

const copy = 'https://web.archive.org/web/20261201101010/https://example.org/memo';

test("the web archive's copy of a source shows beside it, with Robust Links; a copy it could not make is listed on the brief", async ({
  browser,
}) => {
  const { id, path } = await publishedBrief(`Archived sources ${Date.now()}`);
  // What the capture worker stores once the archive has answered (lib/sources/archives.db.test.ts
  // asks a fake archive), announced to the server's page cache as the worker does.
  await transaction(async (tx) => {
    await tx.insert(sourceArchives).values([
      {
        briefId: id,
        sourceId: 'memo',
        url: 'https://example.org/memo',
        state: 'archived',
        finishedAt: new Date(),
        archiveUrl: copy,
        archivedAt: new Date('2026-12-01T10:10:10Z'),
      },
      {
        briefId: id,
        sourceId: 'treaty',
        url: 'https://example.org/treaty',
        state: 'failed',
        finishedAt: new Date(),
        failureMessage: 'The archive (web.archive.org) could not copy the page: Not found.',
      },
    ]);
    await announceBriefPageChanged(tx, id);
  });
  await expect
    .poll(async () => (await fetch(`${e2eBaseUrl}${path}`)).text(), { timeout: 10_000 })
    .toContain(
      `data-originalurl="https://example.org/memo" data-versionurl="${copy}" data-versiondate="2026-12-01">Archived copy</a>`,
    );

  const page = await signedInPage(browser, 'editor');
  await page.goto(`/desk/briefs/${id}`);
  await expect(page.locator('.source-item', { hasText: 'Archive memo' })).toContainText(
    /Archived .+: web\.archive\.org\/web\/20261201101010\/https:\/\/example\.org\/memo/,
  );
  await expect(page.locator('.source-item', { hasText: 'Treaty text' })).toContainText(
    'Archiving failed: The archive (web.archive.org) could not copy the page: Not found.',
  );
  await expect(page.getByRole('list', { name: 'Archiving failed' })).toHaveText(
    'Not archived: Treaty text. The archive (web.archive.org) could not copy the page: Not found.',
  );
});
