import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { addSource, openEmptyBrief } from './editor-fixtures';
import { signedInPage } from './fixtures';

/** The pages the sources point at: served by the test itself, on this machine. */
let server: Server;
let base = '';
let articleRequests = 0;

test.beforeAll(async () => {
  server = createServer((request, response) => {
    if (request.url === '/article') {
      articleRequests += 1;
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(
        `<!doctype html><html><head><title>Budget</title></head><body><article><p>The minister said the budget would grow by four per cent.</p></article></body></html>`,
      );
    } else {
      response.writeHead(404, { 'content-type': 'text/html' });
      response.end('<p>Gone</p>');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
test.afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

test('a source saved with an address is captured, says when and how, and can be captured again', async ({
  browser,
}) => {
  const page = await signedInPage(browser, 'editor');
  await openEmptyBrief(page, 'editor');
  await addSource(page, { title: 'Budget statement', url: `${base}/article` });
  await addSource(page, { title: 'Vanished page', url: `${base}/vanished` });
  const card = (title: string) => page.locator('.source-item', { hasText: title });
  // Before the save that stores the source, nothing has been asked for.
  await expect(card('Budget statement')).toContainText('Not captured yet');
  await page.getByRole('button', { name: 'Save version' }).click();

  await expect(card('Budget statement').getByRole('status')).toHaveText(
    /^Captured .+ \(HTTP 200\)$/,
    { timeout: 20_000 },
  );
  await expect(card('Vanished page').getByRole('status')).toHaveText(
    /^Capture failed .+: 127\.0\.0\.1:\d+ answered HTTP 404: the page was not captured\.$/,
    { timeout: 20_000 },
  );

  expect(articleRequests).toBe(1);
  await card('Budget statement')
    .getByRole('button', { name: 'Capture again Budget statement' })
    .click();
  await expect.poll(() => articleRequests, { timeout: 20_000 }).toBe(2);
  await expect(card('Budget statement').getByRole('status')).toHaveText(
    /^Captured .+ \(HTTP 200\)$/,
  );
  await page.locator('.source-item', { hasText: 'Budget statement' }).screenshot({
    path: test.info().outputPath('capture-card.png'),
  });
});
