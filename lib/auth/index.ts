import 'server-only';
import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { log } from '@/lib/log';
import type { UserRole } from '@/lib/users/schemas';
import { signInSchema } from '@/lib/users/schemas';
import { authenticate, clientAddress } from './sign-in';

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
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  // Credentials sign-in works only with JWT sessions; the token is re-checked against the users
  // table on every request (lib/auth/session.ts), so a disabled account stops at once.
  session: { strategy: 'jwt', maxAge: 12 * 60 * 60 },
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
        const result = await authenticate({ ...parsed.data, ip: clientAddress(request.headers) });
        if (!result.ok) throw new SignInRefused(result.reason);
        const { actor, sessionVersion } = result;
        return {
          id: actor.id,
          email: actor.email,
          name: actor.name,
          role: actor.role,
          sessionVersion,
        };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        const signedIn = user as typeof user & { role: UserRole; sessionVersion: number };
        Object.assign(token, {
          uid: signedIn.id,
          role: signedIn.role,
          sv: signedIn.sessionVersion,
        } satisfies SessionClaims);
      }
      return token;
    },
    session({ session, token }) {
      const claims = token as SessionClaims;
      return { ...session, userId: claims.uid, sessionVersion: claims.sv };
    },
  },
});
