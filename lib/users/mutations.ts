import 'server-only';
import { and, eq, ne, sql } from 'drizzle-orm';
import type { Transaction } from '@/db/client';
import { users } from '@/db/schema';
import { ConflictError, InvalidError, NotFoundError } from '@/lib/errors';
import { assertId, personNotFound } from '@/lib/ids';
import { assertCan } from '@/lib/policy/authorize';
import { type Actor, isSystemActor, type SystemActor } from '@/lib/policy/policy';
import { db, transaction } from '@/lib/transaction';
import { addedNote, roleChangeNote } from './activity';
import { recordUserAudit } from './audit';
import { generatePassword, hashPassword, verifyPassword } from './password';
import type {
  ChangeOwnPasswordInput,
  ChangeRoleInput,
  CreateUserInput,
  ResetPasswordInput,
  SetDisabledInput,
} from './schemas';
import { endAllSessions } from './session-store';

// Serializes role and status changes, so that two admins cannot demote each other at once.
const ADMIN_CHANGES_LOCK_ID = 4_242_002;

export interface CreatedUser {
  id: string;
  email: string;
  /** Set when the password was generated: shown once, never stored in clear. */
  generatedPassword?: string;
}

/**
 * Adds a person: an admin in the newsroom, or the system actor (the `users` command, the seed;
 * the audit log then shows no actor). Requires `users.manage`; throws ConflictError for a taken
 * email.
 */
export async function createUser(
  actor: Actor | SystemActor,
  input: CreateUserInput,
): Promise<CreatedUser> {
  assertCan(actor, 'users.manage');
  const actorId = isSystemActor(actor) ? null : actor.id;
  const generatedPassword = input.password ? undefined : generatePassword();
  const passwordHash = await hashPassword(input.password ?? (generatedPassword as string));
  const row = await transaction(async (tx) => {
    const [created] = await tx
      .insert(users)
      .values({ name: input.name, email: input.email, role: input.role, passwordHash })
      .onConflictDoNothing()
      .returning({ id: users.id, email: users.email });
    if (created) {
      await recordUserAudit(tx, {
        actorId,
        subjectId: created.id,
        action: 'added',
        note: addedNote(input.role),
      });
    }
    return created;
  });
  if (!row) {
    throw new ConflictError('Someone already has this email address.', {
      email: ['Someone already has this email address.'],
    });
  }
  return { ...row, generatedPassword };
}

/**
 * Changes someone's role. Requires `users.manage`; throws NotFoundError, or InvalidError when
 * it would leave no active admin.
 */
export async function changeUserRole(actor: Actor, input: ChangeRoleInput): Promise<void> {
  assertCan(actor, 'users.manage');
  assertId(input.userId, personNotFound);
  await transaction(async (tx) => {
    const target = await lockUser(tx, input.userId);
    if (target.role === input.role) return;
    if (target.role === 'admin' && !target.disabled) {
      await assertAnotherActiveAdmin(tx, target.id, 'demote');
    }
    await tx
      .update(users)
      .set({ role: input.role, updatedAt: sql`now()` })
      .where(eq(users.id, target.id));
    await recordUserAudit(tx, {
      actorId: actor.id,
      subjectId: target.id,
      action: 'role_changed',
      note: roleChangeNote(target.role, input.role),
    });
  });
}

/**
 * Disables or re-enables an account; disabling ends the person's sessions at their next request.
 * Requires `users.manage`; throws NotFoundError, or InvalidError for one's own account or the
 * last active admin.
 */
export async function setUserDisabled(actor: Actor, input: SetDisabledInput): Promise<void> {
  assertCan(actor, 'users.manage');
  assertId(input.userId, personNotFound);
  if (input.disabled && input.userId === actor.id) {
    throw new InvalidError('You cannot disable your own account.');
  }
  await transaction(async (tx) => {
    const target = await lockUser(tx, input.userId);
    if (target.disabled === input.disabled) return;
    if (input.disabled && target.role === 'admin') {
      await assertAnotherActiveAdmin(tx, target.id, 'disable');
    }
    await tx
      .update(users)
      .set({
        disabled: input.disabled,
        sessionVersion: sql`${users.sessionVersion} + 1`,
        updatedAt: sql`now()`,
      })
      .where(eq(users.id, target.id));
    if (input.disabled) await endAllSessions(tx, target.id);
    await recordUserAudit(tx, {
      actorId: actor.id,
      subjectId: target.id,
      action: input.disabled ? 'disabled' : 'enabled',
    });
  });
}

