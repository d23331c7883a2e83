import type { Page } from '@playwright/test';
import { makeSource } from '@/lib/content/test-fixtures';
import { editor, openEmptyBrief, saveStatus } from './editor-fixtures';
import { confirmDialog, expect, signedInPage, test } from './fixtures';

const paragraphOf = (text: string) => ({
  type: 'doc',
  content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
});
const emptyPart = { type: 'doc', content: [{ type: 'paragraph' }] };
const emptyDocument = {
  question: '',
  summary: emptyPart,
  body: emptyPart,
  limitations: emptyPart,
  relatedQuestions: [] as { text: string }[],
  sources: [] as Record<string, string>[],
};
const source = (fields: Record<string, string>) =>
  makeSource('src1', { url: 'https://example.org/a', title: 'A report', publisher: '', ...fields });

function save(page: Page, id: string, document: unknown, headers: Record<string, string> = {}) {
  return page.request.post(`/api/briefs/${id}/save`, {
    headers,
    data: { baseRevision: 1, kind: 'autosave', document },
  });
}

const cannotBeSaved = (field: string, problem: string) =>
  `${field} contains ${problem}, which cannot be saved. Remove it and try again.`;

test.describe('bad input gets a clear answer, never a 500', () => {
  test('the editor shows why a question with a control character is not saved, next to it, and keeps it', async ({
    browser,
  }) => {
    const page = await signedInPage(browser, 'editor');
    await openEmptyBrief(page, 'editor');
    const question = page.getByLabel('Question', { exact: true });
    await question.click();
    await page.keyboard.type('Is it ');
    await page.keyboard.insertText('\u0002');
    await page.keyboard.type('true?');
    await expect(saveStatus(page)).toHaveText('Not saved');
    const message = cannotBeSaved('Question', 'a control character (U+0002)');
    await expect(page.locator('#question-error')).toHaveText(message);
    await expect(question).toHaveAttribute('aria-invalid', 'true');
    await expect(question).toHaveValue('Is it \u0002true?');

    await editor(page, 'Body').click();
    await page.keyboard.insertText('Claim \u0000');
    await expect(page.locator('#part-body-error')).toHaveText(
      cannotBeSaved('Body', 'a control character (U+0000)'),
    );

    // What was typed is kept on this device, and offered back after a reload.
    await page.reload();
    await page.getByRole('button', { name: 'Restore unsaved changes' }).click();
    await expect(question).toHaveValue('Is it \u0002true?');
    await expect(page.locator('#question-error')).toHaveText(message);

    await question.fill('Is it true?');
    // The caret goes after the NUL, which ends the body, wherever the restore left it.
    await editor(page, 'Body').click();
    await page.keyboard.press('ControlOrMeta+End');
    await page.keyboard.press('Backspace');
    await expect(saveStatus(page)).toHaveText('Saved');
    await expect(page.locator('#question-error')).toHaveCount(0);
    await expect(page.locator('#part-body-error')).toBeEmpty();
  });

  test('the save API names the field holding NUL, a lone surrogate or a spoofing address', async ({
    browser,
  }) => {
    const page = await signedInPage(browser, 'editor');
    const id = await openEmptyBrief(page, 'editor');
    const nul = 'a control character (U+0000)';
    const surrogate = 'an unpaired surrogate (U+D800)';
    const cases: [unknown, string, string][] = [
      [{ ...emptyDocument, question: 'Is\u0000it?' }, 'question', cannotBeSaved('Question', nul)],
      [
        { ...emptyDocument, summary: paragraphOf('x\ud800') },
        'summary.content.0.content.0.text',
        cannotBeSaved('Executive summary', surrogate),
      ],
      [
        { ...emptyDocument, relatedQuestions: [{ text: 'Why\u0000?' }] },
        'relatedQuestions.0.text',
        cannotBeSaved('Related question', nul),
      ],
      [
        { ...emptyDocument, sources: [source({ title: '\ud800' })] },
        'sources.0.title',
        cannotBeSaved('Source title', surrogate),
      ],
      [
        { ...emptyDocument, sources: [source({ url: 'https://example.org/\u202Egpj.exe' })] },
        'sources.0.url',
        cannotBeSaved('Source URL', 'a bidirectional control character (U+202E)'),
      ],
      [
        {
          ...emptyDocument,
          sources: [source({})],
          body: {
            type: 'doc',
            content: [
              {
                type: 'paragraph',
                content: [
                  {
                    type: 'citation',
                    attrs: { citationId: 'c1', sourceId: 'src1', locator: 'p.\u0000' },
                  },
                ],
              },
            ],
          },
        },
        'body.content.0.content.0.attrs.locator',
        cannotBeSaved('A citation locator in Body', nul),
      ],
    ];
    for (const [document, path, message] of cases) {
      const response = await save(page, id, document);
      expect(response.status(), path).toBe(400);
      expect((await response.json()).fieldErrors[path]).toEqual([message]);
    }
  });

  test('the save API takes application/json only, and refuses 3 MB of JSON with the limit’s message', async ({
    browser,
  }) => {
    const page = await signedInPage(browser, 'editor');
    const id = await openEmptyBrief(page, 'editor');
    const body = JSON.stringify({ baseRevision: 1, kind: 'autosave', document: emptyDocument });
    const post = (contentType: string, data: string = body) =>
      page.request.post(`/api/briefs/${id}/save`, {
        headers: { 'content-type': contentType },
        data,
      });
    expect((await post('application/jsonfoo')).status()).toBe(415);
    expect((await post('application/json-patch+json')).status()).toBe(415);
    expect((await post('text/plain')).status()).toBe(415);
    expect((await post('application/json; charset=utf-8')).status()).toBe(200);
    expect((await post('Application/JSON')).status()).toBe(200);

    // 1,000,000 × €: 1 MB of characters, 3 MB of UTF-8.
    const heavy = await save(page, id, {
      ...emptyDocument,
      body: paragraphOf('€'.repeat(1_000_000)),
    });
    expect(heavy.status()).toBe(413);
    expect((await heavy.json()).error).toBe(
      'This brief is larger than 1 MB of content; split it or remove material.',
    );
    // Small enough to be read, too large to be stored: refused by the same rule in lib.
    const over = await save(page, id, { ...emptyDocument, body: paragraphOf('€'.repeat(340_000)) });
    expect(over.status()).toBe(400);
    expect((await over.json()).error).toBe(
      'This brief is larger than 1 MB of content (1.02 MB); split it or remove material.',
    );
  });

  test('version numbers beyond Postgres integer are versions that do not exist', async ({
    browser,
  }) => {
    const page = await signedInPage(browser, 'editor');
    const id = await openEmptyBrief(page, 'editor');
    expect((await save(page, id, { ...emptyDocument, question: 'Two?' })).status()).toBe(200);
    const huge = '2147483648';
    for (const query of [
      `view=${huge}`,
      'view=99999999999999999999',
      `before=${huge}`,
      `from=1&to=${huge}`,
      `from=${huge}&to=1`,
    ]) {
      const response = await page.request.get(`/desk/briefs/${id}/history?${query}`);
      expect(response.status(), query).toBe(404);
    }
    expect((await page.request.get(`/desk/briefs/${id}/history?view=1`)).status()).toBe(200);
    expect((await page.request.get(`/desk/briefs/${id}/preview?v=${huge}`)).status()).toBe(404);
    expect((await page.request.get(`/desk/briefs/${id}/preview?v=1`)).status()).toBe(200);
    const exported = await page.request.get(`/desk/briefs/${id}/export?format=json&v=${huge}`);
    expect(exported.status()).toBe(400);

    // The restore form with its hidden number changed.
    await page.goto(`/desk/briefs/${id}/history`);
    const row = page.getByRole('row', { name: 'Version 1' });
    await row.locator('input[name="number"]').evaluate((input: HTMLInputElement) => {
      input.value = '2147483648';
    });
    await row.getByRole('button', { name: 'Restore version 1' }).click();
    await confirmDialog(page, 'Restore');
    await expect(row.getByText('There is no such version.')).toBeVisible();
  });

  test('a person’s name with a control character is refused beside the field and kept', async ({
    browser,
  }) => {
    const admin = await signedInPage(browser, 'admin');
    await admin.goto('/desk/users');
    await admin.getByLabel('Name').click();
    await admin.keyboard.insertText('Bad\u0000Name');
    await admin.getByLabel('Email').fill('control-name@example.org');
    await admin.getByRole('button', { name: 'Add user' }).click();
    await expect(
      admin.getByText(cannotBeSaved('The name', 'a control character (U+0000)')),
    ).toBeVisible();
    await expect(admin.getByLabel('Email')).toHaveValue('control-name@example.org');
  });
});
