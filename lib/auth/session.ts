import 'server-only';
import { cache } from 'react';
import type { Actor } from '@/lib/policy/policy';
import { endSession, findSessionActor } from '@/lib/users/session-store';
import { auth } from './index';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface SessionClaims {
  userId: string;
  sessionId: string;
  sessionVersion: number;
  recorded: boolean;
  signedInAt?: number;
}

async function sessionClaims(): Promise<SessionClaims | null> {
  const session = (await auth()) as
    | (Partial<Omit<SessionClaims, 'recorded'>> & { sessionRecorded?: boolean })
    | null;
  const { userId, sessionId, sessionVersion, sessionRecorded, signedInAt } = session ?? {};
  if (!userId || !UUID.test(userId) || !sessionId || !UUID.test(sessionId)) return null;
  if (typeof sessionVersion !== 'number') return null;
  // Cookies from before this claim existed all have a row.
  return {
    userId,
    sessionId,
    sessionVersion,
    recorded: sessionRecorded !== false,
    signedInAt: typeof signedInAt === 'number' ? signedInAt : undefined,
  };
}

/**
 * The signed-in person, re-read on every request with their session: a signed-out session, a
 * disabled account, a reset password or a changed role takes effect at the next request,
 * whatever the cookie says.
 */
export const getActor = cache(async (): Promise<Actor | null> => {
  const claims = await sessionClaims();
  return claims ? findSessionActor(claims) : null;
});

/** Ends the session of this request's cookie on the server (the cookie itself is cleared by Auth.js). */
export async function endCurrentSession(): Promise<void> {
  const claims = await sessionClaims();
  if (claims) await endSession(claims.sessionId);
}
