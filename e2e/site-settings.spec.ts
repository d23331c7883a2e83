import { publishedBrief } from './data';
import { expect, expectNoAxeViolations, signedInPage, test } from './fixtures';

// The site's name, disclaimer and own pages are one per installation: these tests change them
// one after another, and put the name and disclaimer back.
test.describe.configure({ mode: 'serial' });

test('an admin renames the site and changes its disclaimer: every public page follows at once, and emptied fields go back to the defaults', async ({
  browser,
  page,
}) => {
  const { path } = await publishedBrief(`Is the site renamed everywhere ${Date.now()}?`);
  await page.goto(path);
  await expect(page.locator('header .brand')).toHaveText('Factdesk');

  const admin = await signedInPage(browser, 'admin');
  await admin.goto('/desk/settings');
  const details = admin.getByRole('region', { name: 'Public site' });
  // A control character is refused next to its field, and what was typed stays.
  await details.getByLabel('Site name').fill('The Verifier\u0007');
  await details.getByLabel('Disclaimer').fill('Read the sources before you share.');
  await details.getByRole('button', { name: 'Save site details' }).click();
  await expect(
    details.getByText(/Site name contains a control character \(U\+0007\)/),
  ).toBeVisible();
  await expect(details.getByLabel('Disclaimer')).toHaveValue('Read the sources before you share.');
  await expect(details.getByLabel('Site name')).toHaveAccessibleDescription(/control character/);

  await details.getByLabel('Site name').fill('The Verifier');
  await details.getByRole('button', { name: 'Save site details' }).click();
  await expect(details.getByRole('status')).toHaveText(
    'Saved: every public page shows the new details.',
  );
  await expectNoAxeViolations(admin);

  try {
    // The brief page was held in memory by the server: the change empties it.
    await page.goto(path);
    await expect(page.locator('header .brand')).toHaveText('The Verifier');
    await expect(page).toHaveTitle(/— The Verifier$/);
    await expect(page.locator('.disclaimer')).toHaveText('Read the sources before you share.');
    await expect(page.getByRole('contentinfo')).toContainText('The Verifier');
    await expect(page.getByRole('contentinfo')).toContainText('Read the sources before you share.');
    await page.goto('/');
    await expect(page.locator('header .brand')).toHaveText('The Verifier');
    await expect(page.getByRole('contentinfo')).toContainText('Read the sources before you share.');
  } finally {
    await admin.goto('/desk/settings');
    await details.getByLabel('Site name').fill('');
    await details.getByLabel('Disclaimer').fill('');
    await details.getByRole('button', { name: 'Save site details' }).click();
    await expect(details.getByRole('status')).toHaveText(/^Saved/);
  }
  await page.goto(path);
  await expect(page.locator('header .brand')).toHaveText('Factdesk');
  await expect(page.locator('.disclaimer')).toContainText('checked by a second person');
});

