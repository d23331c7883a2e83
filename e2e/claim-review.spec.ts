import type { Page } from '@playwright/test';
import { defaultRatingScale } from '@/lib/settings/rating-scale';
import { updateRatingScale } from '@/lib/settings/site';
import { actor, completeDocument, draftBrief } from './data';
import { panel, saveStatus } from './editor-fixtures';
import { expect, expectNoAxeViolations, signedInPage, test } from './fixtures';

// The rating scale is the newsroom's one setting: whatever a test here does to it is undone, and
// the tests here run one after the other (a verdict's number is its place on the scale now).
test.describe.configure({ mode: 'serial' });
test.afterAll(async () => {
  await updateRatingScale(await actor('admin'), defaultRatingScale);
});

const claimPanel = (page: Page) => page.getByRole('region', { name: 'Claim review' });

/** Every JSON-LD object of a page's markup, parsed strictly. */
function jsonLdOf(markup: string): Record<string, unknown>[] {
  return [...markup.matchAll(/<script type="application\/ld\+json">([^<]*)<\/script>/g)].map(
    (match) => JSON.parse(match[1] ?? '') as Record<string, unknown>,
  );
}

// What Google's fact-check documentation requires of a ClaimReview (claimReviewed,
// reviewRating.alternateName, url, author with a name) and what it recommends (itemReviewed).
function expectGoogleClaimReview(data: Record<string, unknown>, url: string, verdict: string) {
  expect(data['@type']).toBe('ClaimReview');
  expect(data.url).toBe(url);
  expect(typeof data.claimReviewed).toBe('string');
  expect(data.author).toMatchObject({ '@type': 'Organization', name: expect.any(String) });
  expect(data.reviewRating).toMatchObject({
    '@type': 'Rating',
    alternateName: verdict,
    ratingValue: expect.any(Number),
    bestRating: defaultRatingScale.length,
    worstRating: 1,
  });
  expect(data.itemReviewed).toMatchObject({ '@type': 'Claim' });
}

