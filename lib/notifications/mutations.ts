import 'server-only';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { NotificationKind } from '@/db/enums';
import { notifications, users } from '@/db/schema';
import { InvalidError, NotFoundError } from '@/lib/errors';
import { assertId } from '@/lib/ids';
import { assertCan } from '@/lib/policy/authorize';
import type { Actor } from '@/lib/policy/policy';
import { db } from '@/lib/transaction';
import { emailKindsSchema } from './schemas';

export const notificationNotFound = 'This notification does not exist.';

/**
 * Marks one of the actor's own notifications read (one already read stays as it was); returns
 * the brief it names. Requires `notifications.view`; throws NotFoundError for an unknown id or
 * someone else's notification (which is none of the actor's business).
 */
export async function markRead(actor: Actor, id: string): Promise<{ briefId: string | null }> {
  assertCan(actor, 'notifications.view');
  assertId(id, notificationNotFound);
  const [row] = await db()
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, now())` })
    .where(and(eq(notifications.id, id), eq(notifications.userId, actor.id)))
    .returning({ briefId: notifications.briefId });
  if (!row) throw new NotFoundError(notificationNotFound);
  return row;
}

/** Marks every unread notification of the actor read; returns how many. Requires `notifications.view`. */
export async function markAllRead(actor: Actor): Promise<number> {
  assertCan(actor, 'notifications.view');
  const rows = await db()
    .update(notifications)
    .set({ readAt: sql`now()` })
    .where(and(eq(notifications.userId, actor.id), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return rows.length;
}

/**
 * Sets which kinds of notification the actor also gets by email (the others only in the
 * newsroom). Requires `notifications.view`; throws InvalidError for an unknown kind.
 */
export async function setEmailPreferences(
  actor: Actor,
  kinds: readonly string[],
): Promise<NotificationKind[]> {
  assertCan(actor, 'notifications.view');
  const parsed = emailKindsSchema.safeParse(kinds);
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? 'Choose known kinds of notification.';
    throw new InvalidError(message, { kinds: [message] });
  }
  await db()
    .update(users)
    .set({ emailNotifications: parsed.data, updatedAt: sql`now()` })
    .where(eq(users.id, actor.id));
  return parsed.data;
}
