import { expect, signedInPage, test } from './fixtures';

/**
 * An id that no row can have, in an address: a plain "not found", never a database error. lib
 * checks ids before it queries; pages and route handlers turn its NotFoundError into 404.
 */
const badIds = [
  'not-a-uuid',
  '00000000-0000-4000-8000-00000000000',
  '00000000-0000-4000-8000-000000000000x',
  "1' or '1'='1",
];

test('bad brief ids in newsroom pages and downloads are 404', async ({ browser }) => {
  const page = await signedInPage(browser, 'reviewer');
  for (const id of badIds) {
    for (const path of [
      `/desk/briefs/${id}`,
      `/desk/briefs/${id}/history`,
      `/desk/briefs/${id}/history?view=1`,
      `/desk/briefs/${id}/review`,
      `/desk/briefs/${id}/review?recheck=1`,
      `/desk/briefs/${id}/preview`,
      `/desk/briefs/${id}/export?format=json`,
    ]) {
      const response = await page.request.get(path, { maxRedirects: 0 });
      expect(response.status(), path).toBe(404);
    }
  }
  // A well-formed id of no brief is not found either.
  const unknown = '00000000-0000-4000-8000-000000000000';
  for (const path of [`/desk/briefs/${unknown}`, `/desk/briefs/${unknown}/history`]) {
    expect((await page.request.get(path)).status(), path).toBe(404);
  }
  // What a person sees: the not-found page, with no trace of the database.
  const shown = await page.goto('/desk/briefs/not-a-uuid/history');
  expect(shown?.status()).toBe(404);
  await expect(page.locator('body')).not.toContainText(/syntax|uuid|postgres/i);
});

test('bad brief ids in the editor’s JSON routes are 404 with a message', async ({ browser }) => {
  const page = await signedInPage(browser, 'editor');
  for (const id of badIds) {
    const save = await page.request.post(`/api/briefs/${encodeURIComponent(id)}/save`, {
      data: { baseRevision: 1, kind: 'save', document: {} },
    });
    expect(save.status(), id).toBe(404);
    expect(await save.json()).toMatchObject({ error: 'This brief does not exist.' });
    const presence = await page.request.post(`/api/briefs/${encodeURIComponent(id)}/presence`, {
      data: {},
    });
    expect(presence.status(), id).toBe(404);
  }
});

test('without a session, a bad id still asks to sign in first', async ({ browser }) => {
  const anonymous = await (await browser.newContext()).newPage();
  const page = await anonymous.request.get('/desk/briefs/not-a-uuid', { maxRedirects: 0 });
  expect(page.status()).toBe(307);
  expect(page.headers().location).toContain('/login?callbackUrl=');
  const save = await anonymous.request.post('/api/briefs/not-a-uuid/save', {
    data: { baseRevision: 1, kind: 'save', document: {} },
  });
  expect(save.status()).toBe(401);
});
