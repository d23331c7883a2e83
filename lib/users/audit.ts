import 'server-only';
import { desc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Transaction } from '@/db/client';
import { userAuditLog, users } from '@/db/schema';
import { assertCan } from '@/lib/policy/authorize';
import type { Actor } from '@/lib/policy/policy';
import { db } from '@/lib/transaction';
import type { UserAuditAction } from './activity';

/**
 * Appends one entry to the user audit log, inside the transaction of the change it records
 * (the change and its entry are written together or not at all). `actorId` is null for the
 * command line.
 */
export async function recordUserAudit(
  tx: Transaction,
  entry: { actorId: string | null; subjectId: string; action: UserAuditAction; note?: string },
): Promise<void> {
  await tx.insert(userAuditLog).values({ ...entry, note: entry.note ?? null });
}

export interface UserActivity {
  id: number;
  at: Date;
  action: UserAuditAction;
  note: string | null;
  /** Null: done from the command line. */
  actor: { name: string; email: string } | null;
  subject: { name: string; email: string };
}

export const USER_ACTIVITY_LIMIT = 100;

const actors = alias(users, 'actor');
const subjects = alias(users, 'subject');

/** The latest changes to people's accounts, newest first. Requires `users.manage`. */
export async function listUserActivity(
  actor: Actor,
  limit = USER_ACTIVITY_LIMIT,
): Promise<UserActivity[]> {
  assertCan(actor, 'users.manage');
  const rows = await db()
    .select({
      id: userAuditLog.id,
      at: userAuditLog.createdAt,
      action: userAuditLog.action,
      note: userAuditLog.note,
      actorName: actors.name,
      actorEmail: actors.email,
      subjectName: subjects.name,
      subjectEmail: subjects.email,
    })
    .from(userAuditLog)
    .innerJoin(subjects, eq(subjects.id, userAuditLog.subjectId))
    .leftJoin(actors, eq(actors.id, userAuditLog.actorId))
    .orderBy(desc(userAuditLog.createdAt), desc(userAuditLog.id))
    .limit(Math.min(Math.max(1, limit), USER_ACTIVITY_LIMIT));
  return rows.map((row) => ({
    id: row.id,
    at: row.at,
    action: row.action as UserAuditAction,
    note: row.note,
    actor:
      row.actorName !== null && row.actorEmail !== null
        ? { name: row.actorName, email: row.actorEmail }
        : null,
    subject: { name: row.subjectName, email: row.subjectEmail },
  }));
}
