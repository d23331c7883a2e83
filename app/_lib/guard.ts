import 'server-only';
import { forbidden, notFound, redirect } from 'next/navigation';
import { getActor } from '@/lib/auth/session';
import { NotFoundError } from '@/lib/errors';
import { type Actor, can, type Permission } from '@/lib/policy/policy';

/** The signed-in person, or a redirect to sign in that comes back to `returnTo`. */
export async function requireActor(returnTo: string): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect(`/login?callbackUrl=${encodeURIComponent(returnTo)}`);
  return actor;
}

/** The signed-in person if they hold the permission; otherwise 403 (or sign in first). */
export async function requirePermission(returnTo: string, permission: Permission): Promise<Actor> {
  const actor = await requireActor(returnTo);
  if (!can(actor, permission)) forbidden();
  return actor;
}

/**
 * What lib answers, or the not-found page when it says there is no such thing: a brief or
 * version that does not exist, or an id that cannot exist (lib checks ids before querying).
 */
export async function orNotFound<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}
