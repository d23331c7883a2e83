import { ForbiddenError } from '@/lib/errors';
import { type Actor, can, type Permission } from './policy';

/** Throws ForbiddenError unless the actor holds the permission. */
export function assertCan(actor: Actor | null | undefined, permission: Permission): Actor {
  if (!actor || !can(actor, permission)) throw new ForbiddenError();
  return actor;
}