test('a claim review is written, reviewed, published, shown under the question and listed for aggregators', async ({
  browser,
}) => {
  test.slow();
  const question = `Did the minister say taxes fell by half? ${Date.now()}`;
  const claim = `Taxes fell by half this year ${Date.now()}`;
  const { id } = await draftBrief('editor', completeDocument(question));

  const author = await signedInPage(browser, 'editor');
  await author.goto(`/desk/briefs/${id}`);
  const fields = claimPanel(author);
  await fields.getByLabel('Claim', { exact: true }).fill(claim);
  await fields.getByLabel('Claimant').fill('Minister Example');
  await fields.getByLabel('Claim date').fill('2025-11-03');
  await fields
    .getByLabel('Where the claim appeared')
    .fill('https://video.example/speech\nhttps://news.example/interview');
  await fields.getByLabel('Verdict').selectOption('Mostly false');
  await expect(fields).toContainText(defaultRatingScale[3]!.explanation);
  await expect(author.getByText('all pass')).toBeVisible();
  await author.getByRole('button', { name: 'Save version' }).click();
  await expect(saveStatus(author)).toHaveText('Saved', { timeout: 15_000 });
  await expectNoAxeViolations(author);
  await author.getByRole('button', { name: 'Submit for review' }).click();
  await expect(panel(author)).toContainText('In review');

  // The reviewer sees the claim and the verdict in the brief as readers will.
  const reviewer = await signedInPage(browser, 'reviewer');
  await reviewer.goto(`/desk/briefs/${id}/review`);
  const reviewed = claimPanel(reviewer);
  await expect(reviewed).toContainText(claim);
  await expect(reviewed).toContainText('Minister Example, November 3, 2025');
  await expect(reviewed).toContainText('Verdict: Mostly false');
  await reviewer.getByRole('checkbox', { name: 'Verified [1]' }).check();
  await reviewer.getByRole('checkbox', { name: 'Verified [2]' }).check();
  await reviewer.getByRole('button', { name: 'Approve' }).click();
  await reviewer.getByRole('link', { name: 'Open it to publish' }).click();
  await reviewer.getByRole('button', { name: 'Publish' }).click();
  await expect(panel(reviewer)).toContainText('Public: version');
  const publicPath =
    (await panel(reviewer)
      .getByRole('link', { name: 'View the public page' })
      .getAttribute('href')) ?? '';

  // Readers: the verdict under the question, with its explanation.
  const reader = await (await browser.newContext()).newPage();
  await reader.goto(publicPath);
  const shown = claimPanel(reader);
  await expect(shown).toContainText(`Claim: ${claim}`);
  await expect(shown).toContainText('Verdict: Mostly false');
  await expect(shown).toContainText(defaultRatingScale[3]!.explanation);
  await expect(shown.getByRole('link', { name: 'where it appeared' })).toHaveAttribute(
    'href',
    'https://video.example/speech',
  );
  // Right under the question: the heading comes first, then the claim review.
  const order = await reader.locator('article.brief > h1 + section.claim-review').count();
  expect(order).toBe(1);
  await expectNoAxeViolations(reader);

  const canonical = (await reader.locator('link[rel="canonical"]').getAttribute('href')) ?? '';
  const onPage = jsonLdOf(await reader.content()).filter((data) => data['@type'] === 'ClaimReview');
  expect(onPage).toHaveLength(1);
  expectGoogleClaimReview(onPage[0]!, canonical, 'Mostly false');
  expect(onPage[0]).toMatchObject({
    '@context': 'https://schema.org',
    claimReviewed: claim,
    itemReviewed: {
      author: { '@type': 'Person', name: 'Minister Example' },
      datePublished: '2025-11-03',
      firstAppearance: { '@type': 'CreativeWork', url: 'https://video.example/speech' },
      appearance: [
        { '@type': 'CreativeWork', url: 'https://video.example/speech' },
        { '@type': 'CreativeWork', url: 'https://news.example/interview' },
      ],
    },
  });

  // The list for aggregators: JSON, locked down, and this claim review as the page states it.
  const response = await reader.request.get('/claimreview.json');
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toBe('application/json; charset=utf-8');
  expect(response.headers()['x-content-type-options']).toBe('nosniff');
  expect(response.headers()['content-security-policy']).toContain("default-src 'none'");
  const list = JSON.parse(await response.text()) as {
    total: number;
    page: number;
    next: string | null;
    prev: string | null;
    claimReviews: Record<string, unknown>[];
  };
  expect(list.page).toBe(1);
  expect(list.prev).toBeNull();
  expect(list.total).toBeGreaterThanOrEqual(1);
  const listed = list.claimReviews.find((review) => review.url === canonical);
  expect(listed).toEqual(onPage[0]);
  expect((await reader.request.get('/claimreview.json?page=zero')).status()).toBe(400);
});

test('a claim review not yet complete or with a bad address says so, and keeps what was typed', async ({
  browser,
}) => {
  const { id } = await draftBrief('editor', completeDocument(`Half-written claim ${Date.now()}`));
  const author = await signedInPage(browser, 'editor');
  await author.goto(`/desk/briefs/${id}`);
  const fields = claimPanel(author);
  await fields.getByLabel('Claimant').fill('Someone');
  await fields.getByLabel('Where the claim appeared').fill('ftp://files.example/speech');
  await expect(
    fields.getByText('Line 1: enter an address starting with http:// or https://.'),
  ).toBeVisible();
  await expect(fields.getByLabel('Where the claim appeared')).toHaveAttribute(
    'aria-invalid',
    'true',
  );
  // The check names what is missing, and leads to the claim.
  const checks = author.getByRole('region', { name: /Checks/ });
  await expect(checks).toContainText('The claim review has no claim.');
  await expect(checks).toContainText('The claim review has no verdict.');
  await checks
    .getByRole('button', { name: 'A claim review has a claim and a verdict on the rating scale' })
    .click();
  await expect(fields.getByLabel('Claim', { exact: true })).toBeFocused();
  // The server refuses the address too, and the text stays as typed.
  await author.getByRole('button', { name: 'Save version' }).click();
  await expect(
    fields.getByText(
      'Where the claim appeared: enter each address starting with http:// or https://.',
    ),
  ).toBeVisible({ timeout: 15_000 });
  await expect(fields.getByLabel('Where the claim appeared')).toHaveValue(
    'ftp://files.example/speech',
  );
  await expect(fields.getByLabel('Claimant')).toHaveValue('Someone');
  // Removing the claim review leaves the brief without one: every check passes again.
  await fields.getByRole('button', { name: 'Remove claim review' }).click();
  await expect(author.getByText('all pass')).toBeVisible();
  await author.getByRole('button', { name: 'Save version' }).click();
  await expect(saveStatus(author)).toHaveText('Saved', { timeout: 15_000 });
});

