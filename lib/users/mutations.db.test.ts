import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { userAuditLog, userSessions, users } from '@/db/schema';
import { ConflictError, ForbiddenError, InvalidError } from '@/lib/errors';
import { type Actor, systemActor } from '@/lib/policy/policy';
import { listUserActivity } from './audit';
import {
  changeOwnPassword,
  changeUserRole,
  createUser,
  resetUserPassword,
  setUserDisabled,
  signOutEverywhere,
} from './mutations';
import { verifyPassword } from './password';
import { listUsers } from './queries';
import type { UserRole } from './schemas';
import { findSessionActor, startSession } from './session-store';

const PASSWORD = 'a-long-enough-password';

async function person(role: UserRole, email = `${role}-${Math.random()}@example.org`) {
  const { id } = await createUser(systemActor('seed'), {
    name: role,
    email,
    role,
    password: PASSWORD,
  });
  return { id, email, name: role, role } satisfies Actor;
}

async function row(id: string) {
  const [found] = await getDb().select().from(users).where(eq(users.id, id));
  return found!;
}

beforeEach(async () => {
  // People cannot be deleted (the audit log names them): earlier tests' people are disabled, so
  // that each test's admins are the only active ones.
  await getDb().update(users).set({ disabled: true });
});

describe('creating people', () => {
  it('stores a normalized person with an Argon2id hash, never the password', async () => {
    const admin = await person('admin');
    const created = await createUser(admin, {
      name: 'Eli',
      email: 'eli@example.org',
      role: 'editor',
      password: PASSWORD,
    });
    const stored = await row(created.id);
    expect(stored).toMatchObject({ email: 'eli@example.org', role: 'editor', disabled: false });
    expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(stored.passwordHash, PASSWORD)).toBe(true);
    expect(created.generatedPassword).toBeUndefined();
  });

  it('generates a password when none is given and returns it once', async () => {
    const admin = await person('admin');
    const created = await createUser(admin, {
      name: 'G',
      email: 'g@example.org',
      role: 'reviewer',
    });
    expect(created.generatedPassword).toMatch(/^[\w]{5}(-[\w]{5}){3}$/);
    expect(
      await verifyPassword((await row(created.id)).passwordHash, created.generatedPassword!),
    ).toBe(true);
  });

  it('refuses a taken email whatever its case, and changes nothing', async () => {
    const admin = await person('admin', 'boss@example.org');
    await expect(
      createUser(admin, {
        name: 'B',
        email: 'boss@example.org',
        role: 'editor',
        password: PASSWORD,
      }),
    ).rejects.toThrow(ConflictError);
    const everyone = await listUsers(admin);
    expect(everyone.filter((u) => u.email === 'boss@example.org')).toHaveLength(1);
  });

  it('the database itself refuses a second email differing only in case', async () => {
    await person('editor', 'same@example.org');
    await expect(
      getDb()
        .insert(users)
        .values({ email: 'SAME@example.org', name: 'x', role: 'editor', passwordHash: 'x' }),
    ).rejects.toThrow();
  });

  it('only admins may create or list people', async () => {
    for (const role of ['editor', 'reviewer'] as const) {
      const actor = await person(role);
      await expect(
        createUser(actor, {
          name: 'X',
          email: `x-${role}@example.org`,
          role: 'admin',
          password: PASSWORD,
        }),
      ).rejects.toThrow(ForbiddenError);
      await expect(listUsers(actor)).rejects.toThrow(ForbiddenError);
    }
  });
});

