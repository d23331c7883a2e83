import type { Page } from '@playwright/test';
import postgres from 'postgres';
import {
  appendToBody,
  approveAndPublish,
  completeDocument,
  draftBrief,
  publishedBrief,
  submit,
  unpublish,
} from './data';
import { addSource, editor, newBrief, saveStatus } from './editor-fixtures';
import { expect, expectNoAxeViolations, signedInPage, test } from './fixtures';

async function readerPage(page: Page, path: string) {
  const response = await page.goto(path);
  expect(response?.status()).toBe(200);
}

// The reader's journey; the briefs of this file are written, reviewed and published through lib
// (e2e/data.ts).
test('a reader finds a brief on the front page, reads it and follows a citation both ways', async ({
  page,
}) => {
  const question = `Did the council cut the library budget in ${Date.now()}?`;
  const { path } = await publishedBrief(question);
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
  page,
  request,
}) => {
  const question = `Was the bridge closed for repairs in ${Date.now()}?`;
  const { id, path } = await publishedBrief(question);
  const marker = `DRAFT-MARKER-${Date.now()}`;
  await appendToBody(id, ` ${marker}`);

  for (const url of [path, '/']) {
    const response = await request.get(url);
    expect(response.status()).toBe(200);
    expect(await response.text()).not.toContain(marker);
  }
  expect(await (await request.get(path)).text()).not.toContain('internal');

  await unpublish(id, path, 'Withdrawn for review');

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
  const { id, path } = await publishedBrief(question);
  const draftMarker = `UNPUBLISHEDMARKER${stamp}`;
  await draftBrief('editor', completeDocument(`A draft that must stay private ${draftMarker}?`));
  await appendToBody(id, ` ${draftMarker}`);

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
  const author = await signedInPage(browser, 'editor');
  await author.goto(`/desk/briefs/${id}/preview`);
  await expect(author.getByRole('note')).toContainText('not published');
  await expect(author.locator('.body')).toContainText(draftMarker);
  const anonymous = await request.get(`/desk/briefs/${id}/preview`, { maxRedirects: 0 });
  expect(anonymous.status()).toBe(303);
});

test('every answer says how a shared cache may keep it, and a kept page is revalidated with a 304', async ({
  browser,
  request,
}) => {
  const { path } = await publishedBrief(`Did the tram line close in ${Date.now()}?`);
  const shared = 'public, max-age=0, s-maxage=300, stale-while-revalidate=30';
  const page = await request.get(path);
  expect(page.status()).toBe(200);
  expect(page.headers()['cache-control']).toBe(shared);
  expect(page.headers()['surrogate-key']).toBe(`brief-${path.split('/').pop()} site`);
  expect(page.headers()['cache-tag']).toBe(`brief-${path.split('/').pop()},site`);
  const etag = page.headers().etag ?? '';
  expect(etag).toMatch(/^"[\w-]{27}"$/);
  const again = await request.get(path, { headers: { 'if-none-match': etag } });
  expect(again.status()).toBe(304);
  expect(await again.body()).toHaveLength(0);
  // A 304 says what the 200 would (RFC 9110): a cache that revalidates keeps the page as long.
  expect(again.headers()['cache-control']).toBe(shared);
  expect(again.headers().etag).toBe(etag);

  for (const list of ['/', '/feed.xml', '/sitemap.xml', '/corrections']) {
    const answer = await request.get(list);
    expect(answer.headers()['cache-control'], list).toBe(shared);
    expect(answer.headers()['surrogate-key'], list).toBe('lists site');
  }
  // Addresses no purge could name are kept by nobody.
  for (const uncached of ['/search?q=tram', '/?page=1', `${path}?utm_source=x`, '/feed.xml?x=1']) {
    const answer = await request.get(uncached);
    expect(answer.headers()['cache-control'], uncached).toBe('no-store');
    expect(answer.headers()['surrogate-key'], uncached).toBeUndefined();
  }
  // The newsroom and the login are private, signed in or not.
  expect((await request.get('/login')).headers()['cache-control']).toBe('private, no-store');
  const anonymous = await request.get('/desk', { maxRedirects: 0 });
  expect(anonymous.headers()['cache-control']).toBe('private, no-store');
  const editorPage = await signedInPage(browser, 'editor');
  const desk = await editorPage.goto('/desk');
  expect(desk?.headers()['cache-control']).toBe('private, no-store');
  expect(desk?.headers()['surrogate-key']).toBeUndefined();
});

