import {
  addSource,
  citationLabels,
  cite,
  editor,
  newBrief,
  openEmptyBrief,
  saveStatus,
} from './editor-fixtures';
import { confirmDialog, expect, expectNoAxeViolations, signedInPage, test } from './fixtures';

test.describe('the brief editor', () => {
  // The journey of writing and citing, from the dashboard's "New brief"; the other tests open an
  // empty brief made through lib (openEmptyBrief).
  test('citations are numbered by first appearance, follow moves, and undo restores them', async ({
    browser,
  }) => {
    const page = await signedInPage(browser, 'editor');
    await newBrief(page);
    await page
      .getByLabel('Question', { exact: true })
      .fill('Did the alliance promise not to expand east?');
    await addSource(page, { title: 'Archive memo', url: 'https://example.org/memo' });
    await addSource(page, { title: 'Treaty text', url: 'https://example.org/treaty' });

    await editor(page, 'Body').click();
    await page.keyboard.type('Officials disagree ');
    await cite(page, 'Body', 'Archive memo');
    await cite(page, 'Body', 'Treaty text');
    await cite(page, 'Body', 'Archive memo');
    await page.keyboard.type('. Typing goes on after a citation.');
    await expect.poll(() => citationLabels(page, 'Body')).toEqual(['[1]', '[2]', '[1]']);
    await expect(editor(page, 'Body')).toHaveText(
      'Officials disagree [1][2][1]. Typing goes on after a citation.',
    );
    await expect(
      page.locator('.source-item', { hasText: 'Archive memo' }).locator('.source-number'),
    ).toHaveText('[1]');

    // The treaty cited earlier in the reading order (the summary) now comes first.
    await editor(page, 'Executive summary').click();
    await page.keyboard.type('In short ');
    await cite(page, 'Executive summary', 'Treaty text');
    await expect.poll(() => citationLabels(page, 'Executive summary')).toEqual(['[1]']);
    await expect.poll(() => citationLabels(page, 'Body')).toEqual(['[2]', '[1]', '[2]']);

    // Undo in the summary removes that citation and the numbers go back.
    await editor(page, 'Executive summary').press('ControlOrMeta+z');
    await expect.poll(() => citationLabels(page, 'Executive summary')).toEqual([]);
    await expect.poll(() => citationLabels(page, 'Body')).toEqual(['[1]', '[2]', '[1]']);
    await editor(page, 'Executive summary').press('ControlOrMeta+Shift+z');
    await expect.poll(() => citationLabels(page, 'Body')).toEqual(['[2]', '[1]', '[2]']);

    await expect(saveStatus(page)).toHaveText('Saved', { timeout: 15_000 });
    await page.reload();
    await expect.poll(() => citationLabels(page, 'Body')).toEqual(['[2]', '[1]', '[2]']);
    await expectNoAxeViolations(page);
  });

  test('a key typed the moment a source is chosen lands after the citation, in a paragraph and in a list item', async ({
    browser,
  }) => {
    const page = await signedInPage(browser, 'editor');
    await openEmptyBrief(page, 'editor');
    await addSource(page, { title: 'Archive memo', url: 'https://example.org/memo' });
    const toolbar = page.getByRole('toolbar', { name: 'Body formatting' });
    const picker = page.getByRole('dialog', { name: 'Choose a source' });
    const citeAndType = async (count: number) => {
      for (let digit = 0; digit < count; digit++) {
        await toolbar.getByRole('button', { name: 'Insert citation' }).click();
        // No waiting for the dialog to go: a fast typist does not either.
        await picker.getByRole('option', { name: 'Archive memo', exact: true }).click();
        await page.keyboard.type(String(digit));
      }
    };
    const cited = (count: number) =>
      Array.from({ length: count }, (_, digit) => `[1]${digit}`).join('');

    await editor(page, 'Body').click();
    await page.keyboard.type('A');
    await citeAndType(10);
    await expect(editor(page, 'Body').locator('p').first()).toHaveText(`A${cited(10)}`);

    await page.keyboard.press('Enter');
    await toolbar.getByRole('button', { name: 'Bullet list' }).click();
    await page.keyboard.type('B');
    await citeAndType(5);
    await page.keyboard.press('Enter');
    await page.keyboard.type('C');
    await citeAndType(5);
    await expect(editor(page, 'Body').locator('li')).toHaveText([`B${cited(5)}`, `C${cited(5)}`]);
  });

  test('the citation picker filters by typing and inserts with the keyboard', async ({
    browser,
  }) => {
    const page = await signedInPage(browser, 'reviewer');
    await openEmptyBrief(page, 'reviewer');
    await addSource(page, { title: 'Alpha study', url: 'https://example.org/alpha' });
    await addSource(page, { title: 'Beta survey', url: 'https://example.org/beta' });
    await editor(page, 'Body').click();
    await page.keyboard.type('A claim');
    await page.keyboard.press('ControlOrMeta+Shift+k');
    const dialog = page.getByRole('dialog', { name: 'Choose a source' });
    await expect(dialog).toBeVisible();
    await page.keyboard.type('beta');
    await expect(dialog.getByRole('option')).toHaveCount(1);
    await page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
    await expect.poll(() => citationLabels(page, 'Body')).toEqual(['[1]']);
    await expect(editor(page, 'Body').locator('.citation')).toHaveAttribute(
      'title',
      /Beta survey — Example Press/,
    );

    // Selecting the citation says what it cites and sets its pinpoint.
    await editor(page, 'Body').locator('.citation').click();
    await page.getByRole('button', { name: 'Set pinpoint' }).click();
    const pinpoint = page.getByRole('dialog', { name: 'Set pinpoint' });
    await pinpoint.getByLabel('Pinpoint').fill('p. 12');
    await pinpoint.getByRole('button', { name: 'Save pinpoint' }).click();
    await expect(pinpoint).toBeHidden();
    await expect(page.locator('.citation-info')).toContainText(
      'Source [1, p. 12]: Beta survey — Example Press',
    );
    await expect(page.locator('.source-item', { hasText: 'Beta survey' })).toHaveClass(/highlight/);
  });

  test('a pinpoint shows in its citation, [n, p. 12], in the editor and in the preview', async ({
    browser,
  }) => {
    const page = await signedInPage(browser, 'editor');
    await openEmptyBrief(page, 'editor');
    await page.getByLabel('Question', { exact: true }).fill('Is it on page twelve?');
    await addSource(page, { title: 'Alpha study', url: 'https://example.org/alpha' });
    await addSource(page, { title: 'Beta survey', url: 'https://example.org/beta' });
    const body = editor(page, 'Body');
    await body.click();
    await page.keyboard.type('A claim ');
    await cite(page, 'Body', 'Alpha study');
    await page.keyboard.type(' and another ');
    await cite(page, 'Body', 'Alpha study');
    await page.keyboard.type('.');

    const first = body.locator('.citation').first();
    await first.click();
    await page.getByRole('button', { name: 'Set pinpoint' }).click();
    await page.getByRole('dialog', { name: 'Set pinpoint' }).getByLabel('Pinpoint').fill('p. 12');
    await page.keyboard.press('Enter');
    await expect.poll(() => citationLabels(page, 'Body')).toEqual(['[1, p. 12]', '[1]']);
    await expect(first).toHaveAttribute(
      'aria-label',
      'Source [1, p. 12]: Alpha study — Example Press',
    );

    // Undo and redo take the pinpoint off and put it back.
    await body.press('ControlOrMeta+z');
    await expect.poll(() => citationLabels(page, 'Body')).toEqual(['[1]', '[1]']);
    await body.press('ControlOrMeta+Shift+z');
    await expect.poll(() => citationLabels(page, 'Body')).toEqual(['[1, p. 12]', '[1]']);

    // A source cited earlier in the reading order renumbers it; the pinpoint stays.
    await editor(page, 'Executive summary').click();
    await page.keyboard.type('In short ');
    await cite(page, 'Executive summary', 'Beta survey');
    await expect.poll(() => citationLabels(page, 'Body')).toEqual(['[2, p. 12]', '[2]']);
    await body.screenshot({ path: test.info().outputPath('pinpoint-editor.png') });

    await page.getByRole('button', { name: 'Save version' }).click();
    await expect(saveStatus(page)).toHaveText('Saved', { timeout: 15_000 });
    const [preview] = await Promise.all([
      page.context().waitForEvent('page'),
      page.getByRole('link', { name: 'Preview', exact: true }).click(),
    ]);
    await expect(preview).toHaveURL(/\/desk\/briefs\/[0-9a-f-]{36}\/preview$/);
    await expect(preview.locator('.body [role="doc-biblioref"]')).toHaveText(['[2, p. 12]', '[2]']);
    // The source's entry lists the pinpoints it is cited at, each a link back to its citation.
    const entry = preview.locator('[role="doc-bibliography"] li#source-2');
    const backToPinpoint = entry.getByRole('link', {
      name: 'Back to citation 1 of source 2 (p. 12)',
      exact: true,
    });
    await expect(backToPinpoint).toHaveText('↩1\u00a0p. 12');
    await expect(
      entry.getByRole('link', { name: 'Back to citation 2 of source 2', exact: true }),
    ).toHaveText('↩2');
    await preview.locator('.sources').screenshot({
      path: test.info().outputPath('pinpoint-sources.png'),
    });
    await backToPinpoint.click();
    await expect(preview).toHaveURL(/#cite-2-1$/);
    await expectNoAxeViolations(preview);
  });

  test('deleting a cited source asks first, says where it is cited, and leaves [?]', async ({
    browser,
  }) => {
    const page = await signedInPage(browser, 'editor');
    await openEmptyBrief(page, 'editor');
    await addSource(page, { title: 'Doomed source', url: 'https://example.org/doomed' });
    await editor(page, 'Body').click();
    await page.keyboard.type('Claim ');
    await cite(page, 'Body', 'Doomed source');
    await page.getByRole('button', { name: 'Delete Doomed source' }).click();
    const question = page.getByRole('alertdialog', { name: 'Delete source' });
    await expect(question).toContainText('is cited 1 time (Body)');
    await question.getByRole('button', { name: 'Cancel' }).click();
    await expect(question).toBeHidden();
    await expect(page.locator('.source-title', { hasText: 'Doomed source' })).toBeVisible();
    await page.getByRole('button', { name: 'Delete Doomed source' }).click();
    await confirmDialog(page, 'Delete');
    await expect(page.locator('.source-title', { hasText: 'Doomed source' })).toHaveCount(0);
    await expect.poll(() => citationLabels(page, 'Body')).toEqual(['[?]']);
    await expect(
      page.getByText('A citation in the body points to a deleted source.'),
    ).toBeVisible();
  });

  test('bad input is refused with a message and nothing typed is lost', async ({ browser }) => {
    const page = await signedInPage(browser, 'editor');
    await openEmptyBrief(page, 'editor');
    await page.getByRole('button', { name: 'Add source' }).first().click();
    await page.getByLabel('URL', { exact: true }).fill('javascript:alert(1)');
    await page.getByLabel('Title').fill('Kept title');
    await page.getByLabel('Published date').fill('2026-01-15');
    await page.getByRole('button', { name: 'Save source' }).click();
    await expect(
      page.getByText('Enter an address starting with http:// or https://.'),
    ).toBeVisible();
    await expect(page.getByLabel('Title')).toHaveValue('Kept title');

    await editor(page, 'Body').click();
    await page.keyboard.type('linked words');
    await page.keyboard.press('Shift+Home');
    await page
      .getByRole('toolbar', { name: 'Body formatting' })
      .getByRole('button', { name: 'Link' })
      .click();
    const linkDialog = page.getByRole('dialog', { name: 'Add link' });
    await linkDialog.getByLabel('Link address').fill('javascript:alert(1)');
    await linkDialog.getByRole('button', { name: 'Add link' }).click();
    await expect(
      linkDialog.getByRole('alert').filter({ hasText: 'Links must start with' }),
    ).toBeVisible();
    await expect(linkDialog.getByLabel('Link address')).toHaveValue('javascript:alert(1)');
    await linkDialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(editor(page, 'Body').locator('a')).toHaveCount(0);
  });

  test('pasted HTML keeps no script, image or javascript: link', async ({ browser }) => {
    const page = await signedInPage(browser, 'editor');
    const id = await openEmptyBrief(page, 'editor');
    await editor(page, 'Body').click();
    await editor(page, 'Body').evaluate((element) => {
      const data = new DataTransfer();
      data.setData(
        'text/html',
        '<p>Pasted <img src="x" onerror="window.__pwned=1"><script>window.__pwned=2</script>' +
          '<a href="javascript:alert(1)">bad link</a> <a href=" JaVaScRiPt:alert(2)">worse</a> ' +
          '<a href="https://ok.example/">good link</a></p>',
      );
      element.dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
      );
    });
    await expect(editor(page, 'Body')).toContainText('good link');
    await page.getByRole('button', { name: 'Save version' }).click();
    await expect(saveStatus(page)).toHaveText('Saved');
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();

    await page.goto(`/desk/briefs/${id}/history?view=2`);
    const stored = page.locator('.brief-view');
    await expect(stored).toContainText('Pasted bad link worse good link');
    await expect(stored.locator('img, script')).toHaveCount(0);
    await expect(stored.locator('a[href^="https://ok.example"]')).toHaveCount(1);
    expect(await stored.innerHTML()).not.toMatch(/javascript:/i);
  });

  test('a reader cannot reach the editor or its API', async ({ browser, request }) => {
    const page = await signedInPage(browser, 'editor');
    const id = await openEmptyBrief(page, 'editor');
    const anonymous = await (await browser.newContext()).newPage();
    await anonymous.goto(`/desk/briefs/${id}`);
    await expect(anonymous).toHaveURL(/\/login\?callbackUrl=/);
    const save = await request.post(`/api/briefs/${id}/save`, {
      data: { baseRevision: 1, kind: 'save', document: {} },
    });
    expect(save.status()).toBe(401);
    const crossSite = await page.request.post(`/api/briefs/${id}/save`, {
      headers: { origin: 'https://evil.example' },
      data: { baseRevision: 1, kind: 'save', document: {} },
    });
    expect(crossSite.status()).toBe(403);
    const missing = await page.goto('/desk/briefs/00000000-0000-4000-8000-000000000000');
    expect(missing?.status()).toBe(404);
  });
});

