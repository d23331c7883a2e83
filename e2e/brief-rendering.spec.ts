import type { RichNode } from '@/lib/content/numbering';
import { makeSource } from '@/lib/content/test-fixtures';
import { addCorrection } from '@/lib/publication/mutations';
import { actor, approveAndPublish, completeDocument, draftBrief, submit } from './data';
import { expect, expectNoAxeViolations, signedInPage, test } from './fixtures';

const text = (value: string): RichNode => ({ type: 'text', text: value });
const cite = (citationId: string, sourceId: string, locator?: string): RichNode => ({
  type: 'citation',
  attrs: { citationId, sourceId, locator: locator ?? null },
});
const articleOf = (page: string) => page.match(/<article class="brief">[\s\S]*?<\/article>/)?.[0];

/** A published brief with every part the article shows: headings, lists, pinpoints, a correction. */
async function publishedRichBrief(question: string): Promise<{ id: string; path: string }> {
  const base = completeDocument(question);
  const { id } = await draftBrief('editor', {
    ...base,
    body: {
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [text('1. What was said')] },
        {
          type: 'paragraph',
          content: [text('The treaty says nothing. '), cite('c2', 'treaty', 'art. 5')],
        },
        { type: 'heading', attrs: { level: 3 }, content: [text('1.1 Later')] },
        {
          type: 'bulletList',
          content: [
            {
              type: 'listItem',
              content: [
                {
                  type: 'paragraph',
                  content: [text('A point. '), cite('c3', 'memo'), cite('c4', 'report')],
                },
              ],
            },
          ],
        },
      ],
    },
    relatedQuestions: [{ text: 'Was anything written down?' }],
    sources: [
      ...base.sources,
      makeSource('report', {
        title: 'Later report',
        url: 'https://example.org/report',
        archiveUrl: 'https://archive.example/report',
      }),
    ],
  });
  await submit(id);
  const path = await approveAndPublish(id);
  await addCorrection(await actor('reviewer'), id, {
    kind: 'clarification',
    note: 'The second point was reworded.',
  });
  return { id, path };
}

test('the review screen and the preview show the public page’s article byte for byte', async ({
  browser,
  request,
}) => {
  // Six pages checked by axe: up to a minute on a busy machine.
  test.slow();
  const question = `Is the article the same everywhere ${Date.now()}?`;
  const { id, path } = await publishedRichBrief(question);
  const reviewer = await signedInPage(browser, 'reviewer');

  // The public page, once the server has heard of the correction.
  let published = '';
  await expect(async () => {
    published = articleOf(await (await request.get(path)).text()) ?? '';
    expect(published).toContain('The second point was reworded.');
  }).toPass();
  expect(published).toContain('[2, art. 5]</a>');
  expect(published).toContain('<h2>1. What was said</h2>');
  expect(published).toContain('role="doc-bibliography"');

  const review = await reviewer.request.get(`/desk/briefs/${id}/review?recheck=1`);
  expect(articleOf(await review.text())).toBe(published);
  const preview = await reviewer.request.get(`/desk/briefs/${id}/preview`);
  expect(articleOf(await preview.text())).toBe(published);

  // In the browser: the public page's policy lets its stylesheets (tokens, article, site) load.
  const violations: string[] = [];
  reviewer.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await reviewer.goto(path);
  await expect(reviewer.locator('.checked-on')).toHaveCSS('border-left-width', '4px');
  await expect(reviewer.locator('body')).toHaveCSS('max-width', '672px');
  expect(violations).toEqual([]);

  // The review screen shows the article styled as readers see it; accessible, AA contrast in
  // both color schemes everywhere it is shown.
  await reviewer.goto(`/desk/briefs/${id}/review?recheck=1`);
  const shown = reviewer.getByRole('region', { name: 'As readers will see it' });
  await expect(shown.getByRole('heading', { level: 1 })).toHaveText(question);
  await expect(shown.locator('[role="doc-biblioref"]').first()).toHaveCSS(
    'text-decoration-line',
    'none',
  );
  for (const colorScheme of ['light', 'dark'] as const) {
    await reviewer.emulateMedia({ colorScheme });
    for (const address of [
      path,
      `/desk/briefs/${id}/preview`,
      `/desk/briefs/${id}/review?recheck=1`,
    ]) {
      await reviewer.goto(address);
      await expectNoAxeViolations(reviewer);
    }
  }
});
