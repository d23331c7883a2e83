import 'server-only';
import { randomUUID } from 'node:crypto';
import { and, eq, gt, inArray, lte, sql } from 'drizzle-orm';
import { getDb, noteDatabaseError, type Transaction } from '@/db/client';
import { userSessions, users } from '@/db/schema';
import type { Actor } from '@/lib/policy/policy';

/** How long a session lasts from sign-in (the session cookie's lifetime too). */
export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

const EXPIRED_BATCH = 500;

export interface StartedSession {
  id: string;
  /**
   * False when the database accepted no writes at sign-in: the session has no row, and it is
   * accepted only while the database stays read-only (see findSessionActor).
   */
  recorded: boolean;
}

/**
 * Records a new session of this person and returns its id, which the session cookie carries.
 * Deletes a batch of expired sessions on the way: sign-ins are where sessions come from.
 */
export async function startSession(userId: string, now = new Date()): Promise<StartedSession> {
  try {
    await deleteExpiredSessions(now);
    const [row] = await getDb()
      .insert(userSessions)
      .values({ userId, expiresAt: new Date(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000) })
      .returning({ id: userSessions.id });
    if (!row) throw new Error('The session was not recorded.');
    return { id: row.id, recorded: true };
  } catch (error) {
    if (noteDatabaseError(error) !== 'read-only') throw error;
    return { id: randomUUID(), recorded: false };
  }
}

/**
 * The person behind a session cookie, in one indexed read: only while the session's row exists
 * and has not expired, the account is enabled and its session version matches the cookie's.
 */
export async function findSessionActor(claims: {
  userId: string;
  sessionId: string;
  sessionVersion: number;
  recorded: boolean;
  /** Seconds since the epoch; needed for a session that was not recorded. */
  signedInAt?: number;
}): Promise<Actor | null> {
  if (!claims.recorded) return findUnrecordedSessionActor(claims);
  const [row] = await getDb()
    .select({ id: users.id, email: users.email, name: users.name, role: users.role })
    .from(userSessions)
    .innerJoin(users, eq(users.id, userSessions.userId))
    .where(
      and(
        eq(userSessions.id, claims.sessionId),
        eq(userSessions.userId, claims.userId),
        gt(userSessions.expiresAt, new Date()),
        eq(users.disabled, false),
        eq(users.sessionVersion, claims.sessionVersion),
      ),
    );
  return row ?? null;
}

/** How long a session started while the database was read-only may last at most. */
export const UNRECORDED_SESSION_MAX_AGE_SECONDS = 60 * 60;

/**
 * A session started while the database was read-only: its sign-out could not be recorded
 * either, so it is accepted only while the database still accepts no writes, for an hour at
 * most (and while the account is enabled with the same session version). Then its holder signs
 * in again.
 */
async function findUnrecordedSessionActor(claims: {
  userId: string;
  sessionVersion: number;
  signedInAt?: number;
}): Promise<Actor | null> {
  const ageSeconds = Date.now() / 1000 - (claims.signedInAt ?? 0);
  if (ageSeconds > UNRECORDED_SESSION_MAX_AGE_SECONDS) return null;
  const [row] = await getDb()
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      readOnly: sql<string>`current_setting('transaction_read_only')`,
    })
    .from(users)
    .where(
      and(
        eq(users.id, claims.userId),
        eq(users.disabled, false),
        eq(users.sessionVersion, claims.sessionVersion),
      ),
    );
  if (row?.readOnly !== 'on') return null;
  const { readOnly: _readOnly, ...actor } = row;
  return actor;
}

/** Ends one session (signing out): its cookie, even if copied, opens nothing any more. */
export async function endSession(sessionId: string): Promise<void> {
  await getDb()
    .delete(userSessions)
    .where(eq(userSessions.id, sessionId))
    .catch((error) => {
      // Read-only: nothing can be recorded; the cookie is cleared, and a copy of it stops
      // working when the database is writable again (its row was never written or is kept).
      if (noteDatabaseError(error) !== 'read-only') throw error;
    });
}

/** Ends every session of a person, inside the transaction that makes the change calling for it. */
export async function endAllSessions(tx: Transaction, userId: string): Promise<void> {
  await tx.delete(userSessions).where(eq(userSessions.userId, userId));
}

/** Deletes a bounded batch of expired sessions (by the expiry index); returns how many. */
export async function deleteExpiredSessions(now = new Date()): Promise<number> {
  const batch = getDb()
    .select({ id: userSessions.id })
    .from(userSessions)
    .where(lte(userSessions.expiresAt, now))
    .limit(EXPIRED_BATCH);
  const deleted = await getDb()
    .delete(userSessions)
    .where(inArray(userSessions.id, batch))
    .returning({ id: userSessions.id });
  return deleted.length;
}
