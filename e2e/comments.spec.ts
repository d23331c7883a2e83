import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { briefInReview, completeDocument, draftBrief } from './data';
import { editor, panel, saveStatus } from './editor-fixtures';
import { confirmDialog, expect, expectNoAxeViolations, signedInPage, test } from './fixtures';

const comments = (page: Page) => page.getByRole('region', { name: /^Discussion/ });
const suggestions = (page: Page) => page.getByRole('region', { name: /^Suggestions/ });
const thread = (page: Page, quote: RegExp | string) =>
  comments(page).getByRole('listitem', {
    name: quote instanceof RegExp ? quote : new RegExp(quote),
  });

/** Selects `text` inside a part's editor, as a person drags across it. */
async function selectText(page: Page, part: 'Executive summary' | 'Body', text: string) {
  await editor(page, part).evaluate((element, wanted) => {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent?.indexOf(wanted) ?? -1;
      if (at >= 0) {
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + wanted.length);
        const selection = window.getSelection()!;
        selection.removeAllRanges();
        selection.addRange(range);
        return;
      }
    }
    throw new Error(`“${wanted}” is not in the text`);
  }, text);
  // ProseMirror reads the DOM selection on its selectionchange event.
  await expect.poll(() => page.evaluate(() => window.getSelection()?.toString())).toBe(text);
}

async function postComment(page: Page, text: string) {
  await comments(page).getByRole('button', { name: 'Comment', exact: true }).click();
  await comments(page).getByRole('textbox', { name: 'Write a comment' }).fill(text);
  await comments(page).getByRole('button', { name: 'Post', exact: true }).click();
}

test('a reviewer comments and suggests, the editor answers and accepts, a second reviewer approves; readers see neither', async ({
  browser,
}) => {
  test.slow();
  const question = `Did the treaty forbid it? ${Date.now()}`;
  const { id } = await briefInReview(question);

  // The reviewer comments on a claim on the review screen, mentioning the editor.
  const reviewer = await signedInPage(browser, 'reviewer');
  await reviewer.goto(`/desk/briefs/${id}/review`);
  await selectText(reviewer, 'Body', 'says nothing about it');
  await postComment(reviewer, 'Which article? @Eli Editor please quote it.');
  const onClaim = thread(reviewer, 'says nothing about it');
  await expect(onClaim).toContainText('Rae Reviewer');
  await expect(onClaim).toContainText('Which article?');
  await expect(editor(reviewer, 'Body').locator('.comment-anchor')).toHaveText(
    'says nothing about it',
  );
  await expect(reviewer.getByText('No open comment threads (1 open)')).toBeVisible();
  await expectNoAxeViolations(reviewer);

  // … then proposes a wording in the editor's Suggesting mode, and the review goes on.
  await reviewer.getByRole('link', { name: 'suggest changes in the editor' }).click();
  await expect(reviewer.getByRole('radio', { name: 'Suggesting' })).toBeChecked();
  // Layout is not suggested: its buttons rest; text is.
  await expect(
    reviewer
      .getByRole('toolbar', { name: 'Body formatting' })
      .getByRole('button', { name: 'Heading 2' }),
  ).toBeDisabled();
  await editor(reviewer, 'Body').click();
  await reviewer.keyboard.press('ControlOrMeta+End');
  await reviewer.keyboard.type(' Article 5 is silent.');
  await expect(editor(reviewer, 'Body').locator('ins')).toHaveText(' Article 5 is silent.');
  await expect(saveStatus(reviewer)).toHaveText('Saved', { timeout: 15_000 });
  await expect(suggestions(reviewer)).toContainText('Rae Reviewer suggests to add');
  await expect(panel(reviewer)).toContainText('In review');
  await expectNoAxeViolations(reviewer);

  await reviewer.goto(`/desk/briefs/${id}/review`);
  await expect(
    reviewer.getByText('No pending suggestions (1 made on this version, waiting for the editor)'),
  ).toBeVisible();
  await reviewer.getByLabel('Comment', { exact: true }).fill('See my comment and suggestion.');
  await reviewer.getByRole('button', { name: 'Request changes' }).click();
  await expect(reviewer).toHaveURL(new RegExp(`/desk\\?reviewed=${id}&outcome=changes_requested$`));

  // The editor was told, answers in place, is warned, accepts, and resubmits.
  const author = await signedInPage(browser, 'editor');
  await author.goto('/desk/notifications');
  await expect(author.getByText(/Rae Reviewer mentioned you/)).toBeVisible();
  await author.goto(`/desk/briefs/${id}`);
  const authorThread = thread(author, 'says nothing about it');
  await authorThread.getByRole('button', { name: 'Reply' }).click();
  await authorThread
    .getByRole('textbox', { name: 'Write a comment' })
    .fill('Article 5, quoted now.');
  await authorThread.getByRole('button', { name: 'Post and resolve' }).click();
  await comments(author).getByText('Resolved (1)').click();
  await expect(authorThread).toContainText('Resolved by Eli Editor');
  await expect(authorThread).toContainText('Article 5, quoted now.');
  const suggestion = suggestions(author).getByRole('listitem', {
    name: /Suggestion by Rae Reviewer/,
  });
  await expect(suggestion).toContainText(
    'Accepting makes Rae Reviewer a writer of this brief: Rae Reviewer can then no longer approve it.',
  );
  await suggestion.getByRole('button', { name: 'Accept' }).click();
  await expect(suggestions(author)).toHaveCount(0);
  await expect(editor(author, 'Body')).toContainText('Article 5 is silent.');
  await expect(editor(author, 'Body').locator('ins')).toHaveCount(0);
  await expect(saveStatus(author)).toHaveText('Saved', { timeout: 15_000 });
  await author.getByRole('button', { name: 'Submit for review' }).click();
  await expect(panel(author)).toContainText('In review');

  // The reviewer who suggested the words may not approve them; a second reviewer does.
  await reviewer.goto(`/desk/briefs/${id}/review`);
  await expect(reviewer.getByRole('button', { name: 'Approve' })).toBeDisabled();
  await expect(
    reviewer.getByText(/You wrote part of version \d+, so someone else must/),
  ).toBeVisible();

  const admin = await signedInPage(browser, 'admin');
  await admin.goto(`/desk/briefs/${id}/review`);
  await admin.getByRole('checkbox', { name: 'Verified [1]' }).check();
  await admin.getByRole('checkbox', { name: 'Verified [2]' }).check();
  await admin.getByRole('button', { name: 'Approve' }).click();
  await admin.getByRole('link', { name: 'Open it to publish' }).click();
  await expect(admin).toHaveURL(new RegExp(`/desk/briefs/${id}$`));
  await panel(admin).getByRole('button', { name: 'Publish', exact: true }).click();
  await expect(panel(admin)).toContainText('Public: version');

  const publicLink = panel(admin).getByRole('link', { name: 'View the public page' });
  const href = await publicLink.getAttribute('href');
  const reader = await browser.newPage();
  await reader.goto(href!);
  await expect(reader.getByRole('heading', { level: 1 })).toHaveText(question);
  await expect(reader.locator('main')).toContainText('Article 5 is silent.');
  await expect(reader.locator('ins, del, .comment-anchor')).toHaveCount(0);
  await expect(reader.locator('main')).not.toContainText('Which article?');
  await reader.close();
});

