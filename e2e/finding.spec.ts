import type { Browser, Page } from '@playwright/test';
import type { BriefDocument } from '@/lib/content/document';
import type { RichNode } from '@/lib/content/numbering';
import { approveAndPublish, completeDocument, draftBrief, submit } from './data';
import { expect, expectNoAxeViolations, test } from './fixtures';

// Finding and following (issue 18): the header's search, related questions, citation cards and
// the front page's JSON-LD. Every brief here is written and published through lib (e2e/data.ts).

/** A unique word of letters only, so that full-text search treats it as one token. */
function uniqueWord(prefix: string): string {
  const letters = `${Date.now()}${process.pid}${Math.floor(Math.random() * 1e6)}`.replace(
    /\d/g,
    (d) => 'abcdefghij'[Number(d)] ?? 'a',
  );
  return `${prefix}${letters}`;
}

async function published(document: BriefDocument): Promise<string> {
  const { id } = await draftBrief('editor', document);
  await submit(id);
  return approveAndPublish(id);
}

const text = (value: string): RichNode => ({ type: 'text', text: value });
const cite = (citationId: string, sourceId: string, locator: string | null = null): RichNode => ({
  type: 'citation',
  attrs: { citationId, sourceId, locator },
});

/** A node of the JSON-LD graph, as far as these tests read it. */
interface LinkedNode {
  '@type': string;
  '@id'?: string;
  name?: string;
  url?: string;
  publisher?: { '@id': string };
  potentialAction?: { '@type': string; 'query-input': string; target: { urlTemplate: string } };
}

/**
 * axe needs script in the page: it checks the same address in a page of its own that runs
 * script, after `prepare` (opening a card) if given.
 */
async function expectNoAxeViolationsAt(
  browser: Browser,
  url: string,
  prepare?: (page: Page) => Promise<void>,
): Promise<void> {
  // Contexts take the file's options (no script) unless told otherwise.
  const checked = await (await browser.newContext({ javaScriptEnabled: true })).newPage();
  await checked.goto(url);
  await prepare?.(checked);
  await expectNoAxeViolations(checked);
}

