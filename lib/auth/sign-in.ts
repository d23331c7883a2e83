import 'server-only';
import type { Actor } from '@/lib/policy/policy';
import { verifyAgainstDecoy, verifyPassword } from '@/lib/users/password';
import { findUserByEmail } from '@/lib/users/queries';
import { type StartedSession, startSession } from '@/lib/users/session-store';
import {
  beginSignInAttempt,
  deleteExpiredThrottles,
  recordSignInFailure,
  recordSignInSuccess,
  type SignInAttempt,
} from './throttle';

export type SignInResult =
  | { ok: true; actor: Actor; sessionVersion: number; session: StartedSession }
  | { ok: false; reason: 'invalid' | 'disabled' }
  | { ok: false; reason: 'throttled'; retryAfterMs: number };

/**
 * Checks an email and password and, when they are right, starts a session. The attempt is
 * counted before the password is looked at, so throttling holds for attempts made at once;
 * a wrong password and an unknown email are indistinguishable, in message and in time.
 */
export async function authenticate(
  attempt: SignInAttempt & { password: string },
): Promise<SignInResult> {
  await deleteExpiredThrottles();
  const retryAfterMs = await beginSignInAttempt(attempt);
  if (retryAfterMs > 0) return { ok: false, reason: 'throttled', retryAfterMs };

  const user = await findUserByEmail(attempt.email);
  const passwordMatches = user
    ? await verifyPassword(user.passwordHash, attempt.password)
    : await verifyAgainstDecoy(attempt.password);
  if (!user || !passwordMatches) {
    await recordSignInFailure(attempt);
    return { ok: false, reason: 'invalid' };
  }
  await recordSignInSuccess(attempt);
  // Only someone who knows the password learns that the account is disabled.
  if (user.disabled) return { ok: false, reason: 'disabled' };
  return {
    ok: true,
    actor: { id: user.id, email: user.email, name: user.name, role: user.role },
    sessionVersion: user.sessionVersion,
    session: await startSession(user.id),
  };
}
