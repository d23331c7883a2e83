import { expect, type Page } from '@playwright/test';
import type { E2eRole } from './accounts';
import { emptyBrief } from './data';

export type Part = 'Executive summary' | 'Body' | 'Limitations';

/** Starts a new brief from the dashboard and waits for the editor. */
export async function newBrief(page: Page): Promise<string> {
  await page.goto('/desk');
  await page.getByRole('button', { name: 'New brief' }).click();
  await expect(page).toHaveURL(/\/desk\/briefs\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('textbox', { name: 'Body' })).toBeVisible();
  return page.url().split('/').at(-1) ?? '';
}

/**
 * Opens, in the editor, a new empty brief made through lib by `role` (the person the page is
 * signed in as): for tests of the editor, where the dashboard's "New brief" is only the way in.
 */
export async function openEmptyBrief(page: Page, role: E2eRole): Promise<string> {
  const id = await emptyBrief(role);
  await page.goto(`/desk/briefs/${id}`);
  await expect(page.getByRole('textbox', { name: 'Body' })).toBeVisible();
  return id;
}

export async function addSource(
  page: Page,
  source: { title: string; url: string; publisher?: string },
) {
  await page.getByRole('button', { name: 'Add source' }).first().click();
  await page.getByLabel('URL', { exact: true }).fill(source.url);
  await page.getByLabel('Title').fill(source.title);
  await page.getByLabel('Publisher').fill(source.publisher ?? 'Example Press');
  await page.getByRole('button', { name: 'Save source' }).click();
  await expect(page.locator('.source-title', { hasText: source.title })).toBeVisible();
}

export function editor(page: Page, part: Part) {
  return page.getByRole('textbox', { name: part, exact: true });
}

/** Inserts a citation of the source with this title at the cursor of `part`. */
export async function cite(page: Page, part: Part, title: string) {
  await page
    .getByRole('toolbar', { name: `${part} formatting` })
    .getByRole('button', { name: 'Insert citation' })
    .click();
  const dialog = page.getByRole('dialog', { name: 'Choose a source' });
  await dialog.getByRole('option', { name: title, exact: true }).click();
  await expect(dialog).toBeHidden();
}

export async function citationLabels(page: Page, part: Part): Promise<string[]> {
  return editor(page, part).locator('.citation').allTextContents();
}

export const saveStatus = (page: Page) => page.locator('[role="status"].save-status');

/** Writes a brief that passes every automated check. */
export async function writeCompleteBrief(page: Page, question: string): Promise<string> {
  const id = await newBrief(page);
  await page.getByLabel('Question', { exact: true }).fill(question);
  await addSource(page, { title: 'Archive memo', url: 'https://example.org/memo' });
  await addSource(page, { title: 'Treaty text', url: 'https://example.org/treaty' });
  await editor(page, 'Executive summary').click();
  await page.keyboard.type('No written promise exists. ');
  await cite(page, 'Executive summary', 'Archive memo');
  await editor(page, 'Body').click();
  await page.keyboard.type('The treaty says nothing about it. ');
  await cite(page, 'Body', 'Treaty text');
  await expect(page.getByText('all pass')).toBeVisible();
  await expect(saveStatus(page)).toHaveText('Saved', { timeout: 15_000 });
  return id;
}

export const panel = (page: Page) => page.getByRole('region', { name: /^Review/ });

/** Re-checks a brief published by data.ts' publishedBrief (both its sources verified again). */
export async function recheckPublished(page: Page, id: string): Promise<void> {
  await page.goto(`/desk/briefs/${id}`);
  await panel(page).getByRole('link', { name: 'Re-check' }).click();
  await page.getByRole('checkbox', { name: 'Verified [1]' }).check();
  await page.getByRole('checkbox', { name: 'Verified [2]' }).check();
  await page.getByRole('button', { name: 'Re-check' }).click();
  await expect(page).toHaveURL(new RegExp(`/desk/briefs/${id}$`));
}