async function searchFromHeader(page: Page, words: string): Promise<void> {
  const field = page.locator('header.masthead').getByRole('searchbox', { name: 'Search' });
  await field.fill(words);
  await field.press('Enter');
  await expect(page).toHaveURL(/\/search\?q=/);
}

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the header searches from a brief page, the search page and the front page', async ({
    page,
    browser,
  }) => {
    const word = uniqueWord('lighthouse');
    const question = `Did the ${word} keeper leave in 1923?`;
    const path = await published(completeDocument(question));

    for (const start of [path, '/search', '/']) {
      await page.goto(start);
      await searchFromHeader(page, word);
      const result = page
        .getByRole('listitem')
        .filter({ has: page.getByRole('link', { name: question }) });
      await expect(result).toHaveCount(1);
      // The checked-on day, with the newsroom's time zone (UTC in these tests).
      await expect(result.locator('.checked-line')).toHaveText(
        /^Checked on [A-Z][a-z]+ \d{1,2}, \d{4} \(UTC\)$/,
      );
      await expect(result.locator('.checked-line time')).toHaveAttribute(
        'datetime',
        /^\d{4}-\d{2}-\d{2}$/,
      );
    }
    await expect(page).toHaveTitle(/^Search — /);
    // The pages written by hand carry the same header: a brief that does not exist, too.
    await page.goto(`/briefs/no-such-brief-${word}`);
    await searchFromHeader(page, word);
    await expect(page.getByRole('link', { name: question })).toBeVisible();
    await expectNoAxeViolationsAt(browser, page.url());
    await page.getByRole('link', { name: question }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(question);
  });

  test('a related question links to the brief that asks it, and search finds words only it holds', async ({
    page,
  }) => {
    const askedWord = uniqueWord('ferry');
    const asked = `Did the ${askedWord} run on Sundays?`;
    const askedPath = await published(completeDocument(asked));
    const onlyRelated = uniqueWord('zeppelin');
    const question = `Who ran the harbour in ${uniqueWord('year')}?`;
    const path = await published({
      ...completeDocument(question),
      relatedQuestions: [
        // Another case and spacing: still the same question.
        { text: `did the  ${askedWord.toUpperCase()} run on sundays?` },
        { text: `Was the ${onlyRelated} hangar ever rebuilt?` },
      ],
    });

    await page.goto(path);
    const related = page.getByRole('region', { name: 'Want to dive deeper?' });
    await expect(related.getByRole('listitem')).toHaveCount(2);
    await related.getByRole('link').click();
    await expect(page).toHaveURL(new RegExp(`${askedPath}$`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(asked);

    await searchFromHeader(page, `${onlyRelated} hangar`);
    const result = page
      .getByRole('listitem')
      .filter({ has: page.getByRole('link', { name: question }) });
    await expect(result).toHaveCount(1);
    await expect(result).toContainText(
      `In its related questions: Was the ${onlyRelated} hangar ever rebuilt?`,
    );
    await expect(result.locator('mark')).toHaveText([onlyRelated, 'hangar']);
    await expect(page.getByRole('link', { name: asked })).toHaveCount(0);
  });

  test('a citation opens its source’s card on hover and focus, and a click still reaches the entry', async ({
    page,
    browser,
  }) => {
    const question = `Did the ${uniqueWord('canal')} close in winter?`;
    const base = completeDocument(question);
    const [memo, treaty] = base.sources;
    if (!memo || !treaty) throw new Error('completeDocument has two sources');
    const path = await published({
      ...base,
      summary: {
        type: 'doc',
        content: [
          {
            type: 'paragraph',
            content: [text('The canal stayed open (see '), cite('c1', 'memo', 'p. 12'), text(').')],
          },
        ],
      },
      sources: [
        {
          ...memo,
          publisher: 'City Archive',
          publishedAt: '2024-03-05',
          quote: 'The canal never froze.',
        },
        treaty,
      ],
    });

    await page.goto(path);
    const citation = page.locator('.summary a.citation');
    await expect(citation).toHaveText('[1, p. 12]');
    const card = page.locator('.citation-card').filter({ hasText: 'Archive memo' });
    await expect(card).toBeHidden();

    await citation.hover();
    await expect(card).toBeVisible();
    await expect(card).toContainText('City Archive');
    await expect(card).toContainText('Published March 5, 2024');
    await expect(card).toContainText('Pinpoint: p. 12');
    await expect(card.locator('blockquote')).toHaveText('The canal never froze.');
    const sourceLink = card.getByRole('link', { name: 'example.org/memo' });
    await expect(sourceLink).toHaveAttribute('href', 'https://example.org/memo');
    await expect(card.getByRole('link', { name: 'Source 1 in the list' })).toHaveAttribute(
      'href',
      '#source-1',
    );
    await expectNoAxeViolationsAt(browser, page.url(), async (checked) => {
      await checked.locator('.summary a.citation').hover();
      await expect(checked.locator('.citation-card').first()).toBeVisible();
    });

    // From the keyboard: focusing the citation opens the card, and Tab goes on into its links.
    await page.mouse.move(0, 0);
    await expect(card).toBeHidden();
    await page.getByRole('heading', { level: 1 }).click();
    await page.keyboard.press('Tab');
    await expect(citation).toBeFocused();
    await expect(card).toBeVisible();
    await page.keyboard.press('Tab');
    await expect(sourceLink).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(card.getByRole('link', { name: 'Source 1 in the list' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/#source-1$/);

    // A click on the citation still goes to the source's entry.
    await page.goto(path);
    await citation.click();
    await expect(page).toHaveURL(/#source-1$/);
    await expect(page.locator('li#source-1')).toContainText('Archive memo');

    // Readable on a phone: the open card fits the screen.
    await page.setViewportSize({ width: 320, height: 640 });
    await page.goto(path);
    await citation.hover();
    await expect(card).toBeVisible();
    const box = await card.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 320).toBe(true);
    await page.screenshot({ path: test.info().outputPath('citation-card-on-a-phone.png') });
  });

  test('the front page describes the site and its search in JSON-LD', async ({ page }) => {
    await page.goto('/');
    const blocks = await page.locator('script[type="application/ld+json"]').allTextContents();
    expect(blocks).toHaveLength(1);
    const data = JSON.parse(blocks[0] ?? '');
    expect(data['@context']).toBe('https://schema.org');
    const nodes: LinkedNode[] = data['@graph'];
    const website = nodes.find((node) => node['@type'] === 'WebSite');
    const organization = nodes.find((node) => node['@type'] === 'NewsMediaOrganization');
    if (!website || !organization) throw new Error('WebSite and NewsMediaOrganization expected');
    const home = new URL('/', page.url()).href;
    expect(website).toMatchObject({ url: expect.any(String), name: expect.any(String) });
    expect(organization).toMatchObject({ name: website.name, url: website.url });
    expect(website.publisher).toEqual({ '@id': organization['@id'] });
    const action = website.potentialAction;
    if (!action) throw new Error('a SearchAction expected');
    expect(action['@type']).toBe('SearchAction');
    expect(action['query-input']).toBe('required name=search_term_string');
    const template: string = action.target.urlTemplate;
    expect(template).toBe(`${website.url?.replace(/\/$/, '')}/search?q={search_term_string}`);
    // The template works on this server: its search page answers.
    const search = new URL(template.replace('{search_term_string}', 'canal'));
    const response = await page.goto(new URL(`${search.pathname}${search.search}`, home).href);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Search');
  });
});
