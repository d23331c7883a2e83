import { and, eq, sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import {
  auditLog,
  briefs,
  corrections,
  notifications,
  publicationSchedules,
  users,
} from '@/db/schema';
import { createBrief, saveBrief } from '@/lib/briefs/mutations';
import { ConflictError, ForbiddenError, InvalidError } from '@/lib/errors';
import type { Actor } from '@/lib/policy/policy';
import { completeDocument, verifiedAll } from '@/lib/policy/test-briefs';
import { publishBrief, unpublishBrief } from '@/lib/publication/mutations';
import { createTestPerson } from '@/lib/users/test-people';
import { approveBrief, submitForReview } from '@/lib/workflow/mutations';
import { publishDueSchedules, publishScheduled } from './jobs';
import { cancelSchedule, schedulePublication } from './mutations';
import { scheduleOf } from './queries';

/** The fake clock: every call is told what time it is. */
const now = new Date('2026-06-01T08:00:00Z');
const minutes = (n: number) => new Date(now.getTime() + n * 60_000);

afterEach(() => {
  delete process.env.FACTDESK_TIMEZONE;
});

interface Approved {
  id: string;
  version: number;
  writer: Actor;
  approver: Actor;
}

/** A brief a writer wrote and submitted and a reviewer approved (not published). */
async function approvedBrief(question?: string): Promise<Approved> {
  const writer = await createTestPerson('editor');
  const approver = await createTestPerson('reviewer');
  const { id } = await createBrief(writer);
  const saved = await saveBrief(writer, id, {
    baseRevision: 1,
    kind: 'save',
    document: completeDocument(question),
  });
  await submitForReview(writer, id);
  await approveBrief(approver, id, {
    versionNumber: saved.head.number,
    verifiedSourceIds: verifiedAll,
  });
  return { id, version: saved.head.number, writer, approver };
}

/** A published brief whose next version is approved: publishing it again needs a note. */
async function republishable(): Promise<Approved> {
  const first = await approvedBrief();
  await publishBrief(first.approver, first.id, { versionNumber: first.version });
  const [brief] = await getDb().select().from(briefs).where(eq(briefs.id, first.id));
  const saved = await saveBrief(first.writer, first.id, {
    baseRevision: brief!.revision,
    kind: 'save',
    document: completeDocument('Did the alliance ever promise not to expand east?'),
  });
  await submitForReview(first.writer, first.id);
  await approveBrief(first.approver, first.id, {
    versionNumber: saved.head.number,
    verifiedSourceIds: verifiedAll,
  });
  return { ...first, version: saved.head.number };
}

async function schedulesOf(briefId: string) {
  return getDb()
    .select()
    .from(publicationSchedules)
    .where(eq(publicationSchedules.briefId, briefId));
}

async function scheduleRow(briefId: string) {
  const rows = await getDb()
    .select()
    .from(publicationSchedules)
    .where(eq(publicationSchedules.briefId, briefId));
  expect(rows).toHaveLength(1);
  return rows[0]!;
}

async function briefRow(briefId: string) {
  const [row] = await getDb().select().from(briefs).where(eq(briefs.id, briefId));
  return row!;
}

async function auditOf(briefId: string, action: string) {
  return getDb()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.briefId, briefId), eq(auditLog.action, action)));
}

async function notificationsOf(briefId: string, kind: 'schedule_done' | 'schedule_failed') {
  const rows = await getDb()
    .select({ userId: notifications.userId, message: notifications.message })
    .from(notifications)
    .where(and(eq(notifications.briefId, briefId), eq(notifications.kind, kind)));
  return rows;
}

async function jobsFor(scheduleId: string) {
  const rows = await getDb().execute<{ start_after: Date }>(
    sql`select start_after from pgboss.job where name = 'publish-scheduled' and data->>'scheduleId' = ${scheduleId}`,
  );
  return [...rows].map((row) => new Date(row.start_after).toISOString());
}

/** What the call threw (it must throw). */
async function refusal(promise: Promise<unknown>): Promise<Error> {
  const outcome = await promise.then(
    () => null,
    (error: unknown) => error,
  );
  expect(outcome).toBeInstanceOf(Error);
  return outcome as Error;
}