/**
 * Sets a new password for someone (generated when none is given) and ends their sessions.
 * Requires `users.manage`; throws NotFoundError.
 */
export async function resetUserPassword(
  actor: Actor,
  input: ResetPasswordInput,
): Promise<{ email: string; generatedPassword?: string }> {
  assertCan(actor, 'users.manage');
  assertId(input.userId, personNotFound);
  const generatedPassword = input.password ? undefined : generatePassword();
  const passwordHash = await hashPassword(input.password ?? (generatedPassword as string));
  const row = await transaction(async (tx) => {
    const [updated] = await tx
      .update(users)
      .set({
        passwordHash,
        sessionVersion: sql`${users.sessionVersion} + 1`,
        updatedAt: sql`now()`,
      })
      .where(eq(users.id, input.userId))
      .returning({ email: users.email });
    if (!updated) throw new NotFoundError(personNotFound);
    await endAllSessions(tx, input.userId);
    await recordUserAudit(tx, {
      actorId: actor.id,
      subjectId: input.userId,
      action: 'password_reset',
    });
    return updated;
  });
  return { email: row.email, generatedPassword };
}

/**
 * Changes the actor's own password after checking the current one; ends all their sessions.
 * Requires `account.changePassword`; throws InvalidError for a wrong current password.
 */
export async function changeOwnPassword(
  actor: Actor,
  input: ChangeOwnPasswordInput,
): Promise<void> {
  assertCan(actor, 'account.changePassword');
  const [row] = await db()
    .select({ passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.id, actor.id));
  if (!row || !(await verifyPassword(row.passwordHash, input.currentPassword))) {
    throw new InvalidError('Your current password is not right.', {
      currentPassword: ['This is not your current password.'],
    });
  }
  const passwordHash = await hashPassword(input.newPassword);
  await transaction(async (tx) => {
    await tx
      .update(users)
      .set({
        passwordHash,
        sessionVersion: sql`${users.sessionVersion} + 1`,
        updatedAt: sql`now()`,
      })
      .where(eq(users.id, actor.id));
    await endAllSessions(tx, actor.id);
    await recordUserAudit(tx, {
      actorId: actor.id,
      subjectId: actor.id,
      action: 'password_changed',
    });
  });
}

/**
 * Ends every session of the actor, on every device, this one included.
 * Requires `account.signOutEverywhere`.
 */
export async function signOutEverywhere(actor: Actor): Promise<void> {
  assertCan(actor, 'account.signOutEverywhere');
  await transaction(async (tx) => {
    await tx
      .update(users)
      .set({ sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: sql`now()` })
      .where(eq(users.id, actor.id));
    await endAllSessions(tx, actor.id);
    await recordUserAudit(tx, {
      actorId: actor.id,
      subjectId: actor.id,
      action: 'signed_out_everywhere',
    });
  });
}

async function lockUser(tx: Transaction, userId: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(${ADMIN_CHANGES_LOCK_ID})`);
  const [target] = await tx.select().from(users).where(eq(users.id, userId)).for('update');
  if (!target) throw new NotFoundError(personNotFound);
  return target;
}

async function assertAnotherActiveAdmin(
  tx: Transaction,
  exceptUserId: string,
  change: 'demote' | 'disable',
): Promise<void> {
  const others = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, 'admin'), eq(users.disabled, false), ne(users.id, exceptUserId)))
    .limit(1);
  if (others.length === 0) {
    throw new InvalidError(
      `You cannot ${change} the last active admin: make someone else an admin first.`,
    );
  }
}
