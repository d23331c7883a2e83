import 'server-only';
import { and, asc, eq, lte } from 'drizzle-orm';
import type { JobData } from '@/db/job-queues';
import { approvals, briefVersions, publicationSchedules, users } from '@/db/schema';
import { newsroomTimeZone } from '@/lib/config';
import { DomainError } from '@/lib/errors';
import { isId } from '@/lib/ids';
import { briefLabel, notify, writerIds } from '@/lib/notifications/notify';
import { type Actor, holdsRole } from '@/lib/policy/policy';
import { type PublishChange, publishBrief } from '@/lib/publication/mutations';
import { db, transaction } from '@/lib/transaction';
import { recordAudit } from '@/lib/workflow/audit';
import { lockBrief } from '@/lib/workflow/locking';
import { describeDelay, whyNoLongerStands } from './rules';
import { formatInZone } from './wall-clock';

/**
 * The `publish-scheduled` job, sent for the schedule's time: publishes it (or records why not).
 * Operator-level: run by the worker, no actor; it acts for the person who scheduled it.
 */
export async function publishScheduled(
  data: JobData['publish-scheduled'],
  now = new Date(),
): Promise<void> {
  if (!isId(data.scheduleId)) return;
  await runSchedule(data.scheduleId, now);
}

/**
 * The `publish-due` job, every minute: publishes every schedule whose time has come and that
 * still waits, so that a job lost, expired with a killed worker, or not run while no worker was
 * up never makes one miss. Operator-level: run by the worker, no actor.
 */
export async function publishDueSchedules(
  _data: JobData['publish-due'] = {},
  now = new Date(),
): Promise<void> {
  const due = await db()
    .select({ id: publicationSchedules.id })
    .from(publicationSchedules)
    .where(
      and(eq(publicationSchedules.state, 'scheduled'), lte(publicationSchedules.publishAt, now)),
    )
    .orderBy(asc(publicationSchedules.publishAt));
  // One schedule's trouble does not hold up the others; the first is reported (and the next
  // minute's sweep tries again).
  const failures: unknown[] = [];
  for (const { id } of due) {
    await runSchedule(id, now).catch((error: unknown) => failures.push(error));
  }
  if (failures.length > 0) throw failures[0];
}

/**
 * Publishes one schedule, once: in one transaction, its row locked, it publishes the version for
 * whoever scheduled it and marks the schedule published, or marks it failed (with the reason,
 * and the people concerned told) when its approval no longer stands or publishing refuses. A
 * schedule no longer waiting is left alone (a second job, or the sweep, after the first). A
 * database error throws, so that the queue tries again.
 */
