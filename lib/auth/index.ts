import 'server-only';
import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { log } from '@/lib/log';
import type { UserRole } from '@/lib/users/schemas';
import { signInSchema } from '@/lib/users/schemas';
import { SESSION_MAX_AGE_SECONDS } from '@/lib/users/session-store';
import { clientAddressOf } from './client-address';
import { authenticate } from './sign-in';

/** Why a sign-in failed, as the `code` Auth.js hands back to the login form. */
export type SignInFailure = 'invalid' | 'throttled' | 'disabled';

class SignInRefused extends CredentialsSignin {
  constructor(readonly code: SignInFailure) {
    super();
  }
}

interface SessionClaims {
  uid?: string;
  role?: UserRole;
  sv?: number;
  /** The user_sessions row this cookie belongs to: signing out deletes it. */
  sid?: string;
  /** False for a session started while the database was read-only (no row; see session-store). */
  srec?: boolean;
  /** When the person signed in, in seconds (`iat` moves whenever the cookie is re-issued). */
  sat?: number;
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  // Credentials sign-in works only with JWT sessions; the token names a row of user_sessions and
  // is re-checked against it and the users table on every request (lib/auth/session.ts), so a
  // session signed out, or of a disabled account, stops at once.
  session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: '/login' },
  logger: {
    // A refused sign-in is expected (and throttled): not an error worth a stack trace.
    error(error) {
      if (error instanceof CredentialsSignin) return;
      log.error({ err: error }, 'auth error');
    },
    warn(code) {
      log.warn({ code }, 'auth warning');
    },
  },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(credentials, request) {
        const parsed = signInSchema.safeParse(credentials);
        if (!parsed.success) throw new SignInRefused('invalid');
        const result = await authenticate({ ...parsed.data, ip: clientAddressOf(request.headers) });
        if (!result.ok) throw new SignInRefused(result.reason);
        const { actor, sessionVersion, session } = result;
        return {
          id: actor.id,
          email: actor.email,
          name: actor.name,
          role: actor.role,
          sessionVersion,
          sessionId: session.id,
          sessionRecorded: session.recorded,
        };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        const signedIn = user as typeof user & {
          role: UserRole;
          sessionVersion: number;
          sessionId: string;
          sessionRecorded: boolean;
        };
        Object.assign(token, {
          uid: signedIn.id,
          role: signedIn.role,
          sv: signedIn.sessionVersion,
          sid: signedIn.sessionId,
          srec: signedIn.sessionRecorded,
          sat: Math.floor(Date.now() / 1000),
        } satisfies SessionClaims);
      }
      return token;
    },
    session({ session, token }) {
      const claims = token as SessionClaims;
      return {
        ...session,
        userId: claims.uid,
        sessionVersion: claims.sv,
        sessionId: claims.sid,
        sessionRecorded: claims.srec,
        signedInAt: claims.sat,
      };
    },
  },
});
