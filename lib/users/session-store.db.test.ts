import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { userSessions, users } from '@/db/schema';
import { createTestPerson } from '@/lib/users/test-people';
import {
  deleteExpiredSessions,
  endSession,
  findSessionActor,
  SESSION_MAX_AGE_SECONDS,
  startSession,
} from './session-store';

describe('sessions', () => {
  it('a session opens while its row exists, and not once it is ended', async () => {
    const person = await createTestPerson('editor');
    const { id: sessionId } = await startSession(person.id);
    const { id: other } = await startSession(person.id);
    const claims = { userId: person.id, sessionId, sessionVersion: 1, recorded: true };
    expect(await findSessionActor(claims)).toEqual(person);
    await endSession(sessionId);
    expect(await findSessionActor(claims)).toBeNull();
    // Signing out on one device leaves the others signed in.
    expect(await findSessionActor({ ...claims, sessionId: other })).toEqual(person);
  });

  it('refuses an expired session, another person’s session id, a disabled account and an old session version', async () => {
    const person = await createTestPerson('reviewer');
    const someone = await createTestPerson('reviewer');
    const { id: sessionId } = await startSession(person.id);
    const claims = { userId: person.id, sessionId, sessionVersion: 1, recorded: true };
    expect(await findSessionActor({ ...claims, userId: someone.id })).toBeNull();
    expect(await findSessionActor({ ...claims, sessionVersion: 0 })).toBeNull();
    await getDb().update(users).set({ disabled: true }).where(eq(users.id, person.id));
    expect(await findSessionActor(claims)).toBeNull();
    await getDb().update(users).set({ disabled: false }).where(eq(users.id, person.id));
    expect(await findSessionActor(claims)).toEqual(person);
    await getDb()
      .update(userSessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(userSessions.id, sessionId));
    expect(await findSessionActor(claims)).toBeNull();
  });

  it('expired sessions are deleted, at the next sign-in at the latest', async () => {
    const person = await createTestPerson('editor');
    const { id: live } = await startSession(person.id);
    const { id: old } = await startSession(
      person.id,
      new Date(Date.now() - (SESSION_MAX_AGE_SECONDS + 60) * 1000),
    );
    const { id: older } = await startSession(
      person.id,
      new Date(Date.now() - 2 * SESSION_MAX_AGE_SECONDS * 1000),
    );
    const ids = async () =>
      (
        await getDb()
          .select({ id: userSessions.id })
          .from(userSessions)
          .where(eq(userSessions.userId, person.id))
      )
        .map((row) => row.id)
        .sort();
    expect(await ids()).toEqual([live, old, older].sort());
    const { id: next } = await startSession(person.id);
    expect(await ids()).toEqual([live, next].sort());
    expect(await deleteExpiredSessions()).toBe(0);
  });
});
