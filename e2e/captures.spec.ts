import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { requestMissingCaptures } from '@/lib/sources/captures';
import { actor, completeDocument, draftBrief, submit } from './data';
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
    } else if (request.url === '/treaty') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(
        '<!doctype html><html><head><title>Treaty</title></head><body><main><h1>Final act</h1><p>Article 5. The parties agree that “no new bases” will be built east of the line—none at all—during the treaty’s term, and that troops may rotate.</p></main></body></html>',
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
  await expect(card('Budget statement').getByRole('link', { name: 'View capture' })).toBeVisible();
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

test('a source with an address but no capture yet (saved before captures existed) is captured on request', async ({
  browser,
}) => {
  const document = completeDocument(`Never captured ${Date.now()}`);
  document.sources = document.sources.map((source, index) =>
    index === 0 ? { ...source, url: `${base}/article` } : source,
  );
  // Made through lib without asking for captures, as a brief saved before they existed.
  const { id } = await draftBrief('editor', document);
  const page = await signedInPage(browser, 'editor');
  await page.goto(`/desk/briefs/${id}`);
  const card = page.locator('.source-item', { hasText: 'Archive memo' });
  await expect(card.getByRole('status')).toHaveText(
    'Not captured yet: the page is captured when the brief is saved.',
  );
  const before = articleRequests;
  await card.getByRole('button', { name: 'Capture now Archive memo' }).click();
  await expect(card.getByRole('status')).toHaveText(/^Captured .+ \(HTTP 200\)$/, {
    timeout: 20_000,
  });
  expect(articleRequests).toBe(before + 1);
});

test('the review screen shows each capture, whether the quote is in it, and the citing sentences with their pinpoints', async ({
  browser,
}) => {
  const document = completeDocument(`Captured evidence ${Date.now()}`);
  const [memo, treaty] = document.sources;
  // The memo's quote is not on its page; the treaty's is, typed with straight quotes and a
  // hyphen where the page has curly ones and an em dash.
  document.sources = [
    { ...memo!, url: `${base}/article`, quote: 'We promise nothing.' },
    {
      ...treaty!,
      url: `${base}/treaty`,
      quote: '"No new bases" will be built east of the line - none at all',
    },
  ];
  const body = document.body.content?.[0];
  const citation = body?.content?.find((node) => node.type === 'citation');
  if (citation?.attrs) citation.attrs.locator = 'art. 5';
  const { id } = await draftBrief('editor', document);
  await requestMissingCaptures(await actor('editor'), id);
  await submit(id);

  const page = await signedInPage(browser, 'reviewer');
  const item = (title: string) => page.locator('.review-sources > li', { hasText: title });
  await expect(async () => {
    await page.goto(`/desk/briefs/${id}/review`);
    await expect(item('Treaty text')).toContainText('Captured', { timeout: 1000 });
    await expect(item('Archive memo')).toContainText('Captured', { timeout: 1000 });
  }).toPass({ timeout: 20_000 });

  await expect(item('Treaty text').locator('.capture-status')).toHaveText(
    /^Captured .+ \(HTTP 200\)\. View the captured text$/,
  );
  await expect(item('Treaty text').locator('.quote-check')).toHaveText(
    'Quote found in the captured page',
  );
  await expect(item('Treaty text').locator('.passage mark')).toHaveText(
    '“no new bases” will be built east of the line—none at all',
  );
  await expect(item('Treaty text').locator('.passage')).toContainText(
    'Article 5. The parties agree that',
  );
  await expect(item('Treaty text').locator('.citing')).toContainText(
    'The treaty says nothing about it. [2, art. 5]',
  );
  await expect(item('Archive memo').locator('.quote-check')).toHaveText(
    'Quote not found in the captured page',
  );
  await item('Treaty text').screenshot({ path: test.info().outputPath('review-capture.png') });

  // The capture itself: what was fetched, and the text read from it.
  await item('Treaty text').getByRole('link', { name: 'View the captured text' }).click();
  await expect(page.getByRole('heading', { name: 'Captured page' })).toBeVisible();
  await expect(page.locator('.facts')).toContainText(`${base}/treaty`);
  await expect(page.locator('.facts')).toContainText(/SHA-256\s*[0-9a-f]{64}/);
  await expect(page.locator('.captured-text')).toContainText(
    'Article 5. The parties agree that “no new bases” will be built',
  );
  await page.screenshot({ path: test.info().outputPath('capture-page.png'), fullPage: true });
});
