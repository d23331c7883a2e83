import 'server-only';
import { and, eq, isNull } from 'drizzle-orm';
import nodemailer, { type Transporter } from 'nodemailer';
import { z } from 'zod';
import { briefs, notifications, users } from '@/db/schema';
import { baseUrl, getConfig } from '@/lib/config';
import { log } from '@/lib/log';
import { db } from '@/lib/transaction';
import { notificationEmail } from './email-message';

const globalForMail = globalThis as unknown as {
  factdeskMailTransport?: { url: string; transport: Transporter };
};

/**
 * One nodemailer transport per SMTP URL (a connection per message: emails are few). Its waits
 * are shorter than the email job's expiry, so that a server that hangs fails the try, which the
 * queue retries, rather than the job expiring.
 */
function transportFor(url: string): Transporter {
  const cached = globalForMail.factdeskMailTransport;
  if (cached?.url === url) return cached.transport;
  const transport = nodemailer.createTransport({
    url,
    connectionTimeout: 20_000,
    greetingTimeout: 20_000,
    socketTimeout: 60_000,
  });
  globalForMail.factdeskMailTransport = { url, transport };
  return transport;
}

const jobSchema = z.object({ notificationId: z.uuid() });

/**
 * The `email` job (operator-level: run by the worker for the queue, no actor): sends one
 * notification to its person by email, then records when (`emailed_at`). Sends nothing when it
 * went out already (the job ran again), when the
 * notification is gone (its brief was deleted), or when the person is disabled or no longer
 * wants this kind. An SMTP error throws: the queue retries with backoff; so does a worker
 * without FACTDESK_SMTP_URL (jobs are made only where it is set). A worker killed
 * between the server's acceptance and the record may send it twice; never a wrong one.
 */
export async function emailNotification(data: { notificationId: string }): Promise<void> {
  const config = getConfig();
  const smtpUrl = config.FACTDESK_SMTP_URL;
  // The web instance that made this job had SMTP set: this worker must too, or the email would
  // vanish. Failing shows it on /desk/jobs (with this message), to be retried once it is set.
  if (smtpUrl === undefined) {
    throw new Error(
      'FACTDESK_SMTP_URL is not set on this worker: the email cannot be sent (set it where the worker runs, then retry the job).',
    );
  }
  const parsed = jobSchema.safeParse(data);
  if (!parsed.success) {
    log.warn({ data }, 'an email job names no notification: nothing sent');
    return;
  }
  const { notificationId } = parsed.data;
  const [row] = await db()
    .select({
      kind: notifications.kind,
      message: notifications.message,
      briefId: notifications.briefId,
      emailedAt: notifications.emailedAt,
      briefQuestion: briefs.question,
      name: users.name,
      email: users.email,
      disabled: users.disabled,
      wanted: users.emailNotifications,
    })
    .from(notifications)
    .innerJoin(users, eq(users.id, notifications.userId))
    .leftJoin(briefs, eq(briefs.id, notifications.briefId))
    .where(eq(notifications.id, notificationId));
  if (!row || row.emailedAt !== null || row.disabled || !row.wanted.includes(row.kind)) return;
  const email = notificationEmail({
    kind: row.kind,
    message: row.message,
    briefId: row.briefId,
    briefQuestion: row.briefId === null ? null : (row.briefQuestion ?? ''),
    recipientName: row.name,
    baseUrl: baseUrl(config),
  });
  await transportFor(smtpUrl).sendMail({
    from: { name: 'Factdesk', address: config.FACTDESK_MAIL_FROM },
    to: { name: row.name, address: row.email },
    subject: email.subject,
    text: email.text,
    html: email.html,
  });
  await db()
    .update(notifications)
    .set({ emailedAt: new Date() })
    .where(and(eq(notifications.id, notificationId), isNull(notifications.emailedAt)));
}
