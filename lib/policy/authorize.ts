import { ForbiddenError, InvalidError } from '@/lib/errors';
import {
  type Actor,
  decide,
  holdsRole,
  type Permission,
  type ResourceArgument,
  type SystemActor,
} from './policy';

/**
 * Throws unless the actor holds the permission (for the resource its rules look at): ForbiddenError,
 * or InvalidError for the two-person rule, which a reviewer reads on the form they sent (it is
 * about this version, not about who they are).
 */
export function assertCan<A extends Actor | SystemActor, P extends Permission>(
  actor: A | null | undefined,
  permission: P,
  ...resource: ResourceArgument<P>
): A {
  const decision = decide(actor, permission, ...resource);
  if (decision.allowed) return actor as A;
  const { refusal } = decision;
  if (refusal.reason === 'two-person rule') throw new InvalidError(refusal.message);
  throw new ForbiddenError(refusal.message);
}

/**
 * Throws ForbiddenError unless the actor's role holds the permission: a refusal before any
 * query. It decides nothing about a brief: the mutation asks `assertCan` with the resource too.
 */
export function assertHoldsRole<A extends Actor | SystemActor>(
  actor: A | null | undefined,
  permission: Permission,
): A {
  if (!holdsRole(actor, permission))
    throw new ForbiddenError('You do not have permission to do that.');
  return actor as A;
}
