import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePermission } from '@/app/_lib/guard';
import { newsroomTimeZone } from '@/lib/config';
import { formatMoment } from '@/lib/content/dates';
import { notificationKindLabels } from '@/lib/notifications/labels';
import { listNotifications, unreadCount } from '@/lib/notifications/queries';
import { notificationsPageSchema } from '@/lib/notifications/schemas';
import { MarkAllReadForm, MarkReadForm } from './notification-forms';

export const metadata: Metadata = { title: 'Notifications — Factdesk' };

export default async function NotificationsPage({
  searchParams,
}: {
  searchParams: Promise<{ page?: string | string[] }>;
}) {
  const actor = await requirePermission('/desk/notifications', 'notifications.view');
  const page = notificationsPageSchema.parse((await searchParams).page);
  const list = await listNotifications(actor, { page });
  const unread = await unreadCount(actor);
  const timeZone = newsroomTimeZone();
  return (
    <main className="desk-page narrow notifications-page">
      <h1>Notifications</h1>
      <div className="notifications-head">
        <p>
          {unread === 0 ? 'Nothing unread.' : `${unread} unread.`}{' '}
          <span className="hint">
            Times are {timeZone} time. Choose which ones also come by email under{' '}
            <Link href="/desk/account">Account</Link>.
          </span>
        </p>
        {unread > 0 && <MarkAllReadForm />}
      </div>
      {list.items.length === 0 ? (
        <p>
          {list.total === 0 ? (
            'Nothing yet. You are told here when a brief needs you or something happens to yours.'
          ) : (
            <>
              There is nothing on this page.{' '}
              <Link href="/desk/notifications">Go to the newest</Link>.
            </>
          )}
        </p>
      ) : (
        <ol className="notification-list">
          {list.items.map((item) => {
            const textId = `notification-${item.id}`;
            return (
              <li key={item.id} className={item.readAt ? 'notification' : 'notification unread'}>
                <p className="notification-meta">
                  {!item.readAt && <span className="unread-badge">Unread</span>}
                  <span>{notificationKindLabels[item.kind]}</span>
                  <time dateTime={item.createdAt.toISOString()}>
                    {formatMoment(item.createdAt, timeZone)}
                  </time>
                </p>
                <p id={textId} className="notification-message">
                  {item.briefId ? (
                    // A plain link (never prefetched): following it marks the notification read.
                    <a href={`/desk/notifications/${item.id}`}>{item.message}</a>
                  ) : (
                    item.message
                  )}
                </p>
                {!item.readAt && <MarkReadForm notificationId={item.id} describedBy={textId} />}
              </li>
            );
          })}
        </ol>
      )}
      {list.pages > 1 && (
        <nav aria-label="Pages" className="pager">
          {page > 1 && <Link href={`/desk/notifications?page=${page - 1}`}>← Newer</Link>}
          <span>
            Page {page} of {list.pages}
          </span>
          {page < list.pages && <Link href={`/desk/notifications?page=${page + 1}`}>Older →</Link>}
        </nav>
      )}
    </main>
  );
}