test.describe('saving and versions', () => {
  test('edits the server never confirmed survive a crashed tab and are offered back', async ({
    browser,
  }) => {
    const page = await signedInPage(browser, 'editor');
    const id = await openEmptyBrief(page, 'editor');
    await page.context().route('**/api/briefs/*/save', (route) => route.abort());
    await editor(page, 'Body').click();
    await page.keyboard.type('Words that must not be lost.');
    await expect(saveStatus(page)).toHaveText('Offline — changes kept on this device', {
      timeout: 15_000,
    });
    // The tab crashes: no chance to save on the way out.
    const context = page.context();
    await page.goto('chrome://crash').catch(() => {});
    await page.close();

    const reopened = await context.newPage();
    await reopened.goto(`/desk/briefs/${id}`);
    await expect(editor(reopened, 'Body')).not.toContainText('Words that must not be lost.');
    await context.unroute('**/api/briefs/*/save');
    await reopened.getByRole('button', { name: 'Restore unsaved changes' }).click();
    await expect(editor(reopened, 'Body')).toContainText('Words that must not be lost.');
    await expect(saveStatus(reopened)).toHaveText('Saved', { timeout: 15_000 });
    await reopened.reload();
    await expect(editor(reopened, 'Body')).toContainText('Words that must not be lost.');
    await expect(reopened.getByRole('button', { name: 'Restore unsaved changes' })).toHaveCount(0);
  });

  test('typing without a pause is saved while it goes on, and a crash loses at most the last second', async ({
    browser,
  }) => {
    test.slow();
    const page = await signedInPage(browser, 'editor');
    const id = await openEmptyBrief(page, 'editor');
    await editor(page, 'Body').click();

    // Over 15 s of typing, a keystroke every 200 ms: never the 2 s pause the autosave waits for.
    const words = 'Every word here is typed without a pause long enough for a quiet autosave';
    let typing = true;
    let savedWhileTyping = false;
    const saved = page
      .waitForResponse(
        (response) =>
          response.url().endsWith(`/api/briefs/${id}/save`) &&
          response.request().method() === 'POST' &&
          response.ok(),
        { timeout: 60_000 },
      )
      .then(
        async () => {
          savedWhileTyping = typing;
          // Later saves never arrive, so that the server keeps the text of this one and the
          // rest can only come back from this device.
          await page.route(`**/api/briefs/${id}/save`, () => {});
        },
        // No save before the crash: the assertion below says so.
        () => {},
      );
    await page.keyboard.type(words, { delay: 200 });
    // A second more of typing, then the tab crashes: no chance to save on the way out.
    await page.keyboard.type(' and then', { delay: 200 });
    typing = false;
    const context = page.context();
    await page.goto('chrome://crash').catch(() => {});
    await page.close();
    await saved;
    expect(savedWhileTyping).toBe(true);

    const reopened = await context.newPage();
    await reopened.goto(`/desk/briefs/${id}`);
    // The server has the text up to its last save; this device offers back the rest.
    await expect(editor(reopened, 'Body')).toContainText('Every word');
    await reopened.getByRole('button', { name: 'Restore unsaved changes' }).click();
    await expect(editor(reopened, 'Body')).toContainText(words);
  });

  test('a save stored on the server whose answer was lost is no conflict with oneself', async ({
    browser,
  }) => {
    const page = await signedInPage(browser, 'editor');
    const id = await openEmptyBrief(page, 'editor');
    let lost = 0;
    // The first save reaches the server and is stored; its answer never reaches the browser.
    await page.route('**/api/briefs/*/save', async (route) => {
      if (lost > 0) return route.continue();
      lost += 1;
      await route.fetch();
      await route.abort('connectionreset');
    });
    await editor(page, 'Body').click();
    await page.keyboard.type('Stored, but the answer was lost.');
    await expect(saveStatus(page)).toHaveText('Offline — changes kept on this device', {
      timeout: 15_000,
    });
    await page.keyboard.type(' More text after it.');
    await expect(saveStatus(page)).toHaveText('Saved', { timeout: 15_000 });
    await expect(page.getByRole('region', { name: /while you were editing/ })).toHaveCount(0);
    expect(lost).toBe(1);

    const reopened = await page.context().newPage();
    await reopened.goto(`/desk/briefs/${id}`);
    await expect(editor(reopened, 'Body')).toContainText(
      'Stored, but the answer was lost. More text after it.',
    );
  });

  test('a reload keeps what was typed', async ({ browser }) => {
    const page = await signedInPage(browser, 'editor');
    await openEmptyBrief(page, 'editor');
    await editor(page, 'Body').click();
    await page.keyboard.type('Typed just before reloading.');
    await page.reload();
    const restore = page.getByRole('button', { name: 'Restore unsaved changes' });
    // Either the save on leaving the page reached the server, or this device offers the text back.
    await expect
      .poll(
        async () =>
          (await restore.isVisible()) ||
          (await editor(page, 'Body').textContent())?.includes('Typed'),
      )
      .toBe(true);
    if (await restore.isVisible()) await restore.click();
    await expect(editor(page, 'Body')).toContainText('Typed just before reloading.');
  });

  test('moving to another page of the desk saves what was typed at once', async ({ browser }) => {
    const page = await signedInPage(browser, 'editor');
    const id = await openEmptyBrief(page, 'editor');
    await editor(page, 'Body').click();
    const saved = page.waitForResponse(
      (response) => response.url().endsWith(`/api/briefs/${id}/save`) && response.ok(),
    );
    await page.keyboard.type('Typed just before moving on.');
    // Well inside the two seconds the autosave waits for.
    await page.getByRole('link', { name: 'History' }).click();
    await saved;
    const reopened = await page.context().newPage();
    await reopened.goto(`/desk/briefs/${id}`);
    await expect(editor(reopened, 'Body')).toContainText('Typed just before moving on.');
    await expect(reopened.getByRole('button', { name: 'Restore unsaved changes' })).toHaveCount(0);
  });

  test('offline typing is kept and saved when the connection comes back', async ({ browser }) => {
    const page = await signedInPage(browser, 'editor');
    await openEmptyBrief(page, 'editor');
    await page.context().setOffline(true);
    await editor(page, 'Body').click();
    await page.keyboard.type('Written on a train.');
    await expect(saveStatus(page)).toHaveText('Offline — changes kept on this device', {
      timeout: 15_000,
    });
    await page.context().setOffline(false);
    await expect(saveStatus(page)).toHaveText('Saved', { timeout: 15_000 });
    await page.reload();
    await expect(editor(page, 'Body')).toContainText('Written on a train.');
  });

  test('two tabs on one brief: the second to save gets the conflict view and chooses', async ({
    browser,
  }) => {
    const first = await signedInPage(browser, 'editor');
    const id = await openEmptyBrief(first, 'editor');
    const second = await signedInPage(browser, 'reviewer');
    await second.goto(`/desk/briefs/${id}`);
    await expect(second.getByText('Also open by Eli Editor')).toBeVisible({ timeout: 30_000 });

    await editor(first, 'Body').click();
    await first.keyboard.type('First tab text.');
    await first.getByRole('button', { name: 'Save version' }).click();
    await expect(saveStatus(first)).toHaveText('Saved');

    await editor(second, 'Body').click();
    await second.keyboard.type('Second tab text.');
    await second.getByRole('button', { name: 'Save version' }).click();
    await expect(saveStatus(second)).toHaveText('Conflict');
    const conflict = second.getByRole('region', { name: /Eli Editor saved version 2/ });
    await expect(conflict).toBeVisible();
    // A word-level comparison of theirs (deleted) and mine (inserted).
    await expect(conflict.locator('.diff del')).toHaveText('First');
    await expect(conflict.locator('.diff ins')).toHaveText('Second');

    // The save on top of theirs names the version this tab's text started from (two-person rule).
    const keptSave = second.waitForRequest(
      (request) => request.method() === 'POST' && request.url().endsWith(`/api/briefs/${id}/save`),
    );
    await second.getByRole('button', { name: 'Keep mine as a new version' }).click();
    expect((await keptSave).postDataJSON()).toMatchObject({ baseNumber: 1, kind: 'save' });
    await expect(saveStatus(second)).toHaveText('Saved');
    await second.goto(`/desk/briefs/${id}/history`);
    await expect(second.getByRole('row', { name: 'Version 3' })).toContainText('Rae Reviewer');
    await expect(second.getByRole('row', { name: 'Version 2' })).toContainText('Eli Editor');
  });

  test('taking theirs in a conflict replaces the local text', async ({ browser }) => {
    const first = await signedInPage(browser, 'editor');
    const id = await openEmptyBrief(first, 'editor');
    const second = await signedInPage(browser, 'admin');
    await second.goto(`/desk/briefs/${id}`);
    await editor(first, 'Body').click();
    await first.keyboard.type('Theirs wins.');
    await first.getByRole('button', { name: 'Save version' }).click();
    await expect(saveStatus(first)).toHaveText('Saved');
    await editor(second, 'Body').click();
    await second.keyboard.type('Mine loses.');
    await second.getByRole('button', { name: 'Save version' }).click();
    await expect(saveStatus(second)).toHaveText('Conflict');
    await second.getByRole('button', { name: 'Take theirs' }).click();
    await expect(saveStatus(second)).toHaveText('Saved');
    await expect(editor(second, 'Body')).toHaveText('Theirs wins.');
  });

  test('history compares two versions and restores an old one as a new version', async ({
    browser,
  }) => {
    const page = await signedInPage(browser, 'editor');
    const id = await openEmptyBrief(page, 'editor');
    await editor(page, 'Body').click();
    await page.keyboard.type('The original wording.');
    await page.getByRole('button', { name: 'Save version' }).click();
    await expect(page.locator('.save-detail')).toContainText('Version 2');
    await editor(page, 'Body').click();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('A rewritten wording.');
    await page.getByRole('button', { name: 'Save version' }).click();
    await expect(page.locator('.save-detail')).toContainText('Version 3');

    await page.getByRole('link', { name: 'History' }).click();
    await page.getByLabel('Compare from version 2').check();
    await page.getByLabel('Compare to version 3').check();
    await page.getByRole('button', { name: 'Compare' }).click();
    const comparison = page.getByRole('region', { name: 'Changes from version 2 to version 3' });
    await expect(comparison.locator('del')).toContainText(['original']);
    await expect(comparison.locator('ins')).toContainText(['rewritten']);

    await page.getByRole('button', { name: 'Restore version 2' }).click();
    await confirmDialog(page, 'Restore');
    await expect(page).toHaveURL(new RegExp(`/desk/briefs/${id}\\?restored=4$`));
    await expect(editor(page, 'Body')).toHaveText('The original wording.');
    await page.goto(`/desk/briefs/${id}/history`);
    await expect(page.getByRole('row', { name: 'Version 4' })).toContainText(
      'Restore of version 2',
    );
    await expect(page.getByRole('row', { name: 'Version 3' })).toBeVisible();
  });
});