describe('roles and status', () => {
  it('changes a role', async () => {
    const admin = await person('admin');
    const editor = await person('editor');
    await changeUserRole(admin, { userId: editor.id, role: 'reviewer' });
    expect((await row(editor.id)).role).toBe('reviewer');
  });

  it('never demotes or disables the last active admin', async () => {
    const admin = await person('admin');
    const other = await person('admin');
    await setUserDisabled(admin, { userId: other.id, disabled: true });
    await expect(changeUserRole(admin, { userId: admin.id, role: 'editor' })).rejects.toThrow(
      /last active admin/,
    );
    expect((await row(admin.id)).role).toBe('admin');
  });

  it('lets an admin step down while another admin is active', async () => {
    const admin = await person('admin');
    await person('admin');
    await changeUserRole(admin, { userId: admin.id, role: 'editor' });
    expect((await row(admin.id)).role).toBe('editor');
  });

  it('leaves exactly one admin when two demote each other at the same time', async () => {
    const a = await person('admin');
    const b = await person('admin');
    const results = await Promise.allSettled([
      changeUserRole(a, { userId: b.id, role: 'editor' }),
      changeUserRole(b, { userId: a.id, role: 'editor' }),
    ]);
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
    const admins = (await listUsers(a)).filter(
      (u) => [a.id, b.id].includes(u.id) && u.role === 'admin' && !u.disabled,
    );
    expect(admins).toHaveLength(1);
  });

  it('disabling ends sessions (session version moves) and cannot target oneself', async () => {
    const admin = await person('admin');
    const editor = await person('editor');
    const before = (await row(editor.id)).sessionVersion;
    await setUserDisabled(admin, { userId: editor.id, disabled: true });
    expect(await row(editor.id)).toMatchObject({ disabled: true, sessionVersion: before + 1 });
    await setUserDisabled(admin, { userId: editor.id, disabled: false });
    expect((await row(editor.id)).disabled).toBe(false);
    await expect(setUserDisabled(admin, { userId: admin.id, disabled: true })).rejects.toThrow(
      InvalidError,
    );
  });

  it('refuses role and status changes to non-admins', async () => {
    const reviewer = await person('reviewer');
    const editor = await person('editor');
    await expect(changeUserRole(reviewer, { userId: editor.id, role: 'admin' })).rejects.toThrow(
      ForbiddenError,
    );
    await expect(setUserDisabled(editor, { userId: reviewer.id, disabled: true })).rejects.toThrow(
      ForbiddenError,
    );
    await expect(resetUserPassword(editor, { userId: reviewer.id })).rejects.toThrow(
      ForbiddenError,
    );
    expect(await row(reviewer.id)).toMatchObject({ role: 'reviewer', disabled: false });
  });
});

describe('passwords', () => {
  it('an admin reset sets a new password and ends the sessions', async () => {
    const admin = await person('admin');
    const editor = await person('editor');
    const { generatedPassword } = await resetUserPassword(admin, { userId: editor.id });
    const stored = await row(editor.id);
    expect(await verifyPassword(stored.passwordHash, generatedPassword!)).toBe(true);
    expect(await verifyPassword(stored.passwordHash, PASSWORD)).toBe(false);
    expect(stored.sessionVersion).toBe(2);
  });

  it('changing one’s own password needs the current one', async () => {
    const editor = await person('editor');
    await expect(
      changeOwnPassword(editor, {
        currentPassword: 'wrong-password-here',
        newPassword: 'another-long-password',
        confirmPassword: 'another-long-password',
      }),
    ).rejects.toThrow(InvalidError);
    await changeOwnPassword(editor, {
      currentPassword: PASSWORD,
      newPassword: 'another-long-password',
      confirmPassword: 'another-long-password',
    });
    const stored = await row(editor.id);
    expect(await verifyPassword(stored.passwordHash, 'another-long-password')).toBe(true);
    expect(stored.sessionVersion).toBe(2);
  });
});

async function sessionsOf(userId: string) {
  return getDb().select().from(userSessions).where(eq(userSessions.userId, userId));
}

async function signedIn(who: Actor) {
  const { id: sessionId } = await startSession(who.id);
  const sessionVersion = (await row(who.id)).sessionVersion;
  return () => findSessionActor({ userId: who.id, sessionId, sessionVersion, recorded: true });
}

describe('changes that end sessions delete them', () => {
  it('disabling, a reset and one’s own password change end every session of that person', async () => {
    const admin = await person('admin');
    const editor = await person('editor');
    const stillAdmin = await signedIn(admin);

    for (const change of [
      () => setUserDisabled(admin, { userId: editor.id, disabled: true }),
      () => resetUserPassword(admin, { userId: editor.id }),
      () =>
        changeOwnPassword(editor, {
          currentPassword: PASSWORD,
          newPassword: PASSWORD,
          confirmPassword: PASSWORD,
        }),
    ]) {
      await setUserDisabled(admin, { userId: editor.id, disabled: false });
      await resetUserPassword(admin, { userId: editor.id, password: PASSWORD });
      const phone = await signedIn(editor);
      const laptop = await signedIn(editor);
      expect(await phone()).toMatchObject({ id: editor.id });
      await change();
      expect(await phone()).toBeNull();
      expect(await laptop()).toBeNull();
      expect(await sessionsOf(editor.id)).toEqual([]);
    }
    expect(await stillAdmin()).toMatchObject({ id: admin.id });
  });

  it('signing out everywhere ends all of one’s sessions and no one else’s', async () => {
    const editor = await person('editor');
    const other = await person('editor');
    const here = await signedIn(editor);
    const there = await signedIn(editor);
    const theirs = await signedIn(other);
    const before = (await row(editor.id)).sessionVersion;
    await signOutEverywhere(editor);
    expect(await here()).toBeNull();
    expect(await there()).toBeNull();
    expect(await sessionsOf(editor.id)).toEqual([]);
    expect((await row(editor.id)).sessionVersion).toBe(before + 1);
    expect(await theirs()).toMatchObject({ id: other.id });
  });
});

