import 'server-only';
import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import type { NotificationKind } from '@/db/enums';
import { approvals, briefs, briefVersions, notifications, users } from '@/db/schema';
import { getConfig } from '@/lib/config';
import { sendJob } from '@/lib/jobs/queue';
import { db } from '@/lib/transaction';

export { briefLabel } from './labels';

/** Whether this installation sends notification emails: only with an SMTP server to send through. */
export function emailsEnabled(): boolean {
  return getConfig().FACTDESK_SMTP_URL !== undefined;
}

/**
 * Tells people of something in the newsroom (a row each, read at /desk/notifications), and by
 * email those who chose this kind (a job each, retried with backoff: never in the way of the
 * action that caused it, and sent only if that action commits). Disabled accounts and
 * `except` (who did it) are left out. While no SMTP server is configured (FACTDESK_SMTP_URL),
 * no email job is sent at all: turning emails on later does not send a backlog. Called inside
 * the transaction of the action it reports.
 */
export async function notify(input: {
  kind: NotificationKind;
  briefId: string | null;
  message: string;
  recipientIds: readonly string[];
  except?: string;
}): Promise<void> {
  const wanted = [...new Set(input.recipientIds)].filter((id) => id !== input.except);
  if (wanted.length === 0) return;
  const people = await db()
    .select({ id: users.id, emailNotifications: users.emailNotifications })
    .from(users)
    .where(and(inArray(users.id, wanted), eq(users.disabled, false)));
  if (people.length === 0) return;
  const rows = await db()
    .insert(notifications)
    .values(
      people.map((person) => ({
        userId: person.id,
        kind: input.kind,
        briefId: input.briefId,
        message: input.message,
      })),
    )
    .returning({ id: notifications.id, userId: notifications.userId });
  if (!emailsEnabled()) return;
  const byEmail = new Set(
    people.filter((p) => p.emailNotifications.includes(input.kind)).map((p) => p.id),
  );
  for (const row of rows) {
    if (byEmail.has(row.userId)) await sendJob('email', { notificationId: row.id });
  }
}

/** Everyone who may review (reviewers and admins), enabled. */
export async function reviewerIds(): Promise<string[]> {
  const rows = await db()
    .select({ id: users.id })
    .from(users)
    .where(and(ne(users.role, 'editor'), eq(users.disabled, false)));
  return rows.map((row) => row.id);
}

/** Who wrote the brief: its creator and the authors of its versions. */
export async function writerIds(briefId: string): Promise<string[]> {
  const rows = await db().execute<{ id: string }>(sql`
    select ${briefs.createdBy} as id from ${briefs} where ${briefs.id} = ${briefId}
    union
    select distinct ${briefVersions.authorId} from ${briefVersions}
    where ${briefVersions.briefId} = ${briefId} and ${briefVersions.authorId} is not null`);
  return [...rows].map((row) => row.id);
}

/** Who approved or re-checked the brief; when nobody has yet, every reviewer. */
export async function briefReviewerIds(briefId: string): Promise<string[]> {
  const rows = await db()
    .selectDistinct({ id: approvals.approvedBy })
    .from(approvals)
    .where(eq(approvals.briefId, briefId));
  return rows.length > 0 ? rows.map((row) => row.id) : reviewerIds();
}
