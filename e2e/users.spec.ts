import type { Browser, Page, Request } from '@playwright/test';
import { E2E_PASSWORD, e2eAccounts } from './accounts';
import { addedPerson } from './data';
import {
  confirmDialog,
  expect,
  expectNoAxeViolations,
  signedInPage,
  signIn,
  test,
  uniqueEmail,
} from './fixtures';

async function addUser(
  admin: Page,
  person: { name: string; email: string; role: string; password?: string },
): Promise<string> {
  await admin.goto('/desk/users');
  await admin.getByLabel('Name').fill(person.name);
  await admin.getByLabel('Email').fill(person.email);
  await admin.getByLabel('Role', { exact: true }).selectOption(person.role);
  if (person.password) await admin.getByLabel('Initial password').fill(person.password);
  await admin.getByRole('button', { name: 'Add user' }).click();
  await expect(admin.getByRole('status').first()).toContainText(`Added ${person.email}`);
  if (person.password) return person.password;
  return (await admin.getByTestId('generated-password').textContent()) ?? '';
}

function userRow(page: Page, email: string) {
  return page
    .getByRole('region', { name: /^People/ })
    .getByRole('row', { name: new RegExp(email.replace(/[.]/g, '\\.')) });
}

function activity(page: Page) {
  return page.getByRole('region', { name: 'Account activity' });
}

async function newSession(browser: Browser): Promise<Page> {
  return (await browser.newContext()).newPage();
}

