import 'server-only';
import type { Actor } from '@/lib/auth/policy';
import { findUserByEmail } from '@/lib/users/queries';
import { verifyAgainstDecoy, verifyPassword } from './password';
import {
  clearAccountFailures,
  getSignInRetryAfter,
  recordSignInFailure,
  type SignInAttempt,
} from './throttle';

export type SignInResult =
  | { ok: true; actor: Actor; sessionVersion: number }
  | { ok: false; reason: 'invalid' | 'disabled' }
  | { ok: false; reason: 'throttled'; retryAfterMs: number };

/**
 * Checks an email and password. Throttled attempts are refused before the password is looked at;
 * a wrong password and an unknown email are indistinguishable, in message and in time.
 */
export async function authenticate(
  attempt: SignInAttempt & { password: string },
): Promise<SignInResult> {
  const retryAfterMs = await getSignInRetryAfter(attempt);
  if (retryAfterMs > 0) return { ok: false, reason: 'throttled', retryAfterMs };

  const user = await findUserByEmail(attempt.email);
  const passwordMatches = user
    ? await verifyPassword(user.passwordHash, attempt.password)
    : await verifyAgainstDecoy(attempt.password);
  if (!user || !passwordMatches) {
    await recordSignInFailure(attempt);
    return { ok: false, reason: 'invalid' };
  }
  // Only someone who knows the password learns that the account is disabled.
  if (user.disabled) return { ok: false, reason: 'disabled' };
  await clearAccountFailures(attempt.email);
  return {
    ok: true,
    actor: { id: user.id, email: user.email, name: user.name, role: user.role },
    sessionVersion: user.sessionVersion,
  };
}

/**
 * The client's address for throttling: the last `x-forwarded-for` entry, i.e. the one added by
 * the nearest proxy (Next.js itself when there is none).
 */
export function clientAddress(headers: Headers): string {
  const forwarded = headers.get('x-forwarded-for');
  const last = forwarded?.split(',').at(-1)?.trim();
  return last || headers.get('x-real-ip') || 'unknown';
}
