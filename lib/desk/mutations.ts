import 'server-only';
import { and, eq, ne } from 'drizzle-orm';
import type { Transaction } from '@/db/client';
import { briefs, publicationSchedules, users } from '@/db/schema';
import { InvalidError, NotFoundError } from '@/lib/errors';
import { assertId, briefNotFound, personNotFound } from '@/lib/ids';
import { briefLabel, notify } from '@/lib/notifications/notify';
import { assertCan } from '@/lib/policy/authorize';
import { type Actor, decide, type VersionUnderCheck } from '@/lib/policy/policy';
import { db, type Executor, transaction } from '@/lib/transaction';
import { recordAudit } from '@/lib/workflow/audit';
import { lockBrief } from '@/lib/workflow/locking';
import { checkedVersion } from '@/lib/workflow/review-record';

export interface ReviewerChoice {
  id: string;
  name: string;
}

/** The enabled reviewers and admins whom the two-person rule allows to approve this version. */
async function allowedReviewers(
  executor: Executor,
  version: VersionUnderCheck,
): Promise<ReviewerChoice[]> {
  const people = await executor
    .select({ id: users.id, name: users.name, email: users.email, role: users.role })
    .from(users)
    .where(and(ne(users.role, 'editor'), eq(users.disabled, false)))
    .orderBy(users.name);
  return people
    .filter((person) => decide(person, 'briefs.approve', { version }).allowed)
    .map(({ id, name }) => ({ id, name }));
}

const notInReview = 'Only a brief in review can be assigned to a reviewer.';

/**
 * Who may be assigned to review the brief now: reviewers and admins who wrote none of the
 * version in review (two-person rule). Requires `briefs.assign`; throws InvalidError when the
 * brief is not in review.
 */
export async function listAssignableReviewers(
  actor: Actor,
  briefId: string,
): Promise<ReviewerChoice[]> {
  assertCan(actor, 'briefs.assign');
  assertId(briefId, briefNotFound);
  const version = await checkedVersion(db(), briefId, 'review');
  if (!version) throw new InvalidError(notInReview);
  return allowedReviewers(db(), version);
}

/**
 * Assigns the brief in review to a reviewer the two-person rule allows, and tells them. Requires
 * `briefs.assign`; throws InvalidError (not in review, archived, a reviewer it excludes),
 * NotFoundError.
 */
export async function assignReviewer(
  actor: Actor,
  briefId: string,
  input: { reviewerId: string },
): Promise<{ reviewerName: string }> {
  assertCan(actor, 'briefs.assign');
  assertId(briefId, briefNotFound);
  assertId(input.reviewerId, personNotFound);
  return transaction(async (tx) => {
    await lockBrief(tx, briefId);
    const version = await checkedVersion(tx, briefId, 'review');
    if (!version) throw new InvalidError(notInReview);
    const reviewer = (await allowedReviewers(tx, version)).find((p) => p.id === input.reviewerId);
    if (!reviewer) {
      throw new InvalidError(
        'This person cannot review this version: choose a reviewer or admin who wrote none of it (two-person rule).',
        { reviewerId: ['Choose someone from the list.'] },
      );
    }
    await tx.update(briefs).set({ assignedReviewerId: reviewer.id }).where(eq(briefs.id, briefId));
    await recordAudit(tx, {
      briefId,
      actorId: actor.id,
      action: 'assign_reviewer',
      versionNumber: version.number,
      note: `Assigned to ${reviewer.name}`,
    });
    await notify({
      kind: 'assigned',
      briefId,
      message: `${actor.name} asked you to review version ${version.number} of ${briefLabel(version.content.question)}.`,
      recipientIds: [reviewer.id],
      except: actor.id,
    });
    return { reviewerName: reviewer.name };
  });
}

async function lockForArchive(tx: Transaction, actor: Actor, briefId: string) {
  const brief = await lockBrief(tx, briefId, { archived: 'allow' });
  assertCan(actor, 'briefs.archive', {
    brief: { authorIds: [brief.createdBy, ...brief.authorIds] },
  });
  return brief;
}

/**
 * Puts a brief that was never published away: it leaves every list but `Archived`, and nothing
 * moves it until it is restored; nothing is deleted. Requires `briefs.archive` (editors: their
 * own briefs); throws InvalidError (once published, a publication scheduled, already archived),
 * NotFoundError.
 */
export async function archiveBrief(actor: Actor, briefId: string): Promise<void> {
  assertId(briefId, briefNotFound);
  await transaction(async (tx) => {
    const brief = await lockForArchive(tx, actor, briefId);
    if (brief.archivedAt) throw new InvalidError('This brief is already archived.');
    if (brief.firstPublishedAt) {
      throw new InvalidError(
        'A brief that readers have seen cannot be archived: an admin can unpublish it instead.',
      );
    }
    const [waiting] = await tx
      .select({ id: publicationSchedules.id })
      .from(publicationSchedules)
      .where(
        and(eq(publicationSchedules.briefId, briefId), eq(publicationSchedules.state, 'scheduled')),
      );
    if (waiting) {
      throw new InvalidError(
        'Its publication is scheduled: cancel the schedule before archiving the brief.',
      );
    }
    await tx
      .update(briefs)
      .set({ archivedAt: new Date(), archivedBy: actor.id })
      .where(eq(briefs.id, briefId));
    await recordAudit(tx, {
      briefId,
      actorId: actor.id,
      action: 'archive',
      versionNumber: brief.headNumber,
    });
  });
}

/**
 * Brings an archived brief back, as it was (its state, versions and threads). Requires
 * `briefs.archive` (editors: their own briefs); throws InvalidError (not archived), NotFoundError.
 */
export async function restoreFromArchive(actor: Actor, briefId: string): Promise<void> {
  assertId(briefId, briefNotFound);
  await transaction(async (tx) => {
    const brief = await lockForArchive(tx, actor, briefId);
    if (!brief.archivedAt) throw new InvalidError('This brief is not archived.');
    await tx
      .update(briefs)
      .set({ archivedAt: null, archivedBy: null })
      .where(eq(briefs.id, briefId));
    await recordAudit(tx, {
      briefId,
      actorId: actor.id,
      action: 'restore_from_archive',
      versionNumber: brief.headNumber,
    });
  });
}

/** Whether the brief is archived, and whether this person may archive or restore it. */
export async function getArchiveStatus(
  actor: Actor,
  briefId: string,
): Promise<{ archivedAt: Date | null; archivable: boolean; mayArchive: boolean }> {
  assertCan(actor, 'briefs.view');
  assertId(briefId, briefNotFound);
  const [brief] = await db()
    .select({
      archivedAt: briefs.archivedAt,
      firstPublishedAt: briefs.firstPublishedAt,
      createdBy: briefs.createdBy,
      authorIds: briefs.authorIds,
    })
    .from(briefs)
    .where(eq(briefs.id, briefId));
  if (!brief) throw new NotFoundError(briefNotFound);
  return {
    archivedAt: brief.archivedAt,
    archivable: brief.firstPublishedAt === null,
    mayArchive: decide(actor, 'briefs.archive', {
      brief: { authorIds: [brief.createdBy, ...brief.authorIds] },
    }).allowed,
  };
}