test.describe('user management', () => {
  test('an admin adds an editor, who can then sign in in another browser', async ({ browser }) => {
    const admin = await signedInPage(browser, 'admin');
    const email = uniqueEmail('new-editor');
    const password = await addUser(admin, { name: 'Nia New', email, role: 'editor' });
    expect(password).toMatch(/^[\w]{5}(-[\w]{5}){3}$/);
    await expect(userRow(admin, email)).toContainText('Editor');
    await expect(userRow(admin, email)).toContainText('Active');

    const editor = await newSession(browser);
    await editor.goto('/login');
    await signIn(editor, email, password);
    await expect(editor.getByRole('banner')).toContainText('Signed in as Nia New');
    await expect(editor.getByRole('banner')).toContainText(/editor/i);
  });

  test('bad input is explained beside each field and keeps what was typed', async ({ browser }) => {
    const admin = await signedInPage(browser, 'admin');
    await admin.goto('/desk/users');
    await admin.getByLabel('Name').fill('Typo Person');
    await admin.getByLabel('Email').fill('typo@@example');
    await admin.getByLabel('Role', { exact: true }).selectOption('reviewer');
    await admin.getByLabel('Initial password').fill('short');
    await admin.getByRole('button', { name: 'Add user' }).click();
    await expect(admin.getByRole('alert').first()).toHaveText(
      'Please correct the fields marked below.',
    );
    await expect(
      admin.getByText('Enter a valid email address, like name@example.org.'),
    ).toBeVisible();
    await expect(admin.getByText('Use at least 12 characters.')).toBeVisible();
    await expect(admin.getByLabel('Name')).toHaveValue('Typo Person');
    await expect(admin.getByLabel('Email')).toHaveValue('typo@@example');
    await expect(admin.getByLabel('Initial password')).toHaveValue('');
    await expect(admin.getByLabel('Role', { exact: true })).toHaveValue('reviewer');
    await expect(userRow(admin, 'typo@@example')).toHaveCount(0);

    // A taken email, in another case, is refused and nothing is added.
    await admin.getByLabel('Email').fill(e2eAccounts.editor.email.toUpperCase());
    await admin.getByRole('button', { name: 'Add user' }).click();
    await expect(admin.getByText('Someone already has this email address.').first()).toBeVisible();
    await expect(admin.getByLabel('Name')).toHaveValue('Typo Person');
    await expect(admin.getByRole('row', { name: /Typo Person/ })).toHaveCount(0);
  });

  test('disabling a signed-in person ends their access at their next request', async ({
    browser,
  }) => {
    const admin = await signedInPage(browser, 'admin');
    const email = uniqueEmail('to-disable');
    await addedPerson({ name: 'Dee Dormant', email, role: 'reviewer' });
    const victim = await newSession(browser);
    await signIn(victim, email);
    await expect(victim.getByRole('banner')).toContainText('Dee Dormant');

    await admin.goto('/desk/users');
    await userRow(admin, email).getByRole('button', { name: 'Disable' }).click();
    await confirmDialog(admin, 'Disable');
    await expect(userRow(admin, email)).toContainText('Disabled');

    await victim.goto('/desk/account');
    await expect(victim).toHaveURL(/\/login/);
    // Signing in is refused: the form stays, with why.
    await victim.getByLabel('Email').fill(email);
    await victim.getByLabel('Password').fill(E2E_PASSWORD);
    await victim.getByRole('button', { name: 'Sign in' }).click();
    await expect(victim.getByRole('main').getByRole('alert')).toHaveText(
      'This account is disabled. Ask an admin of your newsroom to enable it again.',
    );

    await userRow(admin, email).getByRole('button', { name: 'Enable' }).click();
    await expect(userRow(admin, email)).toContainText('Active');
    await signIn(victim, email);
    await expect(victim).toHaveURL(/\/desk/);
  });

  test('after a Disable reorders the list, every row’s role select shows that row’s role', async ({
    browser,
  }) => {
    const admin = await signedInPage(browser, 'admin');
    // Sorted first among the active people, so that disabling moves the row down the list.
    const email = uniqueEmail('reordered');
    await addedPerson({ name: 'Aaron Aardvark', email, role: 'reviewer' });
    await addedPerson({ name: 'Aaron Abbott', email: uniqueEmail('stays'), role: 'reviewer' });
    await admin.goto('/desk/users');
    // A role changed without a reload first: the select's initial value is then stale.
    await userRow(admin, email).getByRole('combobox').selectOption('editor');
    await userRow(admin, email).getByRole('button', { name: 'Change role' }).click();
    await expect(userRow(admin, email).getByRole('cell').nth(1)).toHaveText('Editor');
    await userRow(admin, email).getByRole('button', { name: 'Disable' }).click();
    await confirmDialog(admin, 'Disable');
    await expect(userRow(admin, email)).toContainText('Disabled');

    const rows = admin.getByRole('region', { name: /^People/ }).locator('tbody tr');
    const count = await rows.count();
    expect(count).toBeGreaterThan(2);
    for (let index = 0; index < count; index += 1) {
      const row = rows.nth(index);
      const shownRole = await row.locator('td').nth(1).textContent();
      const select = row.getByRole('combobox');
      const selectedLabel = await select.evaluate(
        (element) => (element as HTMLSelectElement).selectedOptions[0]?.label ?? '',
      );
      expect(selectedLabel, `role select of row ${index + 1}`).toBe(shownRole?.trim());
    }
  });

  test('an admin sees who disabled whom, newest first, under Account activity', async ({
    browser,
  }) => {
    const admin = await signedInPage(browser, 'admin');
    const email = uniqueEmail('audited');
    await addedPerson({ name: 'Abe Audited', email, role: 'editor' });
    await admin.goto('/desk/users');
    await userRow(admin, email).getByRole('button', { name: 'Disable' }).click();
    await confirmDialog(admin, 'Disable');
    await expect(userRow(admin, email)).toContainText('Disabled');

    await admin.reload();
    const rows = activity(admin).getByRole('row', {
      name: new RegExp(email.replace(/[.]/g, '\\.')),
    });
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(0)).toContainText('Disabled');
    await expect(rows.nth(0)).toContainText(e2eAccounts.admin.name);
    await expect(rows.nth(1)).toContainText('Added as editor');
    await expect(rows.nth(0).locator('time')).toHaveText(/\d{4}, \d{1,2}:\d{2} [AP]M$/);
    // The first people came from the command line.
    await expect(
      activity(admin).getByRole('row', {
        name: new RegExp(e2eAccounts.editor.email.replace(/[.]/g, '\\.')),
      }),
    ).toContainText('Command line');
  });

  test('a role change applies at the next request', async ({ browser }) => {
    const admin = await signedInPage(browser, 'admin');
    const email = uniqueEmail('promoted');
    await addedPerson({ name: 'Pat Promoted', email, role: 'editor' });
    const person = await newSession(browser);
    await signIn(person, email);
    await person.goto('/desk/users');
    await expect(
      person.getByRole('heading', { name: 'You do not have access to this page' }),
    ).toBeVisible();

    await admin.goto('/desk/users');
    const row = userRow(admin, email);
    await row.getByLabel('Role for Pat Promoted').selectOption('reviewer');
    await row.getByRole('button', { name: 'Change role' }).click();
    await expect(row).toContainText('Role changed to reviewer.');
    await expect(row.getByRole('cell', { name: 'Reviewer', exact: true })).toBeVisible();

    await person.goto('/desk');
    await expect(person.getByRole('banner')).toContainText(/reviewer/i);
  });

  test('an admin resets a password: the old one stops working, the new one works', async ({
    browser,
  }) => {
    const admin = await signedInPage(browser, 'admin');
    const email = uniqueEmail('reset');
    await addedPerson({ name: 'Rex Reset', email, role: 'editor' });
    await admin.goto('/desk/users');
    await userRow(admin, email).getByRole('button', { name: 'Reset password' }).click();
    await confirmDialog(admin, 'Reset password');
    const generated = userRow(admin, email).getByTestId('generated-password');
    await expect(generated).toBeVisible();
    const newPassword = (await generated.textContent()) ?? '';

    const person = await newSession(browser);
    await person.goto('/login');
    await person.getByLabel('Email').fill(email);
    await person.getByLabel('Password').fill(E2E_PASSWORD);
    await person.getByRole('button', { name: 'Sign in' }).click();
    await expect(person.getByRole('main').getByRole('alert')).toHaveText(
      'Wrong email or password.',
    );
    await signIn(person, email, newPassword);
    await expect(person.getByRole('banner')).toContainText('Rex Reset');
  });

  test('disabling asks first, and nothing happens when the admin says no', async ({ browser }) => {
    const admin = await signedInPage(browser, 'admin');
    const email = uniqueEmail('kept');
    await addedPerson({ name: 'Kim Kept', email, role: 'editor' });
    await admin.goto('/desk/users');
    const asks: [button: string, title: string, question: string][] = [
      ['Disable', 'Disable user', 'Disable Kim Kept? They are signed out at once.'],
      [
        'Reset password',
        'Reset password',
        'Reset the password of Kim Kept? Their current password stops working and they are signed out.',
      ],
    ];
    for (const [button, title, question] of asks) {
      await userRow(admin, email).getByRole('button', { name: button }).click();
      const dialog = admin.getByRole('alertdialog', { name: title });
      await expect(dialog).toHaveAccessibleDescription(question);
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await expect(dialog).toBeHidden();
    }
    await admin.reload();
    await expect(userRow(admin, email)).toContainText('Active');
    const person = await newSession(browser);
    await signIn(person, email);
    await expect(person.getByRole('banner')).toContainText('Kim Kept');
  });

  test('the last active admin cannot demote themself', async ({ browser }) => {
    const admin = await signedInPage(browser, 'admin');
    await admin.goto('/desk/users');
    const row = userRow(admin, e2eAccounts.admin.email);
    await row.getByLabel(`Role for ${e2eAccounts.admin.name}`).selectOption('editor');
    await row.getByRole('button', { name: 'Change role' }).click();
    await expect(row.getByRole('alert')).toHaveText(
      'You cannot demote the last active admin: make someone else an admin first.',
    );
    await admin.reload();
    await expect(userRow(admin, e2eAccounts.admin.email)).toContainText('Admin');
    // No Disable button on one's own row.
    await expect(
      userRow(admin, e2eAccounts.admin.email).getByRole('button', { name: 'Disable' }),
    ).toHaveCount(0);
  });

  test('the users page is accessible', async ({ browser }) => {
    const admin = await signedInPage(browser, 'admin');
    await admin.goto('/desk/users');
    await expectNoAxeViolations(admin);
  });
});

