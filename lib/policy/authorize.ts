import { ForbiddenError, InvalidError } from '@/lib/errors';
import { type Actor, decide, type Permission, type ResourceOf, type SystemActor } from './policy';

/**
 * Throws unless the actor holds the permission (for the resource, when given): ForbiddenError,
 * or InvalidError for the two-person rule, which a reviewer reads on the form they sent (it is
 * about this version, not about who they are).
 */
export function assertCan<A extends Actor | SystemActor, P extends Permission>(
  actor: A | null | undefined,
  permission: P,
  resource?: ResourceOf<P>,
): A {
  const decision = decide(actor, permission, resource);
  if (decision.allowed) return actor as A;
  const { refusal } = decision;
  if (refusal.reason === 'two-person rule') throw new InvalidError(refusal.message);
  throw new ForbiddenError(refusal.message);
}