describe('scheduling a publication', () => {
  it('schedules exactly the approved version, with its job at that time, in the audit log', async () => {
    process.env.FACTDESK_TIMEZONE = 'Europe/Paris';
    const brief = await approvedBrief();
    const scheduler = await createTestPerson('reviewer');
    const publishAt = minutes(90);
    const { scheduleId } = await schedulePublication(
      scheduler,
      brief.id,
      { versionNumber: brief.version, publishAt },
      now,
    );
    const row = await scheduleRow(brief.id);
    expect(row).toMatchObject({
      id: scheduleId,
      state: 'scheduled',
      publishAt,
      createdBy: scheduler.id,
      changeKind: null,
      publicVersionId: null,
    });
    expect(await jobsFor(scheduleId)).toEqual([publishAt.toISOString()]);
    const [audit] = await auditOf(brief.id, 'schedule');
    expect(audit).toMatchObject({
      actorId: scheduler.id,
      versionNumber: brief.version,
      note: 'For Jun 1, 2026, 11:30 AM GMT+2 (Europe/Paris)',
    });
    expect(await scheduleOf(brief.approver, brief.id)).toEqual({
      waiting: {
        publishAt,
        versionNumber: brief.version,
        scheduledByName: scheduler.name,
        changeKind: null,
      },
      failed: null,
    });
    expect((await briefRow(brief.id)).published).toBe(false);
  });

  it('refuses a version that is not the approved one, or a brief edited since', async () => {
    const reviewer = await createTestPerson('reviewer');
    const writer = await createTestPerson('editor');
    const { id } = await createBrief(writer);
    const saved = await saveBrief(writer, id, {
      baseRevision: 1,
      kind: 'save',
      document: completeDocument(),
    });
    await submitForReview(writer, id);
    const inReview = await refusal(
      schedulePublication(
        reviewer,
        id,
        { versionNumber: saved.head.number, publishAt: minutes(60) },
        now,
      ),
    );
    expect(inReview).toBeInstanceOf(InvalidError);
    expect(inReview.message).toMatch(/Nothing approved to schedule/);

    const brief = await approvedBrief();
    const other = await refusal(
      schedulePublication(reviewer, brief.id, { versionNumber: 1, publishAt: minutes(60) }, now),
    );
    expect(other).toBeInstanceOf(ConflictError);
    expect(other.message).toBe(
      `Version ${brief.version} is the approved one now. Reload and try again.`,
    );

    const head = await briefRow(brief.id);
    await saveBrief(brief.writer, brief.id, {
      baseRevision: head.revision,
      kind: 'save',
      document: completeDocument('Did the alliance promise anything at all?'),
    });
    const edited = await refusal(
      schedulePublication(
        reviewer,
        brief.id,
        { versionNumber: brief.version, publishAt: minutes(60) },
        now,
      ),
    );
    expect(edited).toBeInstanceOf(InvalidError);
    expect(edited.message).toMatch(/edited after version \d+ was approved/);
    expect(await schedulesOf(id)).toEqual([]);
    expect(await schedulesOf(brief.id)).toEqual([]);
  });

  it('refuses a time that has passed, or is more than a year away, on the field', async () => {
    const brief = await approvedBrief();
    const reviewer = await createTestPerson('reviewer');
    for (const [publishAt, message] of [
      [now, 'Choose a time in the future.'],
      [minutes(-5), 'Choose a time in the future.'],
      [minutes(367 * 24 * 60), 'Choose a time within a year.'],
    ] as const) {
      const error = await refusal(
        schedulePublication(reviewer, brief.id, { versionNumber: brief.version, publishAt }, now),
      );
      expect(error).toBeInstanceOf(InvalidError);
      expect((error as InvalidError).fieldErrors).toEqual({ publishAt: [message] });
    }
    expect(await schedulesOf(brief.id)).toEqual([]);
  });

  it('is refused to an editor, and after an unpublish to anyone but an admin', async () => {
    const brief = await approvedBrief();
    const asEditor = await refusal(
      schedulePublication(
        brief.writer,
        brief.id,
        { versionNumber: brief.version, publishAt: minutes(60) },
        now,
      ),
    );
    expect(asEditor).toBeInstanceOf(ForbiddenError);

    await publishBrief(brief.approver, brief.id, { versionNumber: brief.version });
    await unpublishBrief(await createTestPerson('admin'), brief.id, { reason: 'Legal review.' });
    const asReviewer = await refusal(
      schedulePublication(
        brief.approver,
        brief.id,
        {
          versionNumber: brief.version,
          publishAt: minutes(60),
          change: { kind: 'update', note: 'Back.' },
        },
        now,
      ),
    );
    expect(asReviewer).toBeInstanceOf(ForbiddenError);
    expect(asReviewer.message).toBe(
      'An admin unpublished this brief: only an admin can publish it again.',
    );
    expect(await schedulesOf(brief.id)).toEqual([]);
  });

  it('keeps one waiting schedule per brief: a second is refused until the first is cancelled', async () => {
    const brief = await approvedBrief();
    const reviewer = await createTestPerson('reviewer');
    const input = { versionNumber: brief.version, publishAt: minutes(60) };
    await schedulePublication(reviewer, brief.id, input, now);
    const second = await refusal(
      schedulePublication(reviewer, brief.id, { ...input, publishAt: minutes(120) }, now),
    );
    expect(second).toBeInstanceOf(ConflictError);
    expect(second.message).toBe(
      'A publication is already scheduled for Jun 1, 2026, 9:00 AM UTC. Cancel that schedule first.',
    );
    await cancelSchedule(reviewer, brief.id, minutes(1));
    await schedulePublication(
      reviewer,
      brief.id,
      { ...input, publishAt: minutes(120) },
      minutes(2),
    );
    const states = await getDb()
      .select({ state: publicationSchedules.state, publishAt: publicationSchedules.publishAt })
      .from(publicationSchedules)
      .where(eq(publicationSchedules.briefId, brief.id))
      .orderBy(publicationSchedules.publishAt);
    expect(states).toEqual([
      { state: 'cancelled', publishAt: minutes(60) },
      { state: 'scheduled', publishAt: minutes(120) },
    ]);
  });

  it('asks a republication for its note for readers when it is scheduled, and publishes with it', async () => {
    const brief = await republishable();
    const reviewer = await createTestPerson('reviewer');
    const input = { versionNumber: brief.version, publishAt: minutes(30) };
    const noNote = await refusal(schedulePublication(reviewer, brief.id, input, now));
    expect(noNote).toBeInstanceOf(InvalidError);
    expect((noNote as InvalidError).fieldErrors).toEqual({
      note: ['Describe the change for readers, or mark it a typo fix.'],
    });
    const blank = await refusal(
      schedulePublication(
        reviewer,
        brief.id,
        { ...input, change: { kind: 'correction', note: '  ' } },
        now,
      ),
    );
    expect((blank as InvalidError).fieldErrors).toEqual({
      note: ['Write the note readers will see.'],
    });

    const { scheduleId } = await schedulePublication(
      reviewer,
      brief.id,
      { ...input, change: { kind: 'correction', note: 'The treaty date was wrong.' } },
      now,
    );
    const before = await briefRow(brief.id);
    expect(await scheduleRow(brief.id)).toMatchObject({
      changeKind: 'correction',
      changeNote: 'The treaty date was wrong.',
      publicVersionId: before.publishedVersionId,
    });
    await publishScheduled({ scheduleId }, minutes(30));
    const after = await briefRow(brief.id);
    expect(after.published).toBe(true);
    expect(after.publishedVersionId).not.toBe(before.publishedVersionId);
    const notes = await getDb()
      .select({ kind: corrections.kind, note: corrections.note })
      .from(corrections)
      .where(eq(corrections.briefId, brief.id));
    expect(notes).toEqual([{ kind: 'correction', note: 'The treaty date was wrong.' }]);
  });
});

