import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { briefs } from '@/db/schema';
import { checkSourcesOfHost } from '@/lib/monitoring/jobs';
import { latestCaptures, requestMissingCaptures, takeNextCapture } from '@/lib/sources/captures';
import { actor, approveAndPublish, completeDocument, draftBrief, submit } from './data';
import { expect, expectNoAxeViolations, signedInPage, test } from './fixtures';

/**
 * Sources watched after publication, seen from the newsroom and the public page. The pages the
 * sources cite are served by the test itself on this machine, and the checks are run here, as
 * the worker's job would run them.
 */

// The checks run in this process: its fetches may reach the fixture site, as the server's may.
process.env.FACTDESK_FETCH_ALLOW = '127.0.0.1';

const day = 24 * 60 * 60 * 1000;

function article(roads: string) {
  return `<!doctype html><html><head><title>Budget</title></head><body><article>
<h1>Schools budget</h1>
<p>The minister said the budget for schools would grow by four per cent next year, after a long debate in parliament.</p>
<p>Spending on roads rose by ${roads} per cent over the same period, according to the finance ministry.</p>
<p>Officials described the change as a response to rising enrolment in the northern regions of the country.</p>
<p>Critics argued that the increase would barely keep pace with inflation and would do little for rural schools.</p>
</article></body></html>`;
}