test('every HTML response carries the CSP, prefetches and not-found pages included', async ({
  request,
}) => {
  const prefetches: Record<string, string>[] = [
    { 'next-router-prefetch': '1' },
    { purpose: 'prefetch' },
    {},
  ];
  for (const path of ['/', '/search?q=ferry', '/login', '/briefs/a/b', '/api/nothing-here']) {
    for (const headers of prefetches) {
      const response = await request.get(path, { headers, maxRedirects: 0 });
      const label = `${path} ${JSON.stringify(headers)}`;
      expect(response.headers()['content-type'], label).toContain('text/html');
      expect(response.headers()['content-security-policy'], label).toMatch(
        /script-src 'self' 'nonce-[^']+' 'strict-dynamic'/,
      );
    }
  }
  // The feed, sitemap and robots.txt run nothing and are allowed nothing.
  for (const path of ['/feed.xml', '/sitemap.xml', '/robots.txt']) {
    const headers = (await request.get(path, { headers: { purpose: 'prefetch' } })).headers();
    expect(headers['content-security-policy'], path).toMatch(/^default-src 'none';.*sandbox/);
    expect(headers['x-content-type-options'], path).toBe('nosniff');
  }
});

test('every page links a favicon that answers, and /favicon.ico answers too', async ({ page }) => {
  const { path } = await publishedBrief(`Has an icon ${Date.now()}`);
  // The desk and login pages come from Next.js; brief pages render their own HTML.
  for (const address of ['/', '/login', path]) {
    await readerPage(page, address);
    const icon = await page.locator('link[rel="icon"]').first().getAttribute('href');
    expect(icon, `icon link on ${address}`).toBeTruthy();
    const response = await page.request.get(icon ?? '');
    expect(response.status(), `icon of ${address}`).toBe(200);
    expect(response.headers()['content-type']).toMatch(/^image\//);
  }
  const ico = await page.request.get('/favicon.ico');
  expect(ico.status()).toBe(200);
  expect(ico.headers()['content-type']).toMatch(/^image\//);
});

test('a search holding U+0000 finds nothing instead of failing', async ({ page }) => {
  const response = await page.goto('/search?q=%00');
  expect(response?.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Search');
  await expect(page.getByLabel('Search the briefs')).toHaveValue(' ');
  const typed = await page.goto('/search?q=ferry%00treaty%01');
  expect(typed?.status()).toBe(200);
  await expect(page.getByLabel('Search the briefs')).toHaveValue('ferry treaty ');
  await expect(page.getByRole('status')).toBeVisible();
});

test('the editor raises no Content-Security-Policy violation', async ({ browser }) => {
  const page = await signedInPage(browser, 'editor');
  const violations: string[] = [];
  await page.exposeFunction('reportViolation', (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener(
      'securitypolicyviolation',
      (event) => {
        (window as unknown as { reportViolation: (t: string) => void }).reportViolation(
          `${event.violatedDirective} ${event.blockedURI}`,
        );
      },
      true,
    );
  });
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await newBrief(page);
  await page.getByLabel('Question', { exact: true }).fill('Does the editor obey the policy?');
  await addSource(page, { title: 'Policy memo', url: 'https://example.org/policy' });
  await editor(page, 'Body').click();
  await page.keyboard.type('Text that is saved. ');
  await expect(saveStatus(page)).toHaveText('Saved', { timeout: 15_000 });
  await page.reload();
  await expect(editor(page, 'Body')).toContainText('Text that is saved.');
  expect(violations).toEqual([]);
});

test('an address holding bidirectional controls is shown without them, in the desk and to readers', async ({
  browser,
}) => {
  const database = postgres(process.env.E2E_DATABASE_URL ?? '', { max: 1, onnotice: () => {} });
  try {
    const { id } = await draftBrief(
      'editor',
      completeDocument(`Was the address spoofed in ${Date.now()}?`),
    );
    // Stored before the input boundary refused such characters: written straight to the database.
    const spoofed = 'https://evil.example/\u202Emoc.elgoog';
    const updated = await database`
      update brief_versions v
      set content = jsonb_set(v.content, '{sources,0,url}', to_jsonb(${spoofed}::text))
      from briefs b
      where b.id = ${id} and v.id = b.head_version_id and not v.frozen
      returning v.id`;
    expect(updated).toHaveLength(1);
    const shown = 'evil.example/moc.elgoog';

    const author = await signedInPage(browser, 'editor');
    await author.goto(`/desk/briefs/${id}`);
    const sourceLink = author.locator('.source-meta a').first();
    await expect(sourceLink).toHaveText(shown);
    expect(await author.locator('main').textContent()).not.toContain('\u202E');
    await submit(id);

    const reviewer = await signedInPage(browser, 'reviewer');
    await reviewer.goto(`/desk/briefs/${id}/review`);
    await expect(reviewer.locator('.source-meta a').first()).toHaveText(`https://${shown}`);
    expect(await reviewer.locator('main').textContent()).not.toContain('\u202E');
    await reviewer.goto(await approveAndPublish(id));
    await expect(reviewer.locator('#source-1 a').first()).toHaveText(shown);
    expect(await reviewer.content()).not.toContain('\u202E');
  } finally {
    await database.end({ timeout: 5 });
  }
});