describe('cancelling a schedule', () => {
  it('cancels it: its job, when it comes, publishes nothing', async () => {
    const brief = await approvedBrief();
    const reviewer = await createTestPerson('reviewer');
    const { scheduleId } = await schedulePublication(
      reviewer,
      brief.id,
      { versionNumber: brief.version, publishAt: minutes(60) },
      now,
    );
    expect(await refusal(cancelSchedule(brief.writer, brief.id, minutes(1)))).toBeInstanceOf(
      ForbiddenError,
    );
    const admin = await createTestPerson('admin');
    await cancelSchedule(admin, brief.id, minutes(1));
    expect(await scheduleRow(brief.id)).toMatchObject({
      state: 'cancelled',
      finishedBy: admin.id,
      finishedAt: minutes(1),
    });
    expect(await auditOf(brief.id, 'cancel_schedule')).toHaveLength(1);
    expect(await scheduleOf(reviewer, brief.id)).toEqual({ waiting: null, failed: null });

    await publishScheduled({ scheduleId }, minutes(60));
    await publishDueSchedules({}, minutes(61));
    expect((await briefRow(brief.id)).published).toBe(false);
    expect(await auditOf(brief.id, 'publish')).toEqual([]);

    const none = await refusal(cancelSchedule(admin, brief.id, minutes(2)));
    expect(none).toBeInstanceOf(InvalidError);
    expect(none.message).toBe('No publication is scheduled for this brief.');
  });
});