/** A site whose pages a test changes between checks (a missing page answers 404). */
async function fixtureSite(): Promise<{
  host: string;
  url: (path: string) => string;
  pages: Map<string, string>;
  server: Server;
}> {
  const pages = new Map<string, string>();
  const server = createServer((request, response) => {
    const page = pages.get(request.url ?? '');
    if (page === undefined) response.writeHead(404).end('<p>Not here</p>');
    else response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { host, url: (path) => `http://${host}${path}`, pages, server };
}

const sites: Server[] = [];
test.afterAll(() =>
  Promise.all(sites.map((s) => new Promise<void>((resolve) => s.close(() => resolve())))),
);

/**
 * A complete brief whose two sources (memo [1], treaty [2]) are pages of `site`, captured,
 * approved with those captures and published. Returns its id and public path.
 */
async function publishedCitingSite(
  question: string,
  site: Awaited<ReturnType<typeof fixtureSite>>,
  memo: { archiveUrl?: string } = {},
) {
  site.pages.set('/memo', article('12'));
  site.pages.set('/treaty', article('7'));
  const document = completeDocument(question);
  document.sources = document.sources.map((source) => ({
    ...source,
    url: site.url(`/${source.id}`),
    ...(source.id === 'memo' ? memo : {}),
  }));
  const { id } = await draftBrief('editor', document);
  const editor = await actor('editor');
  await requestMissingCaptures(editor, id);
  // Taken here or by the server's capture worker, whichever comes first.
  for (;;) {
    await takeNextCapture();
    const captures = [...(await latestCaptures(editor, id)).values()];
    if (captures.length === 2 && captures.every((c) => c.state === 'captured')) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await submit(id);
  return { id, path: await approveAndPublish(id) };
}

/**
 * The worker's run for the site, as if the brief was published two days ago: its sources are
 * due (their first check comes within a day of publication).
 */
async function checkSite(host: string, briefId: string) {
  await getDb()
    .update(briefs)
    .set({ firstPublishedAt: new Date(Date.now() - 2 * day) })
    .where(eq(briefs.id, briefId));
  await checkSourcesOfHost({ host }, { pauseMs: 0 });
}

test('a changed source is listed under Sources needing attention, with the diff, until a re-check', async ({
  browser,
}) => {
  const site = await fixtureSite();
  sites.push(site.server);
  const question = 'Did the schools budget grow as the minister said?';
  const { id } = await publishedCitingSite(question, site);
  site.pages.set('/memo', article('15'));
  await checkSite(site.host, id);

  const page = await signedInPage(browser, 'reviewer');
  await page.goto('/desk');
  const section = page.getByRole('region', { name: 'Sources needing attention' });
  const entry = section.getByRole('listitem').filter({ hasText: question }).first();
  await expect(entry).toContainText('[1] Archive memo');
  await expect(entry).toContainText('Changed');
  await expect(entry).toContainText('A figure changed since the approved capture');
  await entry.getByText('What changed since the approved capture').click();
  await expect(entry.locator('del')).toHaveText(
    'Spending on roads rose by 12 per cent over the same period, according to the finance ministry.',
  );
  await expect(entry.locator('ins')).toHaveText(
    'Spending on roads rose by 15 per cent over the same period, according to the finance ministry.',
  );
  await entry.getByText('Latest checks').click();
  await expect(entry.getByRole('list', { name: 'Latest checks' })).toContainText('Changed');
  await expectNoAxeViolations(page);

  // From there, the re-check: the screen shows the page as it is now, and confirming clears it.
  await entry.getByRole('link', { name: 'Re-check' }).click();
  await expect(page).toHaveURL(`/desk/briefs/${id}/review?recheck=1`);
  await expect(page.getByRole('heading', { name: /^Re-check version \d+$/ })).toBeVisible();
  await page.getByRole('checkbox', { name: 'Verified [1]' }).check();
  await page.getByRole('checkbox', { name: 'Verified [2]' }).check();
  await page.getByRole('button', { name: 'Re-check' }).click();
  await expect(page).toHaveURL(`/desk/briefs/${id}`);
  await page.goto('/desk');
  await expect(page.getByRole('heading', { name: 'Sources needing attention' })).toBeVisible();
  await expect(section.getByRole('listitem').filter({ hasText: question })).toHaveCount(0);
});

test('Re-check due lists a published brief past its review interval, set on the brief page', async ({
  browser,
}) => {
  const site = await fixtureSite();
  sites.push(site.server);
  const question = 'Is the rail line still due to open next spring?';
  const { id } = await publishedCitingSite(question, site);

  const page = await signedInPage(browser, 'reviewer');
  await page.goto(`/desk/briefs/${id}`);
  const interval = page.getByLabel('Review interval (days)');
  await interval.fill('0');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Enter a whole number of days from 1 to 3660')).toBeVisible();
  await expect(interval).toHaveValue('0');
  await interval.fill('30');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved: ' })).toHaveText(
    'Saved: a re-check is due 30 days after each “Checked on” date.',
  );
  await expectNoAxeViolations(page);

  await page.goto('/desk');
  const due = page.getByRole('region', { name: 'Re-check due' });
  await expect(due.getByRole('link', { name: question })).toHaveCount(0);
  // Forty days pass since it was checked.
  const fortyDaysAgo = new Date(Date.now() - 40 * day).toISOString().slice(0, 10);
  await getDb().update(briefs).set({ publishedCheckedOn: fortyDaysAgo }).where(eq(briefs.id, id));
  await page.reload();
  const item = due.getByRole('listitem').filter({ hasText: question });
  await expect(item).toContainText('every 30 days');
  await expect(item.getByRole('link', { name: 'Re-check' })).toHaveAttribute(
    'href',
    `/desk/briefs/${id}/review?recheck=1`,
  );
});

test('the public page offers the archived copy first for a source gone since publication', async ({
  page,
}) => {
  const site = await fixtureSite();
  sites.push(site.server);
  const archiveUrl = `https://web.archive.org/web/20260101000000/${site.url('/memo')}`;
  const { id, path } = await publishedCitingSite(
    'Was the memo on the schools budget ever published?',
    site,
    { archiveUrl },
  );
  await page.goto(path);
  const memo = page.locator('#source-1');
  await expect(memo.getByRole('link').first()).toHaveText(/^127\.0\.0\.1:\d+\/memo$/);

  site.pages.delete('/memo');
  await checkSite(site.host, id);
  // The check announces the change to the server's page cache (through Postgres).
  await expect(async () => {
    await page.goto(path);
    await expect(memo.getByRole('link').first()).toHaveText('Archived copy', { timeout: 500 });
  }).toPass();
  await expect(memo.getByRole('link').first()).toHaveAttribute('href', archiveUrl);
  await expect(memo).toContainText(`${site.host}/memo (no longer online)`);
  // The other source is as it was.
  await expect(page.locator('#source-2').getByRole('link').first()).toHaveText(
    `${site.host}/treaty`,
  );
});

test('an editor sees the review interval and sets nothing: no field, no desk sections', async ({
  browser,
}) => {
  const site = await fixtureSite();
  sites.push(site.server);
  const { id } = await publishedCitingSite('Did the port reopen after the storm?', site);
  const page = await signedInPage(browser, 'editor');
  await page.goto(`/desk/briefs/${id}`);
  await expect(page.getByRole('region', { name: 'After publication' })).toContainText(
    'Review interval: none.',
  );
  await expect(page.getByLabel('Review interval (days)')).toHaveCount(0);
  await page.goto('/desk');
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Sources needing attention' })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Re-check due' })).toHaveCount(0);
});
