import type { Metadata } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { ShortcutSheet } from '@/components/shortcuts/shortcut-sheet';
import { getActor } from '@/lib/auth/session';
import { unreadCount } from '@/lib/notifications/queries';
import { can } from '@/lib/policy/policy';
import { countReaderReports } from '@/lib/reports/reports';
import { roleLabels } from '@/lib/users/schemas';
import { signOutAction } from './actions';

export const metadata: Metadata = { robots: { index: false, follow: false } };

// Authorization is each page's job (a layout is not re-rendered on every navigation, and does
// not know the path to return to); without a session the page redirects to sign in.
export default async function DeskLayout({ children }: { children: ReactNode }) {
  const actor = await getActor();
  if (!actor) return children;
  const [unread, newReports] = await Promise.all([
    unreadCount(actor),
    can(actor, 'reports.manage') ? countReaderReports(actor).then((counts) => counts.new) : null,
  ]);
  return (
    <div className="desk">
      <header className="desk-header">
        <Link href="/desk" className="brand">
          Factdesk
        </Link>
        <nav aria-label="Newsroom">
          <Link href="/desk">Dashboard</Link>
          <Link href="/desk/briefs">Briefs</Link>
          <Link
            href="/desk/notifications"
            aria-label={unread > 0 ? `Notifications, ${unread} unread` : undefined}
          >
            Notifications
            {unread > 0 && (
              <span className="count-badge" aria-hidden="true">
                {unread}
              </span>
            )}
          </Link>
          {newReports !== null && (
            <Link
              href="/desk/reports"
              aria-label={newReports > 0 ? `Reports, ${newReports} new` : undefined}
            >
              Reports
              {newReports > 0 && (
                <span className="count-badge" aria-hidden="true">
                  {newReports}
                </span>
              )}
            </Link>
          )}
          {can(actor, 'users.manage') && <Link href="/desk/users">Users</Link>}
          {can(actor, 'jobs.manage') && <Link href="/desk/jobs">Jobs</Link>}
          {can(actor, 'settings.manage') && <Link href="/desk/settings">Settings</Link>}
          <Link href="/desk/account">Account</Link>
        </nav>
        <div className="whoami">
          <ShortcutSheet />
          <span>
            Signed in as <strong>{actor.name}</strong>{' '}
            <span className="role-badge" data-role={actor.role}>
              {roleLabels[actor.role]}
            </span>
          </span>
          <form action={signOutAction}>
            <button type="submit" className="button">
              Sign out
            </button>
          </form>
        </div>
      </header>
      <div className="desk-main">{children}</div>
    </div>
  );
}