async function runSchedule(scheduleId: string, now: Date): Promise<void> {
  await transaction(async (tx) => {
    const [schedule] = await tx
      .select()
      .from(publicationSchedules)
      .where(eq(publicationSchedules.id, scheduleId))
      .for('update');
    if (schedule?.state !== 'scheduled') return;
    if (schedule.publishAt.getTime() > now.getTime()) {
      // The queue starts a job by the database's clock; this process's clock is behind it.
      throw new Error(
        `Scheduled for ${schedule.publishAt.toISOString()}, not yet due at ${now.toISOString()}: tried again shortly.`,
      );
    }
    const brief = await lockBrief(tx, schedule.briefId);
    const [version] = await tx
      .select({
        number: briefVersions.number,
        contentHash: briefVersions.contentHash,
        content: briefVersions.content,
      })
      .from(briefVersions)
      .where(eq(briefVersions.id, schedule.versionId));
    const [approval] = brief.approvalId
      ? await tx
          .select({ versionId: approvals.versionId, contentHash: approvals.contentHash })
          .from(approvals)
          .where(eq(approvals.id, brief.approvalId))
      : [];
    const [scheduledBy] = await tx
      .select({
        id: users.id,
        email: users.email,
        name: users.name,
        role: users.role,
        disabled: users.disabled,
      })
      .from(users)
      .where(eq(users.id, schedule.createdBy));
    const versionNumber = version!.number;
    const when = formatInZone(schedule.publishAt, newsroomTimeZone());
    const label = briefLabel(version!.content.question);
    let failure = whyNoLongerStands(
      {
        versionId: schedule.versionId,
        versionNumber,
        approvalId: schedule.approvalId,
        publicVersionId: schedule.publicVersionId,
      },
      {
        state: brief.state,
        approvalId: brief.approvalId,
        published: brief.published,
        publishedVersionId: brief.publishedVersionId,
        approval: approval ?? null,
        versionContentHash: version!.contentHash,
      },
    );
    const actor: Actor = {
      id: scheduledBy!.id,
      email: scheduledBy!.email,
      name: scheduledBy!.name,
      role: scheduledBy!.role,
    };
    if (!failure && scheduledBy!.disabled) {
      failure = `The account of ${actor.name}, who scheduled it, is disabled.`;
    } else if (!failure && !holdsRole(actor, 'briefs.publish')) {
      failure = `${actor.name}, who scheduled it, may no longer publish.`;
    }
    if (!failure) {
      // Marked published first: publishing cancels the brief's waiting schedule, which is a
      // publication by hand's doing, not this one's. A refusal below marks it failed instead.
      await tx
        .update(publicationSchedules)
        .set({ state: 'published', finishedAt: now })
        .where(eq(publicationSchedules.id, schedule.id));
      try {
        // A savepoint: a refusal rolls back the publication alone, and the failure is recorded.
        await publishBrief(
          actor,
          schedule.briefId,
          { versionNumber, change: changeOf(schedule) },
          now,
        );
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        failure = error.message;
      }
    }
    if (failure) {
      await tx
        .update(publicationSchedules)
        .set({ state: 'failed', failureMessage: failure, finishedAt: now })
        .where(eq(publicationSchedules.id, schedule.id));
      await recordAudit(tx, {
        briefId: schedule.briefId,
        actorId: schedule.createdBy,
        action: 'schedule_failed',
        versionNumber,
        note: `Scheduled for ${when}; not published: ${failure}`,
      });
      const [approvedBy] = await tx
        .select({ id: approvals.approvedBy })
        .from(approvals)
        .where(eq(approvals.id, schedule.approvalId));
      await notify({
        kind: 'schedule_failed',
        briefId: schedule.briefId,
        message: `Version ${versionNumber} of ${label} was not published as scheduled for ${when}: ${failure}`,
        recipientIds: [
          schedule.createdBy,
          ...(approvedBy ? [approvedBy.id] : []),
          ...(await writerIds(schedule.briefId)),
        ],
      });
      return;
    }
    const lateSeconds = Math.max(
      0,
      Math.round((now.getTime() - schedule.publishAt.getTime()) / 1000),
    );
    await recordAudit(tx, {
      briefId: schedule.briefId,
      actorId: schedule.createdBy,
      action: 'scheduled_publish',
      versionNumber,
      // How late, in seconds (a worker that was down at the time publishes as soon as it starts).
      note: `Scheduled for ${when}; published ${lateSeconds} s after that time${lateSeconds >= 60 ? ` (${describeDelay(lateSeconds)} late)` : ''}`,
    });
    await notify({
      kind: 'schedule_done',
      briefId: schedule.briefId,
      message: `Version ${versionNumber} of ${label} was published as scheduled for ${when}.`,
      recipientIds: [schedule.createdBy],
    });
  });
}

/** The note for readers chosen when it was scheduled. */
function changeOf(schedule: typeof publicationSchedules.$inferSelect): PublishChange | undefined {
  const { changeKind: kind, changeNote: note } = schedule;
  if (kind === 'typo') return { kind };
  if (kind === 'correction' || kind === 'clarification' || kind === 'update') {
    return { kind, note: note ?? '' };
  }
  return undefined;
}
