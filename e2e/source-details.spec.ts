import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openEmptyBrief } from './editor-fixtures';
import { expect, expectNoAxeViolations, signedInPage, test } from './fixtures';

/**
 * Fetch details in the source form, against pages served from this machine (the app under test
 * may reach 127.0.0.1 through FACTDESK_FETCH_ALLOW, set in playwright.config.ts).
 */

const article = `<!doctype html><html><head><meta charset="utf-8">
<title>Fallback title</title>
<meta property="og:title" content="Measles cases rose in 2024, agency says">
<meta property="og:site_name" content="The Example Times">
<meta property="article:published_time" content="2024-03-05T09:00:00+01:00">
</head><body><p>Text.</p></body></html>`;

let server: Server;
let base: string;

test.beforeAll(async () => {
  server = createServer((request, response) => {
    // A second's wait: long enough to see the progress and keep typing meanwhile.
    const delay = request.url === '/slow-article' ? 1_000 : 0;
    setTimeout(() => {
      response.setHeader('content-type', 'text/html; charset=utf-8');
      response.end(article);
    }, delay);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

test('Fetch details fills the empty fields and says what it could not find', async ({
  browser,
}) => {
  const page = await signedInPage(browser, 'editor');
  await openEmptyBrief(page, 'editor');
  await page.getByRole('button', { name: 'Add source' }).first().click();
  const fetchDetails = page.getByRole('button', { name: 'Fetch details', exact: true });
  await expect(fetchDetails).toBeDisabled();
  await page.getByLabel('URL', { exact: true }).fill(`${base}/slow-article`);
  await fetchDetails.click();

  const status = page.locator('.source-form [role="status"]');
  await expect(status).toHaveText('Fetching details…');
  await expect(fetchDetails).toBeDisabled();
  // The form stays usable while the page is fetched.
  await page.getByLabel('Internal note').fill('Typed while fetching.');

  await expect(status).toHaveText('Filled title, publisher and published date. Not found: author.');
  await expect(page.getByLabel('Title')).toHaveValue('Measles cases rose in 2024, agency says');
  await expect(page.getByLabel('Publisher')).toHaveValue('The Example Times');
  await expect(page.getByLabel('Published date')).toHaveValue('2024-03-05');
  await expect(page.getByLabel('Author')).toHaveValue('');
  await expect(page.getByLabel('Internal note')).toHaveValue('Typed while fetching.');
  await expect(fetchDetails).toBeEnabled();
  await expectNoAxeViolations(page);
  // The URL row, its status line and the filled fields, clear of the sticky header.
  await page
    .getByLabel('URL', { exact: true })
    .evaluate((input) => input.scrollIntoView({ block: 'center' }));
  await page.screenshot({ path: test.info().outputPath('source-details.png') });

  // A field the editor already filled keeps what was typed.
  await page.getByLabel('Title').fill('My own title');
  await page.getByLabel('Publisher').fill('');
  await page.getByLabel('URL', { exact: true }).fill(`${base}/article`);
  await fetchDetails.click();
  await expect(status).toHaveText(
    'Filled publisher. Kept what you typed for title. Not found: author.',
  );
  await expect(page.getByLabel('Title')).toHaveValue('My own title');

  await page.getByRole('button', { name: 'Save source' }).click();
  await expect(page.locator('.source-title', { hasText: 'My own title' })).toBeVisible();
});

test('an address that cannot be fetched says why and does not stop the source being saved', async ({
  browser,
}) => {
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise<void>((resolve) => closed.close(() => resolve()));

  const page = await signedInPage(browser, 'editor');
  await openEmptyBrief(page, 'editor');
  await page.getByRole('button', { name: 'Add source' }).first().click();
  await page.getByLabel('URL', { exact: true }).fill(`http://127.0.0.1:${port}/gone`);
  await page.getByRole('button', { name: 'Fetch details', exact: true }).click();
  await expect(page.locator('.source-form [role="status"]')).toHaveText(
    `127.0.0.1:${port} refused the connection.`,
  );

  await page.getByLabel('URL', { exact: true }).fill('not an address');
  await page.getByRole('button', { name: 'Fetch details', exact: true }).click();
  await expect(page.locator('.source-form [role="status"]')).toContainText(
    'Enter a web address starting with http:// or https://, or a DOI',
  );

  await page.getByLabel('URL', { exact: true }).fill(`http://127.0.0.1:${port}/gone`);
  await page.getByLabel('Title').fill('Saved all the same');
  await page.getByRole('button', { name: 'Save source' }).click();
  await expect(page.locator('.source-title', { hasText: 'Saved all the same' })).toBeVisible();
});
