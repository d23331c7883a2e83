import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { citationLabels, editor, panel } from './editor-fixtures';
import { expectNoAxeViolations, signedInPage } from './fixtures';

const samplePath = path.join(__dirname, '../db/seed-data/nato-brief.txt');

test('an editor imports the sample brief, gets working citations, and exports it as Markdown', async ({
  browser,
}) => {
  const page = await signedInPage(browser, 'editor');
  await page.goto('/desk');
  await page.getByRole('link', { name: 'Import' }).click();
  await expect(page.getByRole('heading', { name: 'Import a brief' })).toBeVisible();

  await page.getByLabel('File (.txt or .md)').setInputFiles(samplePath);
  await expect(page.getByLabel('Brief text')).toHaveValue(/^How has NATO expansion influenced/);
  await page.getByRole('button', { name: 'Preview import' }).click();
  const report = page.getByRole('region', { name: 'What the import found' });
  await expect(report).toContainText(
    '6 sections, 8 paragraphs, 45 citations, 12 sources (12 to complete), 5 related questions',
  );
  await expect(report.getByRole('list', { name: 'Needs attention' })).toContainText(
    'Line 8: “p1_s8” looks like an internal reference',
  );
  await expect(report.getByRole('list', { name: 'Done by the import' })).toContainText(
    'Line 3: The text says “Checked on December 6, 2025”',
  );
  await expect(page.getByRole('region', { name: 'Preview of the draft' })).toContainText(
    '1. NATO expansion as Moscow’s stated grievance',
  );
  await expectNoAxeViolations(page);

  await page.getByRole('button', { name: 'Create draft' }).click();
  await expect(page).toHaveURL(/\/desk\/briefs\/[0-9a-f-]{36}$/);
  await expect(page.getByLabel('Question', { exact: true })).toHaveValue(
    "How has NATO expansion influenced Russia's decision to invade Ukraine?",
  );
  await expect(editor(page, 'Body').locator('h2')).toHaveCount(6);
  await expect(page.locator('.source-item')).toHaveCount(12);
  await expect(page.locator('.source-item', { hasText: 'needs details' })).toHaveCount(12);
  const labels = [
    ...(await citationLabels(page, 'Executive summary')),
    ...(await citationLabels(page, 'Body')),
    ...(await citationLabels(page, 'Limitations')),
  ];
  expect(labels).toHaveLength(45);
  expect(labels.slice(0, 6)).toEqual(['[1]', '[2]', '[3]', '[4]', '[5]', '[6]']);
  expect(new Set(labels)).toEqual(new Set(Array.from({ length: 12 }, (_, i) => `[${i + 1}]`)));
  await expect(page.getByLabel('Related questions')).toHaveValue(
    /^To what extent did NATO enlargement[^\n]*\n(?:[^\n]+\n){3}Could alternative diplomatic arrangements/,
  );
  await panel(page).getByText('Audit log').click();
  await expect(panel(page).getByRole('list', { name: 'Audit log' })).toContainText(
    'Imported · version 1 · Imported from “nato-brief.txt”',
  );

  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Export version 1 as Markdown' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(
    'how-has-nato-expansion-influenced-russias-decision-to-invade-ukraine-v1.md',
  );
  const markdown = readFileSync((await file.path()) ?? '', 'utf8');
  expect(markdown).toMatch(/^# How has NATO expansion influenced Russia's decision/);
  expect(markdown).toContain('## 1. NATO expansion as Moscow’s stated grievance');
  expect(markdown).toContain('## Sources\n\n1. Source 8\n');
  expect(markdown).toContain('12. Source 11\n');

  // The same from a version opened in the history.
  await page.getByRole('link', { name: 'History' }).click();
  await page.getByRole('link', { name: 'View version 1' }).click();
  const fromHistory = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Export version 1 as JSON' }).click();
  const json = JSON.parse(readFileSync((await (await fromHistory).path()) ?? '', 'utf8'));
  expect(json.question).toBe(
    "How has NATO expansion influenced Russia's decision to invade Ukraine?",
  );
  expect(json.sources).toHaveLength(12);
});

test('import refuses bad input with a clear message and keeps the text', async ({ browser }) => {
  const page = await signedInPage(browser, 'editor');
  await page.goto('/desk/import');
  await page.getByRole('button', { name: 'Preview import' }).click();
  await expect(page.getByText('There is no text to import.').first()).toBeVisible();

  const noQuestion = 'Executive summary\n\nA paragraph without a question [1].';
  await page.getByLabel('Brief text').fill(noQuestion);
  await page.getByRole('button', { name: 'Preview import' }).click();
  await expect(page.locator('.field-error')).toContainText('The text has no question');
  await expect(page.getByLabel('Brief text')).toHaveValue(noQuestion);
  await expect(page.getByRole('button', { name: 'Create draft' })).toHaveCount(0);

  await page.getByLabel('File (.txt or .md)').setInputFiles({
    name: 'scan.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff]),
  });
  const fileError = page.locator('.field-error[role="alert"]');
  await expect(fileError).toContainText('“scan.txt” is not a text file in UTF-8');
  await expect(page.getByLabel('Brief text')).toHaveValue(noQuestion);
  await page.getByLabel('File (.txt or .md)').setInputFiles({
    name: 'brief.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.7'),
  });
  await expect(fileError).toContainText('“brief.pdf” is not a .txt or .md file');
  await expectNoAxeViolations(page);
});

test('exports are for signed-in staff and name their format', async ({ browser }) => {
  const page = await signedInPage(browser, 'editor');
  await page.goto('/desk/import');
  await page.getByLabel('Brief text').fill('Is this exported?\n\nExecutive summary\n\nYes.\n');
  await page.getByRole('button', { name: 'Preview import' }).click();
  await expect(page.getByRole('button', { name: 'Create draft' })).toBeVisible();
  // Text changed after the preview is previewed again before anything is created.
  await page.getByLabel('Brief text').fill('Is this exported?\n\nExecutive summary\n\nYes [1].\n');
  await expect(page.getByRole('button', { name: 'Create draft' })).toHaveCount(0);
  await expect(page.getByText('The text changed since the preview')).toBeVisible();
  await page.getByRole('button', { name: 'Preview import' }).click();
  await page.getByRole('button', { name: 'Create draft' }).click();
  await expect(page).toHaveURL(/\/desk\/briefs\/[0-9a-f-]{36}$/);
  const exportUrl = `${page.url()}/export`;

  const json = await page.request.get(`${exportUrl}?format=json&v=1`);
  expect(json.status()).toBe(200);
  expect((await json.json()).question).toBe('Is this exported?');
  const csl = await page.request.get(`${exportUrl}?format=csl`);
  expect(csl.headers()['content-type']).toContain('application/vnd.citationstyles.csl+json');
  expect(await csl.json()).toEqual([
    expect.objectContaining({ type: 'webpage', title: 'Source 1' }),
  ]);
  expect((await page.request.get(`${exportUrl}?format=pdf`)).status()).toBe(400);
  expect((await page.request.get(`${exportUrl}?format=json&v=99`)).status()).toBe(404);

  const anonymous = await browser.newContext();
  const refused = await anonymous.request.get(`${exportUrl}?format=json`, { maxRedirects: 0 });
  expect(refused.status()).toBe(303);
  expect(refused.headers().location).toContain('/login');
  await anonymous.close();
});
