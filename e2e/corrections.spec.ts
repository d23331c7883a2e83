import { formatCheckedOn } from '@/lib/content/dates';
import { descendants, parseStrictXml, textOf } from '@/lib/publication/test-xml';
import { publishedBrief } from './data';
import { panel } from './editor-fixtures';
import { confirmDialog, expect, expectNoAxeViolations, signedInPage, test } from './fixtures';

// Corrections made visible: the notice near the top of a corrected brief, /corrections and its
// feed, the button named by the kind, and the reason readers are given when a brief comes down.
test('a clarification shows on the brief, on /corrections and in its feed; an unpublished brief says why', async ({
  browser,
  page,
}) => {
  const stamp = Date.now();
  const question = `Did the ferry stop running in ${stamp}?`;
  const note = `The ferry stopped on weekdays only (${stamp}).`;
  const { id, path } = await publishedBrief(question);

  // The button says what it adds.
  const admin = await signedInPage(browser, 'admin');
  await admin.goto(`/desk/briefs/${id}`);
  await panel(admin).getByText('Add a correction, clarification or update').click();
  await expect(admin.getByRole('button', { name: 'Add correction' })).toBeVisible();
  await admin.getByLabel('Kind').selectOption('clarification');
  await expect(admin.getByRole('button', { name: 'Add correction' })).toHaveCount(0);
  await admin.getByRole('textbox', { name: 'Note for readers' }).fill(note);
  await admin.getByRole('button', { name: 'Add clarification' }).click();
  await expect(panel(admin)).toContainText(`clarification: ${note}`);
  // The emptied form names the default kind again.
  await expect(admin.getByRole('button', { name: 'Add correction' })).toBeVisible();

  // The public page says so near the top, linking to the note.
  expect((await page.goto(path))?.status()).toBe(200);
  const notice = page.locator('article .correction-notice');
  const noticeLink = notice.getByRole('link', { name: /^Clarified on / });
  const day = (await noticeLink.locator('time').getAttribute('datetime')) ?? '';
  expect(day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  await expect(noticeLink).toHaveText(`Clarified on ${formatCheckedOn(day)}`);
  const summaryHeading = page.getByRole('heading', { name: 'Executive summary' });
  expect((await notice.boundingBox())!.y).toBeLessThan((await summaryHeading.boundingBox())!.y);
  const anchor = (await noticeLink.getAttribute('href')) ?? '';
  expect(anchor).toMatch(/^#correction-[0-9a-f-]{36}$/);
  await noticeLink.click();
  await expect(page).toHaveURL(new RegExp(`${anchor}$`));
  const entry = page.locator(anchor);
  await expect(entry).toContainText(`Clarification: ${note}`);
  await expect(entry).toBeInViewport();

  // /corrections lists it, linking to the note on the brief.
  expect((await page.goto('/corrections'))?.status()).toBe(200);
  await expect(page).toHaveTitle(/^Corrections and updates — /);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Corrections and updates');
  const item = page.getByRole('listitem').filter({ hasText: note });
  await expect(item).toHaveCount(1);
  await expect(item).toContainText(`Clarification, ${formatCheckedOn(day)}`);
  await expect(item.getByRole('link', { name: question })).toHaveAttribute(
    'href',
    `${path}${anchor}`,
  );
  await expect(page.locator('link[rel="alternate"][type="application/atom+xml"]')).toHaveAttribute(
    'href',
    /\/corrections\.xml$/,
  );
  await expectNoAxeViolations(page);

  // Its feed parses strictly and holds the entry.
  const feedResponse = await page.request.get('/corrections.xml');
  expect(feedResponse.headers()['content-type']).toContain('application/atom+xml');
  const feed = parseStrictXml(await feedResponse.text());
  const entryOf = (root: ReturnType<typeof parseStrictXml>) =>
    descendants(root, 'entry').find((e) => textOf(descendants(e, 'summary')[0]!) === note);
  const feedEntry = entryOf(feed);
  expect(feedEntry).toBeDefined();
  expect(textOf(descendants(feedEntry!, 'title')[0]!)).toBe(`Clarification: ${question}`);
  expect(descendants(feedEntry!, 'link')[0]!.attributes.href).toMatch(
    new RegExp(`${path}${anchor}$`),
  );
  expect(textOf(descendants(feedEntry!, 'id')[0]!)).toBe(
    `urn:uuid:${anchor.slice('#correction-'.length)}`,
  );

  // Unpublished with a notice for readers: the 410 page gives it, never the internal reason.
  await admin.goto(`/desk/briefs/${id}`);
  await admin.getByLabel('Reason (audit log)').fill(`Internal legal hold ${stamp}`);
  await admin
    .getByRole('textbox', { name: 'Notice for readers' })
    .fill('A source we relied on withdrew its figures; we are checking the brief again.');
  await admin.getByRole('button', { name: 'Unpublish' }).click();
  await confirmDialog(admin, 'Unpublish');
  await expect(panel(admin)).toContainText('Unpublished: the public page answers 410.');

  expect((await page.goto(path))?.status()).toBe(410);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('This brief has been withdrawn');
  await expect(page.getByRole('region', { name: 'Why it was withdrawn' })).toContainText(
    'A source we relied on withdrew its figures; we are checking the brief again.',
  );
  await expect(page.locator('main time')).toHaveAttribute('datetime', /^\d{4}-\d{2}-\d{2}$/);
  await expect(page.locator('body')).not.toContainText('Internal legal hold');
  await expectNoAxeViolations(page);

  // Its notes leave the public lists with it.
  await page.goto('/corrections');
  await expect(page.getByRole('listitem').filter({ hasText: note })).toHaveCount(0);
  const after = parseStrictXml(await (await page.request.get('/corrections.xml')).text());
  expect(entryOf(after)).toBeUndefined();
});
