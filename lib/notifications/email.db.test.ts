import type { AddressInfo } from 'node:net';
import { eq, sql } from 'drizzle-orm';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { notifications, users } from '@/db/schema';
import { sendJob } from '@/lib/jobs/queue';
import { startJobRunner } from '@/lib/jobs/runner';
import type { Actor } from '@/lib/policy/policy';
import { briefInReview } from '@/lib/policy/test-briefs';
import { createTestPerson } from '@/lib/users/test-people';
import { emailNotification } from './email';
import { setEmailPreferences } from './mutations';
import { notify } from './notify';

/**
 * Notification emails through a real SMTP server on 127.0.0.1 (smtp-server), whose messages the
 * tests read back (mailparser): the handler alone, then the `email` queue with its retries.
 */

interface LocalSmtp {
  url: string;
  messages: ParsedMail[];
  /** RCPT TO commands refused so far. */
  refused: number;
  close: () => Promise<void>;
}

/**
 * A local SMTP server; with `refuseFirstTo`, it answers the first RCPT TO of that address with
 * 451 (try again later), and accepts it afterwards.
 */
async function localSmtp(options: { refuseFirstTo?: string } = {}): Promise<LocalSmtp> {
  const state: LocalSmtp = { url: '', messages: [], refused: 0, close: async () => {} };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (address.address === options.refuseFirstTo && state.refused === 0) {
        state.refused += 1;
        callback(Object.assign(new Error('Mailbox busy, try again later'), { responseCode: 451 }));
        return;
      }
      callback();
    },
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          state.messages.push(mail);
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  state.url = `smtp://127.0.0.1:${port}`;
  state.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return state;
}

const opened: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((close) => close()));
  delete process.env.FACTDESK_SMTP_URL;
  delete process.env.FACTDESK_MAIL_FROM;
  delete process.env.FACTDESK_BASE_URL;
});

async function emailsOn(options: { refuseFirstTo?: string } = {}): Promise<LocalSmtp> {
  const smtp = await localSmtp(options);
  opened.push(smtp.close);
  process.env.FACTDESK_SMTP_URL = smtp.url;
  process.env.FACTDESK_MAIL_FROM = 'desk@newsroom.example';
  process.env.FACTDESK_BASE_URL = 'https://desk.newsroom.example';
  return smtp;
}

async function notificationOf(person: Actor) {
  const [row] = await getDb()
    .select()
    .from(notifications)
    .where(eq(notifications.userId, person.id));
  return row!;
}

const to = (mail: ParsedMail) =>
  [mail.to ?? []].flat().flatMap((address) => address.value.map((v) => v.address));

describe('the email handler', () => {
  it('sends the notification to its person (subject, recipient, link to the brief) once', async () => {
    const smtp = await emailsOn();
    const reviewer = await createTestPerson('reviewer');
    const brief = await briefInReview();
    const notification = await notificationOf(reviewer);

    await emailNotification({ notificationId: notification.id });
    expect(smtp.messages).toHaveLength(1);
    const [mail] = smtp.messages;
    expect(mail!.subject).toBe(
      'Submitted for review: “Did the alliance promise not to expand east?”',
    );
    expect(to(mail!)).toEqual([reviewer.email]);
    expect(mail!.from?.value).toEqual([{ name: 'Factdesk', address: 'desk@newsroom.example' }]);
    const link = `https://desk.newsroom.example/desk/briefs/${brief.id}`;
    expect(mail!.text).toContain(notification.message);
    expect(mail!.text).toContain(`Open the brief in the newsroom: ${link}`);
    expect(mail!.html).toContain(`href="${link}"`);
    expect((await notificationOf(reviewer)).emailedAt).toBeInstanceOf(Date);

    // The job runs again (a worker killed after the send): nothing more goes out.
    await emailNotification({ notificationId: notification.id });
    expect(smtp.messages).toHaveLength(1);
  });

  it('sends nothing to a disabled person or one who no longer wants the kind; a worker without SMTP fails the job', async () => {
    const smtp = await emailsOn();
    const [disabled, changedMind, later] = await Promise.all([
      createTestPerson('editor'),
      createTestPerson('editor'),
      createTestPerson('editor'),
    ]);
    const people = [disabled, changedMind, later];
    await notify({
      kind: 'mention',
      briefId: null,
      message: 'You were mentioned.',
      recipientIds: people.map((person) => person.id),
    });
    await getDb().update(users).set({ disabled: true }).where(eq(users.id, disabled.id));
    await setEmailPreferences(changedMind, ['approved']);
    await emailNotification({ notificationId: (await notificationOf(disabled)).id });
    await emailNotification({ notificationId: (await notificationOf(changedMind)).id });
    // A worker without the setting fails the job (shown on /desk/jobs) rather than drop it.
    delete process.env.FACTDESK_SMTP_URL;
    await expect(
      emailNotification({ notificationId: (await notificationOf(later)).id }),
    ).rejects.toThrow('FACTDESK_SMTP_URL is not set on this worker');
    expect(smtp.messages).toEqual([]);
    for (const person of people) expect((await notificationOf(person)).emailedAt).toBeNull();
    // A job naming no notification (or one deleted since) is done, with nothing sent.
    process.env.FACTDESK_SMTP_URL = smtp.url;
    await emailNotification({ notificationId: crypto.randomUUID() });
    await emailNotification({ notificationId: 'nonsense' });
    expect(smtp.messages).toEqual([]);
  });

  it('throws when the SMTP server refuses, and leaves the notification to be sent', async () => {
    const person = await createTestPerson('editor');
    await emailsOn({ refuseFirstTo: person.email });
    await notify({ kind: 'mention', briefId: null, message: 'Hi.', recipientIds: [person.id] });
    const { id } = await notificationOf(person);
    await expect(emailNotification({ notificationId: id })).rejects.toThrow(/451/);
    expect((await notificationOf(person)).emailedAt).toBeNull();
  });
});

