import 'server-only';
import { forbidden, redirect } from 'next/navigation';
import { getActor } from '@/lib/auth/session';
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
