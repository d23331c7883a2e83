import 'server-only';
import { and, eq } from 'drizzle-orm';
import { approvals, publicationSchedules } from '@/db/schema';
import { newsroomTimeZone } from '@/lib/config';
import { ConflictError, InvalidError } from '@/lib/errors';
import { assertId, briefNotFound } from '@/lib/ids';
import { sendJob } from '@/lib/jobs/queue';
import { assertCan, assertHoldsRole } from '@/lib/policy/authorize';
import type { Actor } from '@/lib/policy/policy';
import type { PublishChange } from '@/lib/publication/mutations';
import { transaction } from '@/lib/transaction';
import { recordAudit } from '@/lib/workflow/audit';
import { lockBrief, versionById } from '@/lib/workflow/locking';
import { publishAtProblem } from './rules';
import { formatInZone } from './wall-clock';

/**
 * Schedules the publication of the approved version at `publishAt`: exactly that version,
 * under the approval it has now, published by the worker at that time on the scheduler's behalf
 * (lib/scheduling/jobs.ts). What publishing would ask is asked now: a version that replaces a
 * published one needs its note for readers (or "typo fix"), kept with the schedule. One
 * publication waits per brief. Requires `briefs.publish` for that brief; throws ForbiddenError,
 * InvalidError (field `publishAt` or `note`) or ConflictError.
 */
export async function schedulePublication(
  actor: Actor,
  briefId: string,
  input: { versionNumber: number; publishAt: Date; change?: PublishChange },
  now = new Date(),
): Promise<{ scheduleId: string }> {
  assertHoldsRole(actor, 'briefs.publish');
  assertId(briefId, briefNotFound);
  return transaction(async (tx) => {
    const brief = await lockBrief(tx, briefId);
    assertCan(actor, 'briefs.publish', { brief });
    const [approval] = brief.approvalId
      ? await tx.select().from(approvals).where(eq(approvals.id, brief.approvalId))
      : [];
    const version = await versionById(tx, approval?.versionId ?? null);
    // As publishBrief checks, and stricter: the working copy itself must still be the approved
    // version (an edit after the approval would make the schedule fail at its time).
    if (!approval || !version || approval.contentHash !== version.contentHash) {
      throw new InvalidError(
        'Nothing approved to schedule: a reviewer must approve a version first.',
      );
    }
    if (brief.state !== 'approved') {
      throw new InvalidError(
        `The brief was edited after version ${version.number} was approved: it needs a new review before it is scheduled.`,
      );
    }
    if (version.number !== input.versionNumber) {
      throw new ConflictError(
        `Version ${version.number} is the approved one now. Reload and try again.`,
      );
    }
    if (brief.published && brief.publishedVersionId === version.id) {
      throw new InvalidError(`Version ${version.number} is already published.`);
    }
    const problem = publishAtProblem(input.publishAt, now);
    if (problem) {
      throw new InvalidError('Please correct the time marked below.', { publishAt: [problem] });
    }
    const afterUnpublish = brief.firstPublishedAt !== null && !brief.published;
    if (
      afterUnpublish &&
      (!input.change || input.change.kind === 'typo' || !input.change.note.trim())
    ) {
      throw new InvalidError(
        'This brief was unpublished: say on its public page why it is published again.',
        { note: ['Write the note readers will see about why the brief is back.'] },
      );
    }
    const replacing = brief.firstPublishedAt !== null && brief.publishedVersionId !== version.id;
    const republishing = afterUnpublish || replacing;
    if (republishing && !input.change) {
      throw new InvalidError(
        'This brief was published before: add a correction or update note, or mark the change a typo fix.',
        { note: ['Describe the change for readers, or mark it a typo fix.'] },
      );
    }
    if (republishing && input.change && input.change.kind !== 'typo' && !input.change.note.trim()) {
      throw new InvalidError('Describe the change for readers.', {
        note: ['Write the note readers will see.'],
      });
    }
    const change = republishing ? input.change : undefined;
    const [waiting] = await tx
      .select({ publishAt: publicationSchedules.publishAt })
      .from(publicationSchedules)
      .where(
        and(eq(publicationSchedules.briefId, briefId), eq(publicationSchedules.state, 'scheduled')),
      );
    const timeZone = newsroomTimeZone();
    if (waiting) {
      throw new ConflictError(
        `A publication is already scheduled for ${formatInZone(waiting.publishAt, timeZone)}. Cancel that schedule first.`,
      );
    }
    const [schedule] = await tx
      .insert(publicationSchedules)
      .values({
        briefId,
        versionId: version.id,
        approvalId: approval.id,
        publishAt: input.publishAt,
        createdBy: actor.id,
        createdAt: now,
        changeKind: change?.kind ?? null,
        changeNote: change && change.kind !== 'typo' ? change.note.trim() : null,
        publicVersionId: brief.published ? brief.publishedVersionId : null,
      })
      .returning({ id: publicationSchedules.id });
    await sendJob(
      'publish-scheduled',
      { scheduleId: schedule!.id },
      { startAfter: input.publishAt },
    );
    await recordAudit(tx, {
      briefId,
      actorId: actor.id,
      action: 'schedule',
      versionNumber: version.number,
      note: `For ${formatInZone(input.publishAt, timeZone)}${change ? ` (${changeLabel(change)})` : ''}`,
    });
    return { scheduleId: schedule!.id };
  });
}

/** The note for readers a publication carries, in the audit's words. */
function changeLabel(change: PublishChange): string {
  return change.kind === 'typo' ? 'typo fix' : `${change.kind}: ${change.note}`;
}

/**
 * Cancels the publication waiting for the brief (its job, when it comes, finds it cancelled).
 * Requires `briefs.publish` for that brief; throws ForbiddenError, InvalidError when none waits.
 */
export async function cancelSchedule(
  actor: Actor,
  briefId: string,
  now = new Date(),
): Promise<void> {
  assertHoldsRole(actor, 'briefs.publish');
  assertId(briefId, briefNotFound);
  await transaction(async (tx) => {
    // The schedule's row before the brief's, in the order the worker takes them (no deadlock).
    const [waiting] = await tx
      .select()
      .from(publicationSchedules)
      .where(
        and(eq(publicationSchedules.briefId, briefId), eq(publicationSchedules.state, 'scheduled')),
      )
      .for('update');
    const brief = await lockBrief(tx, briefId);
    assertCan(actor, 'briefs.publish', { brief });
    if (!waiting) throw new InvalidError('No publication is scheduled for this brief.');
    await tx
      .update(publicationSchedules)
      .set({ state: 'cancelled', finishedBy: actor.id, finishedAt: now })
      .where(eq(publicationSchedules.id, waiting.id));
    const version = await versionById(tx, waiting.versionId);
    await recordAudit(tx, {
      briefId,
      actorId: actor.id,
      action: 'cancel_schedule',
      versionNumber: version?.number,
      note: `Was scheduled for ${formatInZone(waiting.publishAt, newsroomTimeZone())}`,
    });
  });
}