type EmailJob = { id: string; state: string; retry_count: number };

async function emailJobsOf(notificationId: string): Promise<EmailJob[]> {
  const rows = await getDb().execute<EmailJob>(sql`
    select id, state, retry_count from pgboss.job
    where name = 'email' and data->>'notificationId' = ${notificationId}
    order by created_on`);
  return [...rows];
}

/** Waits until `check` holds (the test's own timeout bounds it); no time is asserted. */
async function until(check: () => Promise<boolean>): Promise<void> {
  while (!(await check())) await new Promise((resolve) => setTimeout(resolve, 100));
}

describe('the email queue', () => {
  it('retries a refused email with backoff and delivers it once; a job run again sends nothing', async () => {
    const person = await createTestPerson('editor');
    // Jobs of earlier tests may run here too: only this person's address is refused once.
    const smtp = await emailsOn({ refuseFirstTo: person.email });
    await notify({
      kind: 'mention',
      briefId: null,
      message: 'You were mentioned.',
      recipientIds: [person.id],
    });
    const { id: notificationId } = await notificationOf(person);
    const [job] = await emailJobsOf(notificationId);
    expect(job).toMatchObject({ state: 'created', retry_count: 0 });

    const noop = async () => {};
    const runner = await startJobRunner({
      handlers: {
        'publish-scheduled': noop,
        'publish-due': noop,
        'check-sources-due': noop,
        'check-sources-of-host': noop,
        email: emailNotification,
        webhook: noop,
      },
      pollingIntervalSeconds: 0.5,
      onError: () => {},
    });
    opened.push(() => runner.stop(5_000));

    // The first try is refused: the job waits for its retry, after a backoff of 15 s or more.
    await until(async () => (await emailJobsOf(notificationId))[0]?.state === 'retry');
    expect(smtp.refused).toBe(1);
    expect(smtp.messages.filter((mail) => to(mail).includes(person.email))).toEqual([]);
    const [waiting] = await getDb().execute<{ later: boolean }>(sql`
      select start_after > now() + interval '10 seconds' as later
      from pgboss.job where id = ${job!.id}`);
    expect(waiting?.later).toBe(true);

    // A fake clock for the queue: the retry's time has come.
    await getDb().execute(sql`update pgboss.job set start_after = now() where id = ${job!.id}`);
    await until(async () => (await emailJobsOf(notificationId))[0]?.state === 'completed');
    expect(await emailJobsOf(notificationId)).toMatchObject([
      { state: 'completed', retry_count: 1 },
    ]);
    expect(smtp.messages.filter((mail) => to(mail).includes(person.email))).toHaveLength(1);
    expect((await notificationOf(person)).emailedAt).toBeInstanceOf(Date);

    // The same notification's job again, after success: done, and no second email.
    await sendJob('email', { notificationId });
    await until(async () =>
      (await emailJobsOf(notificationId)).every((row) => row.state === 'completed'),
    );
    expect(await emailJobsOf(notificationId)).toHaveLength(2);
    expect(smtp.messages.filter((mail) => to(mail).includes(person.email))).toHaveLength(1);
  });
});