describe('the audit of user management', () => {
  it('records every change with who did it, newest first', async () => {
    const admin = await person('admin');
    const { id } = await createUser(admin, {
      name: 'Audited',
      email: 'audited@example.org',
      role: 'editor',
      password: PASSWORD,
    });
    const audited = { id, email: 'audited@example.org', name: 'Audited', role: 'editor' } as const;
    await changeUserRole(admin, { userId: id, role: 'reviewer' });
    await setUserDisabled(admin, { userId: id, disabled: true });
    await setUserDisabled(admin, { userId: id, disabled: false });
    await resetUserPassword(admin, { userId: id, password: PASSWORD });
    await changeOwnPassword(audited, {
      currentPassword: PASSWORD,
      newPassword: 'another-long-password',
      confirmPassword: 'another-long-password',
    });
    await signOutEverywhere(audited);

    const entries = (await listUserActivity(admin)).filter(
      (e) => e.subject.email === audited.email,
    );
    expect(entries.map((e) => [e.action, e.note, e.actor?.email ?? null])).toEqual([
      ['signed_out_everywhere', null, audited.email],
      ['password_changed', null, audited.email],
      ['password_reset', null, admin.email],
      ['enabled', null, admin.email],
      ['disabled', null, admin.email],
      ['role_changed', 'editor>reviewer', admin.email],
      ['added', 'editor', admin.email],
    ]);
    expect(entries[0]?.at).toBeInstanceOf(Date);
  });

  it('shows an addition from the command line with no actor', async () => {
    const admin = await person('admin');
    const operatorMade = await person('reviewer', 'from-cli@example.org');
    const [entry] = (await listUserActivity(admin)).filter(
      (e) => e.subject.email === operatorMade.email,
    );
    expect(entry).toMatchObject({ action: 'added', note: 'reviewer', actor: null });
  });

  it('records nothing for a change that did not happen', async () => {
    const admin = await person('admin');
    const editor = await person('editor');
    const count = async () => (await getDb().select().from(userAuditLog)).length;
    const before = await count();
    await changeUserRole(admin, { userId: editor.id, role: 'editor' });
    await setUserDisabled(admin, { userId: editor.id, disabled: false });
    await expect(changeUserRole(admin, { userId: admin.id, role: 'editor' })).rejects.toThrow(
      InvalidError,
    );
    await expect(
      createUser(admin, { name: 'Dup', email: editor.email, role: 'editor', password: PASSWORD }),
    ).rejects.toThrow(ConflictError);
    await expect(changeUserRole(editor, { userId: admin.id, role: 'editor' })).rejects.toThrow(
      ForbiddenError,
    );
    expect(await count()).toBe(before);
  });

  it('is for admins only, and cannot be changed or deleted', async () => {
    for (const role of ['editor', 'reviewer'] as const) {
      await expect(listUserActivity(await person(role))).rejects.toThrow(ForbiddenError);
    }
    await expect(getDb().update(userAuditLog).set({ note: 'rewritten' })).rejects.toThrow();
    await expect(getDb().delete(userAuditLog)).rejects.toThrow();
  });

  it('lists the latest 100 entries', async () => {
    const admin = await person('admin');
    const editor = await person('editor');
    for (let i = 0; i < 60; i++) {
      await setUserDisabled(admin, { userId: editor.id, disabled: i % 2 === 0 });
    }
    const entries = await listUserActivity(admin);
    expect(entries).toHaveLength(100);
    expect(entries[0]?.action).toBe('enabled');
    const times = entries.map((e) => e.at.getTime());
    expect([...times].sort((x, y) => y - x)).toEqual(times);
  });
});
