import { expect, type Page, test } from '@playwright/test';
import {
  editor,
  panel,
  publishThroughReview,
  saveStatus,
  writeCompleteBrief,
} from './editor-fixtures';
import { expectNoAxeViolations, signedInPage } from './fixtures';

async function readerPage(page: Page, path: string) {
  const response = await page.goto(path);
  expect(response?.status()).toBe(200);
}

test('a reader finds a brief on the front page, reads it and follows a citation both ways', async ({
  browser,
  page,
}) => {
  const question = `Did the council cut the library budget in ${Date.now()}?`;
  const { path } = await publishThroughReview(browser, question);
  expect(path).toMatch(/^\/briefs\/did-the-council-cut-the-library-budget-in-\d+$/);

  await page.goto('/');
  await page.getByRole('link', { name: question }).click();
  await expect(page).toHaveURL(new RegExp(`${path}$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(question);
  const checkedOn = page.locator('.checked-on time');
  await expect(checkedOn).toHaveAttribute('datetime', /^\d{4}-\d{2}-\d{2}$/);
  await expect(page.locator('.checked-on')).toContainText(/Checked on [A-Z][a-z]+ \d{1,2}, \d{4}/);

  const firstCitation = page.locator('.summary [role="doc-biblioref"]').first();
  await expect(firstCitation).toHaveText('[1]');
  await firstCitation.click();
  await expect(page).toHaveURL(/#source-1$/);
  const source = page.locator('[role="doc-bibliography"] li#source-1');
  await expect(source).toContainText('Archive memo');
  await source.locator('[role="doc-backlink"]').first().click();
  await expect(page).toHaveURL(/#cite-1-1$/);
  await expectNoAxeViolations(page);

  await page.setViewportSize({ width: 360, height: 740 });
  await page.screenshot({ path: test.info().outputPath('brief-on-a-phone.png'), fullPage: true });
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - window.innerWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
});

test('a newer draft never reaches the public, and unpublishing answers 410', async ({
  browser,
  page,
  request,
}) => {
  const question = `Was the bridge closed for repairs in ${Date.now()}?`;
  const { id, author, path } = await publishThroughReview(browser, question);
  const marker = `DRAFT-MARKER-${Date.now()}`;
  await author.goto(`/desk/briefs/${id}`);
  await editor(author, 'Body').click();
  await author.keyboard.press('ControlOrMeta+End');
  await author.keyboard.type(` ${marker}`);
  await expect(saveStatus(author)).toHaveText('Saved', { timeout: 15_000 });

  for (const url of [path, '/']) {
    const response = await request.get(url);
    expect(response.status()).toBe(200);
    expect(await response.text()).not.toContain(marker);
  }
  expect(await (await request.get(path)).text()).not.toContain('internal');

  const admin = await signedInPage(browser, 'admin');
  await admin.goto(`/desk/briefs/${id}`);
  await admin.getByLabel('Reason (audit log)').fill('Withdrawn for review');
  await admin.getByRole('button', { name: 'Unpublish' }).click();
  await expect(panel(admin)).toContainText('Unpublished');

  const gone = await request.get(path);
  expect(gone.status()).toBe(410);
  const goneHtml = await gone.text();
  expect(goneHtml).toContain('This brief has been withdrawn');
  expect(goneHtml).not.toContain(question);
  for (const url of [
    '/',
    '/feed.xml',
    '/sitemap.xml',
    `/search?q=${encodeURIComponent('bridge repairs')}`,
  ]) {
    const text = await (await request.get(url)).text();
    expect(text).not.toContain(path);
  }

  await readerPage(page, '/');
  await expectNoAxeViolations(page);
  const missing = await page.goto('/briefs/no-such-brief');
  expect(missing?.status()).toBe(404);
  await expectNoAxeViolations(page);
  const goneInBrowser = await page.goto(path);
  expect(goneInBrowser?.status()).toBe(410);
  await expectNoAxeViolations(page);
});

test('search, feed, sitemap and robots list published briefs and nothing else', async ({
  browser,
  page,
  request,
}) => {
  const stamp = Date.now();
  const question = `Did the ferry service stop in winter ${stamp}?`;
  const { id, author, path } = await publishThroughReview(browser, question);
  const draftMarker = `UNPUBLISHEDMARKER${stamp}`;
  const draft = await signedInPage(browser, 'editor');
  await writeCompleteBrief(draft, `A draft that must stay private ${draftMarker}?`);
  await author.goto(`/desk/briefs/${id}`);
  await editor(author, 'Body').click();
  await author.keyboard.press('ControlOrMeta+End');
  await author.keyboard.type(` ${draftMarker}`);
  await expect(saveStatus(author)).toHaveText('Saved', { timeout: 15_000 });

  await page.goto(`/search?q=${encodeURIComponent('ferry treaty')}`);
  await expect(page.getByRole('link', { name: question })).toBeVisible();
  await expect(page.locator('mark').first()).toBeVisible();
  await expectNoAxeViolations(page);
  await page.goto(`/search?q=${encodeURIComponent('"unbalanced ( & | !')}`);
  await expect(page.getByRole('status')).toContainText('No published brief matches');

  // The search page repeats the query, so for the marker it must find nothing.
  const search = await (await request.get(`/search?q=${draftMarker}`)).text();
  expect(search).toContain(`No published brief matches “${draftMarker}”`);
  const responses = await Promise.all(
    ['/', path, '/search?q=ferry', '/feed.xml', '/sitemap.xml', '/robots.txt'].map((url) =>
      request.get(url),
    ),
  );
  for (const response of responses) {
    expect(response.status()).toBe(200);
    expect(await response.text()).not.toContain(draftMarker);
  }
  const [, , , feed, sitemap, robots] = await Promise.all(responses.map((r) => r.text()));
  expect(feed).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
  expect(feed).toContain(question);
  expect(sitemap).toContain(`${path}</loc>`);
  expect(robots).toContain('Disallow: /desk');
  expect((await request.get(path)).headers()['content-security-policy']).toContain(
    "script-src 'none'",
  );

  // Staff preview the draft; readers cannot.
  await author.goto(`/desk/briefs/${id}/preview`);
  await expect(author.getByRole('note')).toContainText('not published');
  await expect(author.locator('.body')).toContainText(draftMarker);
  const anonymous = await request.get(`/desk/briefs/${id}/preview`, { maxRedirects: 0 });
  expect(anonymous.status()).toBe(303);
});