test('an admin writes the methodology as rich text: readers find it from every footer; each save is a version, an earlier one can be restored, and a stale save is refused', async ({
  browser,
  page,
}) => {
  // Two admins' pages with their editors and a reader's: slow on a busy machine.
  test.slow();
  const admin = await signedInPage(browser, 'admin');
  await admin.goto('/desk/settings');
  const section = admin.getByRole('region', { name: 'Methodology' });
  const editor = section.getByRole('textbox', { name: 'Methodology' });
  const first = `How we pick questions ${Date.now()}`;
  await expect(section.getByRole('button', { name: 'Bold' })).toBeVisible();
  await editor.click();
  await admin.keyboard.press('ControlOrMeta+a');
  await admin.keyboard.type(first);
  await section.getByRole('button', { name: 'Section heading' }).click();
  await admin.keyboard.press('End');
  await admin.keyboard.press('Enter');
  await admin.keyboard.type('We answer what readers ask most.');
  await section.getByRole('button', { name: 'Save methodology' }).click();
  await expect(section.getByRole('status')).toHaveText(
    /^Saved as version \d+: readers see it at \/methodology\.$/,
  );
  const saved = Number(
    /version (\d+)/.exec((await section.getByRole('status').textContent()) ?? '')?.[1],
  );
  await expectNoAxeViolations(admin);

  await page.goto('/');
  await page.getByRole('contentinfo').getByRole('link', { name: 'Methodology' }).click();
  await expect(page).toHaveURL(/\/methodology$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Methodology');
  await expect(page.getByRole('heading', { level: 2, name: first })).toBeVisible();
  await expect(page.getByText('We answer what readers ask most.')).toBeVisible();
  await expect(page.getByText(/^Last updated /)).toBeVisible();
  await expectNoAxeViolations(page);

  // A second tab still shows the version just saved: its save would overwrite the next one.
  const stale = await signedInPage(browser, 'admin');
  await stale.goto('/desk/settings');
  const staleSection = stale.getByRole('region', { name: 'Methodology' });

  await editor.click();
  await admin.keyboard.press('ControlOrMeta+End');
  await admin.keyboard.type(' And we say how.');
  await section.getByRole('button', { name: 'Save methodology' }).click();
  await expect(section.getByRole('status')).toHaveText(
    `Saved as version ${saved + 1}: readers see it at /methodology.`,
  );

  // The editor is ready once its toolbar shows; the caret goes to the end of the text.
  await expect(staleSection.getByRole('button', { name: 'Bold' })).toBeVisible();
  await staleSection.getByRole('textbox', { name: 'Methodology' }).click();
  await stale.keyboard.press('ControlOrMeta+End');
  await stale.keyboard.type('Overwrite?');
  await staleSection.getByRole('button', { name: 'Save methodology' }).click();
  await expect(staleSection.getByRole('alert')).toContainText(
    'was saved by someone else meanwhile',
  );
  await expect(staleSection.getByRole('textbox', { name: 'Methodology' })).toContainText(
    'Overwrite?',
  );

  await page.reload();
  await expect(page.getByText('We answer what readers ask most. And we say how.')).toBeVisible();

  await admin.reload();
  await section.getByText(/^Earlier versions/).click();
  await section.getByRole('button', { name: `Restore version ${saved} of Methodology` }).click();
  await expect(section.getByRole('status').first()).toHaveText(
    `Version ${saved} restored as version ${saved + 2}.`,
  );
  // The editor still shows the text it opened with: saving it would undo the restore unseen.
  await section.getByRole('button', { name: 'Save methodology' }).click();
  await expect(section.getByRole('alert')).toContainText('was saved by someone else meanwhile');
  await page.reload();
  await expect(page.getByText('We answer what readers ask most.', { exact: true })).toBeVisible();
});

test('the corrections policy is linked from the footer of a brief page once written, and nobody but an admin reaches the settings', async ({
  browser,
  page,
}) => {
  const admin = await signedInPage(browser, 'admin');
  await admin.goto('/desk/settings');
  const section = admin.getByRole('region', { name: 'Corrections policy' });
  await expect(section.getByRole('button', { name: 'Bold' })).toBeVisible();
  await section.getByRole('textbox', { name: 'Corrections policy' }).click();
  await admin.keyboard.press('ControlOrMeta+a');
  await admin.keyboard.type('We correct errors promptly and never remove a correction.');
  await section.getByRole('button', { name: 'Save corrections policy' }).click();
  await expect(section.getByRole('status')).toHaveText(/^Saved as version \d+/);

  const { path } = await publishedBrief(`Does the footer link the policy ${Date.now()}?`);
  await page.goto(path);
  await page.getByRole('contentinfo').getByRole('link', { name: 'Corrections policy' }).click();
  await expect(page).toHaveURL(/\/corrections-policy$/);
  await expect(
    page.getByText('We correct errors promptly and never remove a correction.'),
  ).toBeVisible();
  await expectNoAxeViolations(page);

  for (const role of ['editor', 'reviewer'] as const) {
    const person = await signedInPage(browser, role);
    const response = await person.goto('/desk/settings');
    expect(response?.status()).toBe(403);
    await person.goto('/desk');
    await expect(person.getByRole('navigation', { name: 'Newsroom' })).toBeVisible();
    await expect(
      person.getByRole('navigation', { name: 'Newsroom' }).getByRole('link', { name: 'Settings' }),
    ).toHaveCount(0);
  }
});