test('an admin edits the rating scale, bad input is named at its field, and the editor’s Verdict follows', async ({
  browser,
}) => {
  const admin = await signedInPage(browser, 'admin');
  await admin.goto('/desk/settings');
  const scale = admin.getByRole('region', { name: 'Rating scale' });
  await expect(scale.getByRole('group')).toHaveCount(defaultRatingScale.length);
  await expectNoAxeViolations(admin);

  const newLabel = `Satire ${Date.now().toString(36)}`;
  await scale.getByRole('button', { name: 'Add level' }).click();
  const added = scale.getByRole('group', {
    name: `Level ${defaultRatingScale.length + 1} (worst)`,
  });
  await expect(added.getByLabel('Label')).toBeFocused();
  await added.getByLabel('Explanation').fill('Meant as a joke, taken as fact.');
  // A level without a label, and one named like another: each message at its field.
  await scale.getByRole('group', { name: 'Level 2' }).getByLabel('Label').fill('true');
  await scale.getByRole('button', { name: 'Save rating scale' }).click();
  await expect(scale.getByRole('alert')).toHaveText('Please correct the rating scale.');
  await expect(added).toContainText('Every level needs a label.');
  await expect(added.getByLabel('Label')).toHaveAttribute('aria-invalid', 'true');
  await expect(scale.getByRole('group', { name: 'Level 2' })).toContainText(
    '“true” is on the scale twice: every label must differ.',
  );
  // Nothing typed is lost.
  await expect(added.getByLabel('Explanation')).toHaveValue('Meant as a joke, taken as fact.');
  await expect(scale.getByRole('group', { name: 'Level 2' }).getByLabel('Label')).toHaveValue(
    'true',
  );

  await scale.getByRole('group', { name: 'Level 2' }).getByLabel('Label').fill('Mostly true');
  await added.getByLabel('Label').fill(newLabel);
  // The new level moves up above "Unsupported"; "Mixed" goes.
  await added.getByRole('button', { name: 'Move up' }).click();
  await scale
    .getByRole('group', { name: 'Level 3' })
    .getByRole('button', { name: 'Remove' })
    .click();
  await scale.getByRole('button', { name: 'Save rating scale' }).click();
  await expect(scale.getByRole('status')).toContainText('Saved');
  await admin.reload();
  await expect(
    admin
      .getByRole('region', { name: 'Rating scale' })
      .getByRole('group', { name: 'Level 5' })
      .getByLabel('Label'),
  ).toHaveValue(newLabel);

  const { id } = await draftBrief('editor', completeDocument(`Scale follows ${Date.now()}`));
  const author = await signedInPage(browser, 'editor');
  await author.goto(`/desk/briefs/${id}`);
  const verdict = claimPanel(author).getByLabel('Verdict');
  await expect(verdict.getByRole('option')).toHaveText([
    'No verdict yet',
    'True',
    'Mostly true',
    'Mostly false',
    'False',
    newLabel,
    'Unsupported',
  ]);
  await verdict.selectOption(newLabel);
  await expect(claimPanel(author)).toContainText('Meant as a joke, taken as fact.');
});

test('the rating scale is the admins’: others are refused the settings', async ({ browser }) => {
  const reviewer = await signedInPage(browser, 'reviewer');
  const refused = await reviewer.goto('/desk/settings');
  expect(refused?.status()).toBe(403);
});
