import type { Page } from '@playwright/test';
import { publishedBrief } from './data';
import { expect, expectNoAxeViolations, signedInPage, storedSignInPath, test } from './fixtures';
import { type Instance, startInstance } from './instances';

/**
 * Readers write in: `Report an error` on every brief page and `Suggest a question` on the front
 * page, without JavaScript; the newsroom handles them at /desk/reports; nothing a reader sends
 * is shown publicly. The shared server counts every report of this file against one address
 * (this machine's): at most 5 an hour, so this file sends at most 3 through it. The flood runs
 * against an instance of its own that trusts this machine as a proxy, so that X-Forwarded-For
 * names the "addresses" it needs.
 */

const LIMIT = 5;

/** A word no other test writes, to find a report by (and to be sure no public page shows it). */
function uniqueWord(label: string): string {
  return `${label}${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
}

/**
 * The public pages (of `paths`, and a search for `word`) that show `hidden`, a word sent beside
 * `word` (the search page repeats its query, so it is searched by the one and read for the other).
 */
async function publicPagesShow(
  page: Page,
  paths: string[],
  word: string,
  hidden: string,
): Promise<string[]> {
  const showing: string[] = [];
  const search = await page.request.get(`/search?q=${word}`);
  const found = await search.text();
  expect(found).toContain(`No published brief matches “${word}”.`);
  if (found.includes(hidden)) showing.push('/search');
  for (const path of paths) {
    const text = await (await page.request.get(path)).text();
    if (text.includes(word) || text.includes(hidden)) showing.push(path);
  }
  return showing;
}

// axe runs in the page: the pages these tests see without JavaScript are checked with it at the
// end of this file.
test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('a reader reports an error from a brief page; a reviewer sees it with the version read and resolves it; nothing of it is public', async ({
    page,
    browser,
  }) => {
    const question = `Did the harbour ferry stop running in ${Date.now()}?`;
    const { id, path } = await publishedBrief(question);
    test.slow();
    const word = uniqueWord('ferrytypo');
    const hidden = uniqueWord('ferrysecret');
    const message = `The second paragraph says 1987, but source 2 says 1978. (${word} ${hidden})`;

    await page.goto(path);
    const form = page.getByRole('form', { name: 'Report an error' });
    await expect(form).toBeVisible();
    // The honeypot is out of sight and out of the tab order.
    await expect(form.locator('input[name="website"]')).not.toBeInViewport();
    await expect(form.locator('input[name="website"]')).toHaveAttribute('tabindex', '-1');

    // Bad input: the message next to the field, and what was typed kept.
    await form.getByLabel('What is wrong?').fill('Wrong.');
    await form.getByLabel('Your email').fill('not an email');
    await form.getByRole('button', { name: 'Send report' }).click();
    const again = page.getByRole('form', { name: 'Report an error' });
    await expect(page.getByRole('heading', { level: 1, name: 'Report an error' })).toBeVisible();
    await expect(again.getByLabel('What is wrong?')).toHaveValue('Wrong.');
    await expect(again.getByLabel('What is wrong?')).toHaveAccessibleDescription(
      /needs at least 10 characters/,
    );
    await expect(again.getByLabel('Your email')).toHaveValue('not an email');
    await expect(again.getByLabel('Your email')).toHaveAccessibleDescription(
      /Enter a valid email address/,
    );

    await again.getByLabel('What is wrong?').fill(message);
    await again.getByLabel('Your email').fill('reader@example.org');
    await again.getByRole('button', { name: 'Send report' }).click();
    await expect(
      page.getByRole('heading', { level: 1, name: 'Thank you for your report' }),
    ).toBeVisible();
    await page.getByRole('link', { name: 'Back to the brief' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(question);

    // The newsroom's queue: the report, the brief it names and the version the reader saw.
    // The newsroom with JavaScript (contexts opened here would take this block's setting).
    const reviewer = await (
      await browser.newContext({
        storageState: storedSignInPath('reviewer'),
        javaScriptEnabled: true,
      })
    ).newPage();
    await reviewer.goto('/desk/reports');
    await expect(
      reviewer.getByRole('navigation', { name: 'Newsroom' }).getByRole('link', { name: /Reports/ }),
    ).toBeVisible();
    const report = reviewer.getByRole('article').filter({ hasText: word });
    await expect(report).toHaveCount(1);
    await expect(report.getByRole('heading')).toContainText('Error report');
    await expect(report).toContainText('version 2 (the version the reader saw)');
    await expect(report.getByRole('link', { name: question })).toHaveAttribute(
      'href',
      `/desk/briefs/${id}`,
    );
    await expect(report.getByRole('link', { name: 'Public page' })).toHaveAttribute('href', path);
    await expect(report.getByRole('link', { name: 'reader@example.org' })).toHaveAttribute(
      'href',
      'mailto:reader@example.org',
    );
    await expectNoAxeViolations(reviewer);

    await report.getByLabel('Note (optional)').fill('Year fixed in a correction.');
    await report.getByRole('button', { name: 'Resolve' }).click();
    await expect(reviewer.getByRole('article').filter({ hasText: word })).toHaveCount(0);
    await reviewer
      .getByRole('navigation', { name: 'Report status' })
      .getByRole('link', { name: /^Resolved/ })
      .click();
    const resolved = reviewer.getByRole('article').filter({ hasText: word });
    await expect(resolved.getByRole('listitem')).toContainText(
      /moved it from New to Resolved: “Year fixed in a correction\.”/,
    );
    await expect(resolved.getByRole('button', { name: 'Reopen' })).toBeVisible();

    // Nowhere public: the brief page, search, the feeds, the lists.
    expect(
      await publicPagesShow(
        page,
        [path, '/', '/feed.xml', '/sitemap.xml', '/corrections', '/corrections.xml'],
        word,
        hidden,
      ),
    ).toEqual([]);

    // Staff previews post no reports.
    const preview = await signedInPage(browser, 'editor');
    await preview.goto(`/desk/briefs/${id}/preview`);
    await expect(preview.getByRole('heading', { level: 1 })).toHaveText(question);
    await expect(preview.getByRole('form', { name: 'Report an error' })).toHaveCount(0);
  });

  test('a reader suggests a question from the front page', async ({ page, browser }) => {
    const word = uniqueWord('tramline');
    const hidden = uniqueWord('tramsecret');
    await page.goto('/');
    const form = page.getByRole('form', { name: 'Suggest a question' });
    await form
      .getByLabel('Your question')
      .fill(`Is the ${word} tram line really closing next year (${hidden})?`);
    await form.getByRole('button', { name: 'Send question' }).click();
    await expect(
      page.getByRole('heading', { level: 1, name: 'Thank you for your question' }),
    ).toBeVisible();

    const reviewer = await signedInPage(browser, 'reviewer');
    await reviewer.goto('/desk/reports');
    const report = reviewer.getByRole('article').filter({ hasText: word });
    await expect(report.getByRole('heading')).toContainText('Suggested question');
    await expect(report).toContainText('No email given.');
    expect(await publicPagesShow(page, ['/', '/feed.xml'], word, hidden)).toEqual([]);
  });
});

test('bad input on the front page keeps what was typed, with the message next to the field', async ({
  page,
}) => {
  await page.goto('/');
  const form = page.getByRole('form', { name: 'Suggest a question' });
  await expectNoAxeViolations(page);
  await form.getByLabel('Your question').fill('Why?');
  await form.getByLabel('Your email').fill('reader@example.org');
  await form.getByRole('button', { name: 'Send question' }).click();
  const again = page.getByRole('form', { name: 'Suggest a question' });
  await expect(again.getByLabel('Your question')).toHaveValue('Why?');
  await expect(again.getByLabel('Your question')).toHaveAttribute('aria-invalid', 'true');
  await expect(again.getByLabel('Your question')).toHaveAccessibleDescription(
    /Your question needs at least 10 characters/,
  );
  await expect(again.getByLabel('Your email')).toHaveValue('reader@example.org');
  await expectNoAxeViolations(page);
});

test('the desk queue is refused to editors and not in their navigation', async ({ browser }) => {
  const editor = await signedInPage(browser, 'editor');
  const response = await editor.goto('/desk/reports');
  expect(response?.status()).toBe(403);
  await editor.goto('/desk');
  await expect(
    editor.getByRole('navigation', { name: 'Newsroom' }).getByRole('link', { name: /Reports/ }),
  ).toHaveCount(0);
});

test.describe('behind a trusted proxy', () => {
  // One instance for both tests.
  test.describe.configure({ mode: 'serial' });
  let instance: Instance;
  test.beforeAll(async () => {
    test.setTimeout(150_000);
    instance = await startInstance(process.env.E2E_DATABASE_URL ?? '', {
      FACTDESK_TRUSTED_PROXIES: '127.0.0.1',
    });
  });
  test.afterAll(async () => {
    await instance?.stop();
  });

  test('a report flood from one address stops at the limit while another address still gets through', async ({
    page,
    request,
  }) => {
    // Addresses of the documentation range no other test uses, new for every run.
    const block = Math.floor(Math.random() * 200) + 1;
    const flooder = `203.0.113.${block}`;
    const other = `198.51.100.${block}`;
    const send = (address: string, n: number) =>
      request.post(`${instance.url}/suggest`, {
        form: { message: `Flood question number ${n} from ${address}?`, email: '', website: '' },
        headers: { 'x-forwarded-for': address },
        maxRedirects: 0,
      });
    const statuses: number[] = [];
    for (let n = 1; n <= LIMIT + 3; n++) statuses.push((await send(flooder, n)).status());
    expect(statuses).toEqual([...Array(LIMIT).fill(200), 429, 429, 429]);
    const refused = await send(flooder, 99);
    expect(Number(refused.headers()['retry-after'])).toBeGreaterThan(3000);
    expect(await refused.text()).toContain('Too many messages from your address');
    expect((await send(other, 1)).status()).toBe(200);

    // A robot that fills the honeypot is told it worked; nothing is stored (the reviewer's
    // queue is checked in the db tests).
    const trapped = await request.post(`${instance.url}/suggest`, {
      form: { message: 'Cheap watches for every reader!', website: 'https://spam.example' },
      headers: { 'x-forwarded-for': `192.0.2.${block}` },
    });
    expect(trapped.status()).toBe(200);
    expect(await trapped.text()).toContain('Thank you for your question');

    // What the flooder's browser sees.
    await page.setExtraHTTPHeaders({ 'x-forwarded-for': flooder });
    await page.goto(`${instance.url}/`);
    const form = page.getByRole('form', { name: 'Suggest a question' });
    await form.getByLabel('Your question').fill('One more question from the flood?');
    await form.getByRole('button', { name: 'Send question' }).click();
    await expect(
      page.getByRole('heading', { level: 1, name: 'Too many messages from your address' }),
    ).toBeVisible();
    await expect(page.getByText(/Try again in \d+ minutes\./)).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test('the readers’ forms and the pages that answer them pass axe', async ({ page }) => {
    const question = `Did the night bus route change in ${Date.now()}?`;
    const { path } = await publishedBrief(question);
    await page.setExtraHTTPHeaders({
      'x-forwarded-for': `192.0.2.${Math.floor(Math.random() * 200) + 1}`,
    });
    await page.goto(`${instance.url}${path}`);
    const form = page.getByRole('form', { name: 'Report an error' });
    await expectNoAxeViolations(page);
    await form.getByLabel('What is wrong?').fill('Short.');
    await form.getByRole('button', { name: 'Send report' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Report an error' })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByLabel('What is wrong?').fill('The route map in the body is the old one.');
    await page.getByRole('button', { name: 'Send report' }).click();
    await expect(
      page.getByRole('heading', { level: 1, name: 'Thank you for your report' }),
    ).toBeVisible();
    await expectNoAxeViolations(page);

    await page.goto(`${instance.url}/`);
    await page.getByLabel('Your question').fill('Are night buses really used by so few people?');
    await page.getByRole('button', { name: 'Send question' }).click();
    await expect(
      page.getByRole('heading', { level: 1, name: 'Thank you for your question' }),
    ).toBeVisible();
    await expectNoAxeViolations(page);
  });
});
