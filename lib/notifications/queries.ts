import 'server-only';
import { and, count, desc, eq, isNull } from 'drizzle-orm';
import type { NotificationKind } from '@/db/enums';
import { notifications, users } from '@/db/schema';
import { assertCan } from '@/lib/policy/authorize';
import type { Actor } from '@/lib/policy/policy';
import { db } from '@/lib/transaction';

/** How many notifications one page of /desk/notifications shows. */
export const NOTIFICATIONS_PAGE_SIZE = 25;

export interface NotificationItem {
  id: string;
  kind: NotificationKind;
  briefId: string | null;
  message: string;
  createdAt: Date;
  readAt: Date | null;
}

export interface NotificationsPage {
  items: NotificationItem[];
  /** All of the person's notifications, on every page. */
  total: number;
  page: number;
  pages: number;
}

/** The actor's own notifications, newest first, a page at a time. Requires `notifications.view`. */
export async function listNotifications(
  actor: Actor,
  options: { page?: number } = {},
): Promise<NotificationsPage> {
  assertCan(actor, 'notifications.view');
  const page = Math.max(1, Math.floor(options.page ?? 1));
  // One after another: inside a caller's transaction both share its one connection.
  const items = await db()
    .select({
      id: notifications.id,
      kind: notifications.kind,
      briefId: notifications.briefId,
      message: notifications.message,
      createdAt: notifications.createdAt,
      readAt: notifications.readAt,
    })
    .from(notifications)
    .where(eq(notifications.userId, actor.id))
    // Notifications of one transaction share its time: the id orders them, so pages never overlap.
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(NOTIFICATIONS_PAGE_SIZE)
    .offset((page - 1) * NOTIFICATIONS_PAGE_SIZE);
  const [totals] = await db()
    .select({ total: count() })
    .from(notifications)
    .where(eq(notifications.userId, actor.id));
  const total = totals?.total ?? 0;
  return { items, total, page, pages: Math.max(1, Math.ceil(total / NOTIFICATIONS_PAGE_SIZE)) };
}

/** How many of the actor's notifications are unread. Requires `notifications.view`. */
export async function unreadCount(actor: Actor): Promise<number> {
  assertCan(actor, 'notifications.view');
  const [row] = await db()
    .select({ unread: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, actor.id), isNull(notifications.readAt)));
  return row?.unread ?? 0;
}

/** The kinds of notification the actor also gets by email. Requires `notifications.view`. */
export async function emailPreferences(actor: Actor): Promise<NotificationKind[]> {
  assertCan(actor, 'notifications.view');
  const [row] = await db()
    .select({ kinds: users.emailNotifications })
    .from(users)
    .where(eq(users.id, actor.id));
  return row?.kinds ?? [];
}