test('comments follow their text as it is edited, detach when it is deleted, and need resolving before approval', async ({
  browser,
}) => {
  const { id } = await draftBrief('editor', completeDocument(`Anchors move? ${Date.now()}`));
  const author = await signedInPage(browser, 'editor');
  await author.goto(`/desk/briefs/${id}`);
  await selectText(author, 'Executive summary', 'written promise');
  await author.keyboard.press('ControlOrMeta+Alt+KeyM');
  await comments(author).getByRole('textbox', { name: 'Write a comment' }).fill('Which promise?');
  await comments(author).getByRole('button', { name: 'Post', exact: true }).click();
  const summary = editor(author, 'Executive summary');
  await expect(summary.locator('.comment-anchor')).toHaveText('written promise');

  // Text typed before it moves it; the highlight stays on the same words, across a reload.
  await summary.click();
  await author.keyboard.press('ControlOrMeta+Home');
  await author.keyboard.type('In short: ');
  await expect(summary.locator('.comment-anchor')).toHaveText('written promise');
  await expect(saveStatus(author)).toHaveText('Saved', { timeout: 15_000 });
  await author.reload();
  await expect(editor(author, 'Executive summary').locator('.comment-anchor')).toHaveText(
    'written promise',
  );

  // Comments are not content: no new version, nothing to save.
  await expect(saveStatus(author)).toHaveText('Saved');
  const versionLine = await author.locator('.save-detail').textContent();
  await thread(author, 'written promise').getByRole('button', { name: 'Reply' }).click();
  await thread(author, 'written promise')
    .getByRole('textbox', { name: 'Write a comment' })
    .fill('The 1990 memo.');
  await thread(author, 'written promise')
    .getByRole('button', { name: 'Post', exact: true })
    .click();
  await expect(thread(author, 'written promise')).toContainText('The 1990 memo.');
  await author.reload();
  await expect(author.locator('.save-detail')).toHaveText(versionLine!);

  // The Markdown export has comments only when asked for them.
  const exported = async (name: RegExp) => {
    const download = author.waitForEvent('download');
    await author.getByRole('link', { name }).click();
    return readFileSync((await (await download).path()) ?? '', 'utf8');
  };
  expect(await exported(/as Markdown$/)).not.toContain('The 1990 memo.');
  const withComments = await exported(/as Markdown with comments$/);
  expect(withComments).toContain('## Comments');
  expect(withComments).toContain('The 1990 memo.');

  // Deleting the words detaches the thread, which keeps what it was about.
  await selectText(author, 'Executive summary', 'written promise');
  await author.keyboard.press('Delete');
  await expect(saveStatus(author)).toHaveText('Saved', { timeout: 15_000 });
  await author.reload();
  const detached = thread(author, 'written promise');
  await expect(detached).toContainText('Detached');
  await expect(editor(author, 'Executive summary').locator('.comment-anchor')).toHaveCount(0);

  // An open thread holds up approval; resolving it lets the review go on.
  await editor(author, 'Executive summary').click();
  await author.keyboard.press('ControlOrMeta+End');
  await author.keyboard.type(' No written promise.');
  await expect(saveStatus(author)).toHaveText('Saved', { timeout: 15_000 });
  await author.getByRole('button', { name: 'Submit for review' }).click();
  await expect(panel(author)).toContainText('In review');
  const reviewer = await signedInPage(browser, 'reviewer');
  await reviewer.goto(`/desk/briefs/${id}/review`);
  await expect(reviewer.getByText('No open comment threads (1 open)')).toBeVisible();
  await expect(reviewer.getByRole('button', { name: 'Approve' })).toBeDisabled();
  await thread(reviewer, 'written promise').getByRole('button', { name: 'Resolve' }).click();
  // Resolved threads are folded away under their count.
  await comments(reviewer).getByText('Resolved (1)').click();
  await expect(thread(reviewer, 'written promise')).toContainText('Resolved by Rae Reviewer');
  await reviewer.reload();
  await expect(reviewer.getByText(/No open comment threads/)).toHaveCount(0);
});

