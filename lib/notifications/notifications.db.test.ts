import { eq, sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { notifications, users } from '@/db/schema';
import { InvalidError, NotFoundError } from '@/lib/errors';
import { briefInReview } from '@/lib/policy/test-briefs';
import { createTestPerson } from '@/lib/users/test-people';
import { markAllRead, markRead, setEmailPreferences } from './mutations';
import { notify } from './notify';
import {
  emailPreferences,
  listNotifications,
  NOTIFICATIONS_PAGE_SIZE,
  unreadCount,
} from './queries';

afterEach(() => {
  delete process.env.FACTDESK_SMTP_URL;
});

/** The notifications whose email job waits in the queue. */
async function emailJobFor(notificationIds: string[]): Promise<string[]> {
  const rows = await getDb().execute<{ id: string }>(
    sql`select data->>'notificationId' as id from pgboss.job where name = 'email'`,
  );
  return [...rows].map((row) => row.id).filter((id) => notificationIds.includes(id));
}

async function rowsOf(userId: string) {
  return getDb().select().from(notifications).where(eq(notifications.userId, userId));
}

describe('notify', () => {
  it('tells every enabled recipient once, never the one who did it nor a disabled account', async () => {
    const [actor, reader, disabled, twice] = await Promise.all([
      createTestPerson('editor'),
      createTestPerson('reviewer'),
      createTestPerson('reviewer'),
      createTestPerson('admin'),
    ]);
    await getDb().update(users).set({ disabled: true }).where(eq(users.id, disabled.id));
    await notify({
      kind: 'mention',
      briefId: null,
      message: 'Someone mentioned you.',
      recipientIds: [actor.id, reader.id, disabled.id, twice.id, twice.id],
      except: actor.id,
    });
    expect(await rowsOf(actor.id)).toEqual([]);
    expect(await rowsOf(disabled.id)).toEqual([]);
    expect(await rowsOf(twice.id)).toHaveLength(1);
    expect(await rowsOf(reader.id)).toMatchObject([
      { kind: 'mention', message: 'Someone mentioned you.', readAt: null, emailedAt: null },
    ]);
  });

  it('sends no email job while no SMTP server is configured', async () => {
    const reader = await createTestPerson('reviewer');
    await notify({ kind: 'mention', briefId: null, message: 'Hi.', recipientIds: [reader.id] });
    const [row] = await rowsOf(reader.id);
    expect(await emailJobFor([row!.id])).toEqual([]);
  });

  it('with SMTP configured, sends an email job for each person who chose the kind', async () => {
    process.env.FACTDESK_SMTP_URL = 'smtp://127.0.0.1:2525';
    const [wants, doesNot] = await Promise.all([
      createTestPerson('reviewer'),
      createTestPerson('reviewer'),
    ]);
    await setEmailPreferences(doesNot, ['approved']);
    await notify({
      kind: 'mention',
      briefId: null,
      message: 'Hi.',
      recipientIds: [wants.id, doesNot.id],
    });
    const [toWants] = await rowsOf(wants.id);
    const [toDoesNot] = await rowsOf(doesNot.id);
    expect(await emailJobFor([toWants!.id, toDoesNot!.id])).toEqual([toWants!.id]);
  });

  it('a submission tells reviewers and admins, with the brief, and not its editor', async () => {
    const reviewer = await createTestPerson('reviewer');
    const admin = await createTestPerson('admin');
    const editor = await createTestPerson('editor');
    const brief = await briefInReview();
    for (const person of [reviewer, admin]) {
      const { items } = await listNotifications(person);
      expect(items).toMatchObject([{ kind: 'submitted', briefId: brief.id, readAt: null }]);
      expect(items[0]?.message).toMatch(/submitted “Did the alliance promise .*” \(version 2\)/);
    }
    expect((await listNotifications(editor)).items).toEqual([]);
  });
});

describe('one’s own notifications', () => {
  async function twoPeopleNotified() {
    const [ada, bea] = await Promise.all([
      createTestPerson('editor'),
      createTestPerson('reviewer'),
    ]);
    for (const message of ['First.', 'Second.']) {
      await notify({ kind: 'mention', briefId: null, message, recipientIds: [ada.id, bea.id] });
    }
    return { ada, bea };
  }

  it('a person sees only their own, newest first, with the unread count', async () => {
    const { ada, bea } = await twoPeopleNotified();
    const list = await listNotifications(ada);
    expect(list.items.map((item) => item.message)).toEqual(['Second.', 'First.']);
    expect(list).toMatchObject({ total: 2, page: 1, pages: 1 });
    const adasIds = new Set(list.items.map((item) => item.id));
    const beasIds = (await listNotifications(bea)).items.map((item) => item.id);
    expect(beasIds.filter((id) => adasIds.has(id))).toEqual([]);
    expect(await unreadCount(ada)).toBe(2);
  });

  it('marks one read, or all; someone else’s, or a made-up id, is not found', async () => {
    const { ada, bea } = await twoPeopleNotified();
    const [newest, oldest] = (await listNotifications(ada)).items;
    const [beasNewest] = (await listNotifications(bea)).items;

    await expect(markRead(bea, newest!.id)).rejects.toThrow(NotFoundError);
    await expect(markRead(bea, 'not-an-id')).rejects.toThrow(NotFoundError);
    await expect(markRead(bea, crypto.randomUUID())).rejects.toThrow(NotFoundError);
    expect(await unreadCount(ada)).toBe(2);

    expect(await markRead(ada, newest!.id)).toEqual({ briefId: null });
    const firstRead = (await listNotifications(ada)).items[0]?.readAt;
    expect(firstRead).toBeInstanceOf(Date);
    // Read again (a second tab): it stays read, as of the first time.
    await markRead(ada, newest!.id);
    expect((await listNotifications(ada)).items[0]?.readAt).toEqual(firstRead);
    expect(await unreadCount(ada)).toBe(1);

    expect(await markAllRead(ada)).toBe(1);
    expect(await unreadCount(ada)).toBe(0);
    expect((await listNotifications(ada)).items.find((i) => i.id === oldest!.id)?.readAt).toEqual(
      expect.any(Date),
    );
    // Bea's own are untouched by Ada's.
    expect(await unreadCount(bea)).toBe(2);
    await markRead(bea, beasNewest!.id);
    expect(await unreadCount(bea)).toBe(1);
  });

  it('pages through them, newest first, without overlap', async () => {
    const person = await createTestPerson('editor');
    const count = NOTIFICATIONS_PAGE_SIZE + 5;
    await getDb()
      .insert(notifications)
      .values(
        Array.from({ length: count }, (_, i) => ({
          userId: person.id,
          kind: 'mention' as const,
          briefId: null,
          message: `Number ${i}.`,
          createdAt: new Date(Date.UTC(2026, 0, 1, 0, i)),
        })),
      );
    const first = await listNotifications(person, { page: 1 });
    const second = await listNotifications(person, { page: 2 });
    expect(first).toMatchObject({ total: count, pages: 2 });
    expect(first.items).toHaveLength(NOTIFICATIONS_PAGE_SIZE);
    expect(first.items[0]?.message).toBe(`Number ${count - 1}.`);
    expect(second.items.map((item) => item.message)).toEqual([
      'Number 4.',
      'Number 3.',
      'Number 2.',
      'Number 1.',
      'Number 0.',
    ]);
    expect((await listNotifications(person, { page: 3 })).items).toEqual([]);
  });
});

describe('email choices', () => {
  it('start with the defaults, save known kinds only, and refuse anything else', async () => {
    const person = await createTestPerson('editor');
    expect(await emailPreferences(person)).toEqual([
      'submitted',
      'changes_requested',
      'approved',
      'schedule_failed',
      'source_attention',
      'mention',
    ]);
    expect(await setEmailPreferences(person, ['published', 'approved', 'published'])).toEqual([
      'approved',
      'published',
    ]);
    expect(await emailPreferences(person)).toEqual(['approved', 'published']);

    const refused = await setEmailPreferences(person, ['approved', 'all of them']).catch(
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(InvalidError);
    expect((refused as InvalidError).fieldErrors.kinds?.[0]).toMatch(/^Choose among: /);
    expect(await emailPreferences(person)).toEqual(['approved', 'published']);

    await setEmailPreferences(person, []);
    expect(await emailPreferences(person)).toEqual([]);
  });

  it('are each person’s own', async () => {
    const [ada, bea] = await Promise.all([createTestPerson('editor'), createTestPerson('editor')]);
    await setEmailPreferences(ada, ['mention']);
    expect(await emailPreferences(ada)).toEqual(['mention']);
    expect(await emailPreferences(bea)).toHaveLength(6);
  });
});