test.describe('user management is for admins only', () => {
  for (const role of ['editor', 'reviewer'] as const) {
    test(`a ${role} gets 403 on the users page`, async ({ browser }) => {
      const page = await signedInPage(browser, role);
      const response = await page.goto('/desk/users');
      expect(response?.status()).toBe(403);
      await expect(
        page.getByRole('heading', { name: 'You do not have access to this page' }),
      ).toBeVisible();
      await expect(page.getByText('Account activity')).toHaveCount(0);
    });
  }

  test('every user management action, replayed by a non-admin, is refused and changes nothing', async ({
    browser,
  }) => {
    const admin = await signedInPage(browser, 'admin');
    const email = uniqueEmail('target');
    await addedPerson({ name: 'Tess Target', email, role: 'editor' });
    await admin.goto('/desk/users');

    // Capture the requests the admin's browser would send, without letting them through.
    const captured: Request[] = [];
    const capture = async (act: () => Promise<void>) => {
      await admin.reload();
      await admin.route('**/desk/users', async (route) => {
        if (route.request().method() !== 'POST') return route.continue();
        captured.push(route.request());
        await route.abort();
      });
      const before = captured.length;
      await act();
      await expect.poll(() => captured.length).toBe(before + 1);
      await admin.unrouteAll({ behavior: 'ignoreErrors' });
    };
    const row = userRow(admin, email);
    await capture(async () => {
      await row.getByLabel('Role for Tess Target').selectOption('admin');
      await row.getByRole('button', { name: 'Change role' }).click();
    });
    await capture(async () => {
      await row.getByRole('button', { name: 'Disable' }).click();
      await confirmDialog(admin, 'Disable');
    });
    await capture(async () => {
      await row.getByRole('button', { name: 'Reset password' }).click();
      await confirmDialog(admin, 'Reset password');
    });
    await capture(async () => {
      await admin.getByLabel('Name').fill('Mallory');
      await admin.getByLabel('Email').fill(uniqueEmail('mallory'));
      await admin.getByLabel('Role', { exact: true }).selectOption('admin');
      await admin.getByRole('button', { name: 'Add user' }).click();
    });

    const editor = await signedInPage(browser, 'editor');
    const anonymous = await newSession(browser);
    for (const request of captured) {
      const { cookie: _cookie, ...headers } = request.headers();
      const body = request.postDataBuffer() ?? undefined;
      const asEditor = await editor.request.post(request.url(), {
        headers,
        data: body,
        maxRedirects: 0,
      });
      expect(asEditor.status()).toBe(403);
      const asReader = await anonymous.request.post(request.url(), {
        headers,
        data: body,
        maxRedirects: 0,
      });
      expect(asReader.status()).toBe(401);
    }

    await admin.reload();
    await expect(userRow(admin, email)).toContainText('Editor');
    await expect(userRow(admin, email)).toContainText('Active');
    await expect(admin.getByRole('row', { name: /Mallory/ })).toHaveCount(0);
    const person = await newSession(browser);
    await signIn(person, email);
    await expect(person.getByRole('banner')).toContainText('Tess Target');
  });
});