test('a comment too long or empty is refused with a message and what was typed stays', async ({
  browser,
}) => {
  const { id } = await draftBrief('editor', completeDocument(`Bad comments? ${Date.now()}`));
  const author = await signedInPage(browser, 'editor');
  await author.goto(`/desk/briefs/${id}`);
  await comments(author).getByRole('button', { name: 'Comment', exact: true }).click();
  await expect(comments(author).getByRole('status')).toHaveText(
    'Select the text to comment on, then press Comment.',
  );
  await selectText(author, 'Body', 'treaty');
  await comments(author).getByRole('button', { name: 'Comment', exact: true }).click();
  await comments(author).getByRole('button', { name: 'Post', exact: true }).click();
  await expect(comments(author).getByRole('alert')).toHaveText('Write a comment first.');
  const field = comments(author).getByRole('textbox', { name: 'Write a comment' });
  await field.fill('A bell \u0007 rings.');
  await comments(author).getByRole('button', { name: 'Post', exact: true }).click();
  await expect(comments(author).getByRole('alert')).toContainText('Comment');
  await expect(field).toHaveValue('A bell \u0007 rings.');
});

test('threads started by others appear, and a thread stays on its words across a conflict and a restore', async ({
  browser,
}) => {
  const { id } = await draftBrief('editor', completeDocument(`Conflicts? ${Date.now()}`));
  const first = await signedInPage(browser, 'editor');
  await first.goto(`/desk/briefs/${id}`);
  await selectText(first, 'Body', 'says nothing');
  await postComment(first, 'Quote the article.');
  const second = await signedInPage(browser, 'admin');
  await second.goto(`/desk/briefs/${id}`);
  await expect(editor(second, 'Body').locator('.comment-anchor')).toHaveText('says nothing');

  // A thread the other person starts meanwhile appears without a reload.
  await selectText(first, 'Body', 'The treaty');
  await postComment(first, 'Which treaty?');
  await expect(thread(second, 'The treaty')).toContainText('Which treaty?', { timeout: 30_000 });
  const onWords = (page: Page) =>
    editor(page, 'Body').locator('.comment-anchor', { hasText: 'says nothing' });

  // The first moves the words (text typed before them) and saves; the second, still on the old
  // text, saves too: a conflict. Taking theirs puts the thread where their text has the words.
  await editor(first, 'Body').click();
  await first.keyboard.press('ControlOrMeta+Home');
  await first.keyboard.type('In fact, ');
  await first.getByRole('button', { name: 'Save version' }).click();
  await expect(saveStatus(first)).toHaveText('Saved');
  await editor(second, 'Body').click();
  await second.keyboard.press('ControlOrMeta+End');
  await second.keyboard.type(' Mine.');
  await second.getByRole('button', { name: 'Save version' }).click();
  await expect(saveStatus(second)).toHaveText('Conflict');
  await second.getByRole('button', { name: 'Take theirs' }).click();
  await expect(saveStatus(second)).toHaveText('Saved');
  await expect(editor(second, 'Body')).toContainText('In fact, The treaty');
  await expect(onWords(second)).toHaveText('says nothing');

  // Restoring the first version brings back text where the words sit elsewhere: found again.
  await second.goto(`/desk/briefs/${id}/history`);
  await second.getByRole('button', { name: 'Restore version 2' }).click();
  await confirmDialog(second, 'Restore');
  await expect(second).toHaveURL(new RegExp(`/desk/briefs/${id}\\?restored=`));
  await expect(editor(second, 'Body')).not.toContainText('In fact');
  await expect(onWords(second)).toHaveText('says nothing');
});