describe('publishing at the time', () => {
  it('publishes once however often its job and the sweep run, and tells whoever scheduled it', async () => {
    const brief = await approvedBrief();
    const scheduler = await createTestPerson('reviewer');
    const publishAt = minutes(10);
    const { scheduleId } = await schedulePublication(
      scheduler,
      brief.id,
      { versionNumber: brief.version, publishAt },
      now,
    );
    // Before its time: the sweep leaves it, and an early job is tried again later.
    await publishDueSchedules({}, minutes(9));
    await expect(publishScheduled({ scheduleId }, minutes(9))).rejects.toThrow(/not yet due/);
    expect((await briefRow(brief.id)).published).toBe(false);

    // Two jobs at once (as two workers would), then the sweep, then the job again.
    await Promise.all([
      publishScheduled({ scheduleId }, minutes(10)),
      publishScheduled({ scheduleId }, minutes(10)),
    ]);
    await publishDueSchedules({}, minutes(11));
    await publishScheduled({ scheduleId }, minutes(12));

    const published = await briefRow(brief.id);
    expect(published.published).toBe(true);
    expect(published.firstPublishedAt).toEqual(minutes(10));
    expect(await auditOf(brief.id, 'publish')).toMatchObject([
      { actorId: scheduler.id, versionNumber: brief.version },
    ]);
    expect(await auditOf(brief.id, 'scheduled_publish')).toMatchObject([
      { note: 'Scheduled for Jun 1, 2026, 8:10 AM UTC; published 0 s after that time' },
    ]);
    expect(await scheduleRow(brief.id)).toMatchObject({
      state: 'published',
      finishedAt: minutes(10),
    });
    expect(await notificationsOf(brief.id, 'schedule_done')).toEqual([
      {
        userId: scheduler.id,
        message: `Version ${brief.version} of “Did the alliance promise not to expand east?” was published as scheduled for Jun 1, 2026, 8:10 AM UTC.`,
      },
    ]);
    expect(await scheduleOf(scheduler, brief.id)).toEqual({ waiting: null, failed: null });
  });

  it('publishes at once when the worker starts after the time, and records how late', async () => {
    const brief = await approvedBrief();
    const scheduler = await createTestPerson('admin');
    await schedulePublication(
      scheduler,
      brief.id,
      { versionNumber: brief.version, publishAt: minutes(10) },
      now,
    );
    // No worker ran at 08:10; one starts at 10:13:25 and its first sweep finds it due.
    const started = new Date(minutes(10).getTime() + (2 * 3600 + 3 * 60 + 25) * 1000);
    await publishDueSchedules({}, started);
    expect((await briefRow(brief.id)).published).toBe(true);
    expect(await auditOf(brief.id, 'scheduled_publish')).toMatchObject([
      {
        actorId: scheduler.id,
        note: 'Scheduled for Jun 1, 2026, 8:10 AM UTC; published 7405 s after that time (2 h 3 min late)',
      },
    ]);
  });

  it('does not publish a version whose approval an edit withdrew, and tells the people concerned', async () => {
    const brief = await approvedBrief();
    const scheduler = await createTestPerson('reviewer');
    const { scheduleId } = await schedulePublication(
      scheduler,
      brief.id,
      { versionNumber: brief.version, publishAt: minutes(10) },
      now,
    );
    const head = await briefRow(brief.id);
    await saveBrief(brief.writer, brief.id, {
      baseRevision: head.revision,
      kind: 'save',
      document: completeDocument('Did the alliance promise anything at all?'),
    });
    await publishScheduled({ scheduleId }, minutes(10));
    await publishDueSchedules({}, minutes(11));

    expect((await briefRow(brief.id)).published).toBe(false);
    expect(await auditOf(brief.id, 'publish')).toEqual([]);
    const reason = `The brief was edited after version ${brief.version} was approved, which withdrew the approval.`;
    expect(await scheduleRow(brief.id)).toMatchObject({
      state: 'failed',
      failureMessage: reason,
      finishedAt: minutes(10),
    });
    expect(await auditOf(brief.id, 'schedule_failed')).toMatchObject([
      { note: `Scheduled for Jun 1, 2026, 8:10 AM UTC; not published: ${reason}` },
    ]);
    const told = await notificationsOf(brief.id, 'schedule_failed');
    expect(told.map((n) => n.userId).sort()).toEqual(
      [scheduler.id, brief.approver.id, brief.writer.id].sort(),
    );
    expect(told[0]!.message).toBe(
      `Version ${brief.version} of “Did the alliance promise not to expand east?” was not published as scheduled for Jun 1, 2026, 8:10 AM UTC: ${reason}`,
    );
    expect((await scheduleOf(scheduler, brief.id)).failed).toMatchObject({
      versionNumber: brief.version,
      message: reason,
    });
  });

  it('an unpublish cancels the waiting schedule and tells the writers: nothing comes back', async () => {
    const brief = await republishable();
    const admin = await createTestPerson('admin');
    const { scheduleId } = await schedulePublication(
      admin,
      brief.id,
      {
        versionNumber: brief.version,
        publishAt: minutes(10),
        change: { kind: 'update', note: 'Newer figures.' },
      },
      now,
    );
    const otherAdmin = await createTestPerson('admin');
    await unpublishBrief(otherAdmin, brief.id, { reason: 'Legal review.' });
    expect(await scheduleRow(brief.id)).toMatchObject({
      state: 'cancelled',
      finishedBy: otherAdmin.id,
    });
    const [cancelled] = await auditOf(brief.id, 'cancel_schedule');
    expect(cancelled?.note).toMatch(/^Unpublished: the publication scheduled for .+ is cancelled$/);
    const told = await notificationsOf(brief.id, 'schedule_failed');
    expect(told.map((n) => n.userId).sort()).toEqual([admin.id, brief.writer.id].sort());
    await publishScheduled({ scheduleId }, minutes(10));
    await publishDueSchedules({}, minutes(11));
    expect((await briefRow(brief.id)).published).toBe(false);
    expect(await scheduleRow(brief.id)).toMatchObject({ state: 'cancelled' });
  });

  it('a schedule made after an unpublish never undoes a later one', async () => {
    const brief = await republishable();
    const admin = await createTestPerson('admin');
    await unpublishBrief(admin, brief.id, { reason: 'Checking a claim again.' });
    const { scheduleId } = await schedulePublication(
      admin,
      brief.id,
      {
        versionNumber: brief.version,
        publishAt: minutes(60),
        change: { kind: 'update', note: 'Back with newer figures.' },
      },
      now,
    );
    // Another admin brings it back by hand, then takes it down again for a new reason.
    const otherAdmin = await createTestPerson('admin');
    await publishBrief(
      otherAdmin,
      brief.id,
      { versionNumber: brief.version, change: { kind: 'update', note: 'Back early.' } },
      minutes(5),
    );
    await unpublishBrief(otherAdmin, brief.id, { reason: 'A new legal problem.' });
    await publishScheduled({ scheduleId }, minutes(60));
    expect((await briefRow(brief.id)).published).toBe(false);
    expect(await scheduleRow(brief.id)).toMatchObject({ state: 'cancelled' });
  });

  it('does not publish for a person whose account was disabled meanwhile', async () => {
    const brief = await approvedBrief();
    const scheduler = await createTestPerson('reviewer');
    const { scheduleId } = await schedulePublication(
      scheduler,
      brief.id,
      { versionNumber: brief.version, publishAt: minutes(10) },
      now,
    );
    await getDb().update(users).set({ disabled: true }).where(eq(users.id, scheduler.id));
    await publishScheduled({ scheduleId }, minutes(10));
    expect((await briefRow(brief.id)).published).toBe(false);
    expect(await scheduleRow(brief.id)).toMatchObject({
      state: 'failed',
      failureMessage: `The account of ${scheduler.name}, who scheduled it, is disabled.`,
    });
    // The disabled scheduler is told nothing; the approver and the writer are.
    const told = await notificationsOf(brief.id, 'schedule_failed');
    expect(told.map((n) => n.userId).sort()).toEqual([brief.approver.id, brief.writer.id].sort());
  });

  it('publishing by hand cancels the waiting schedule: its time passes quietly', async () => {
    const brief = await approvedBrief();
    const scheduler = await createTestPerson('reviewer');
    const { scheduleId } = await schedulePublication(
      scheduler,
      brief.id,
      { versionNumber: brief.version, publishAt: minutes(10) },
      now,
    );
    await publishBrief(brief.approver, brief.id, { versionNumber: brief.version }, minutes(5));
    expect(await scheduleRow(brief.id)).toMatchObject({
      state: 'cancelled',
      finishedBy: brief.approver.id,
    });
    const [cancelled] = await auditOf(brief.id, 'cancel_schedule');
    expect(cancelled?.note).toMatch(/^Published by hand before the publication scheduled for /);
    await publishScheduled({ scheduleId }, minutes(10));
    await publishDueSchedules({}, minutes(11));
    expect(await auditOf(brief.id, 'publish')).toHaveLength(1);
    expect(await auditOf(brief.id, 'scheduled_publish')).toHaveLength(0);
    expect(await notificationsOf(brief.id, 'schedule_failed')).toEqual([]);
  });
});
