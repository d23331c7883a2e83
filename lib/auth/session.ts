import 'server-only';
import { cache } from 'react';
import { findUserById } from '@/lib/users/queries';
import { auth } from './index';
import type { Actor } from './policy';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The signed-in person, re-read from the users table on every request: a disabled account, a
 * reset password or a changed role takes effect at the next request, whatever the token says.
 */
export const getActor = cache(async (): Promise<Actor | null> => {
  const session = (await auth()) as { userId?: string; sessionVersion?: number } | null;
  if (!session?.userId || !UUID.test(session.userId)) return null;
  const user = await findUserById(session.userId);
  if (!user || user.disabled || user.sessionVersion !== session.sessionVersion) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
});
