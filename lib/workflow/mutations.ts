import 'server-only';
import { eq } from 'drizzle-orm';
import type { Transaction } from '@/db/client';
import { approvals, briefs, briefVersions } from '@/db/schema';
import { assertNoOpenThreads } from '@/lib/comments/open-threads';
import { newsroomTimeZone } from '@/lib/config';
import { calendarDate } from '@/lib/content/dates';
import { ConflictError, InvalidError, NotFoundError } from '@/lib/errors';
import { assertId, briefNotFound } from '@/lib/ids';
import { briefLabel, notify, reviewerIds, writerIds } from '@/lib/notifications/notify';
import { assertCan, assertHoldsRole } from '@/lib/policy/authorize';
import type { Actor } from '@/lib/policy/policy';
import { transaction } from '@/lib/transaction';
import { recordAudit } from './audit';
import { assertChecksPass } from './enforced-checks';
import { boundEvidence } from './evidence';
import { lockBrief, versionById } from './locking';
import { assertAllVerified } from './review-checks';
import { recordCompletedReview } from './review-record';
import { nextState, type WorkflowState } from './rules';

function transition(state: WorkflowState, action: Parameters<typeof nextState>[1]): WorkflowState {
  const result = nextState(state, action);
  if (!result.ok) throw new InvalidError(result.reason);
  return result.state;
}

/**
 * Sends the current version to review and freezes it. Requires `briefs.submit`; throws
 * InvalidError when the state does not allow it or a check fails.
 */
export async function submitForReview(actor: Actor, briefId: string): Promise<void> {
  assertCan(actor, 'briefs.submit');
  assertId(briefId, briefNotFound);
  await transaction(async (tx) => {
    const brief = await lockBrief(tx, briefId);
    const to = transition(brief.state, 'submit');
    const head = await versionById(tx, brief.headVersionId);
    if (!head) throw new NotFoundError('This brief has no version yet.');
    await assertChecksPass(head.content, 'Submitting for review');
    await tx.update(briefVersions).set({ frozen: true }).where(eq(briefVersions.id, head.id));
    await tx
      .update(briefs)
      .set({ state: to, submittedVersionId: head.id, updatedAt: new Date() })
      .where(eq(briefs.id, briefId));
    await recordAudit(tx, {
      briefId,
      actorId: actor.id,
      action: 'submit',
      versionNumber: head.number,
      fromState: brief.state,
      toState: to,
    });
    await notify({
      kind: 'submitted',
      briefId,
      message: `${actor.name} submitted ${briefLabel(head.content.question)} (version ${head.number}) for review.`,
      recipientIds: await reviewerIds(),
      except: actor.id,
    });
  });
}

/**
 * The version in review, as the reviewer named it. Suggestions saved on top of it since (a save
 * that leaves the text as it was) do not change what is reviewed; `forApproval`, they must be
 * settled first.
 */
async function submittedVersion(
  tx: Transaction,
  brief: typeof briefs.$inferSelect,
  versionNumber: number,
  forApproval = false,
) {
  const submitted = await versionById(tx, brief.submittedVersionId);
  const changed = new ConflictError(
    'The brief changed since this review started. Reload to see the version now in review.',
  );
  if (!submitted || submitted.number !== versionNumber) throw changed;
  if (submitted.id !== brief.headVersionId) {
    const head = await versionById(tx, brief.headVersionId);
    if (!head || (head.textHash ?? head.contentHash) !== submitted.contentHash) throw changed;
    if (forApproval && head.textHash !== null) {
      throw new InvalidError(
        'Approving needs every check to pass. Still failing: No pending suggestions (suggested changes were made on this version: the editor accepts or rejects them, or request changes).',
        { checks: ['No pending suggestions'] },
      );
    }
  }
  return submitted;
}

/**
 * Approves the version in review and stamps "Checked on" with today's date in the newsroom's
 * time zone. Requires `briefs.approve` for that version (the two-person rule); throws
 * InvalidError (state, checks, unverified sources, two-person rule) or ConflictError (the brief
 * changed meanwhile).
 */
export async function approveBrief(
  actor: Actor,
  briefId: string,
  input: {
    versionNumber: number;
    verifiedSourceIds: string[];
    /** What the review screen showed of each source's capture (see boundEvidence). */
    seenCaptures?: Record<string, string | null>;
  },
  now = new Date(),
): Promise<{ checkedOn: string }> {
  assertHoldsRole(actor, 'briefs.approve');
  assertId(briefId, briefNotFound);
  return transaction(async (tx) => {
    const brief = await lockBrief(tx, briefId);
    const to = transition(brief.state, 'approve');
    const version = await submittedVersion(tx, brief, input.versionNumber, true);
    assertCan(actor, 'briefs.approve', { version });
    const document = version.content;
    await assertChecksPass(document, 'Approving');
    await assertNoOpenThreads(tx, briefId);
    assertAllVerified(document, input.verifiedSourceIds);
    const checkedOn = calendarDate(now, newsroomTimeZone());
    const [approval] = await tx
      .insert(approvals)
      .values({
        briefId,
        versionId: version.id,
        contentHash: version.contentHash,
        kind: 'approval',
        approvedBy: actor.id,
        checkedOn,
        verifiedSourceIds: input.verifiedSourceIds,
        verifiedCaptures: await boundEvidence(
          tx,
          briefId,
          document,
          input.verifiedSourceIds,
          input.seenCaptures,
        ),
      })
      .returning({ id: approvals.id });
    // The sources stated become the reviewer's saved ticks; which were carried over is kept.
    await recordCompletedReview(tx, {
      briefId,
      version,
      reviewerId: actor.id,
      outcome: 'approved',
      approvalId: approval!.id,
      verifiedSourceIds: input.verifiedSourceIds,
    });
    await tx
      .update(briefs)
      .set({ state: to, approvalId: approval!.id, assignedReviewerId: actor.id })
      .where(eq(briefs.id, briefId));
    await recordAudit(tx, {
      briefId,
      actorId: actor.id,
      action: 'approve',
      versionNumber: version.number,
      fromState: brief.state,
      toState: to,
      note: `Checked on ${checkedOn}`,
    });
    await notify({
      kind: 'approved',
      briefId,
      message: `${actor.name} approved version ${version.number} of ${briefLabel(document.question)}, checked on ${checkedOn}.`,
      recipientIds: await writerIds(briefId),
      except: actor.id,
    });
    return { checkedOn };
  });
}

/** Sends the brief back to its editor with a comment. Requires `briefs.review`. */
export async function requestChanges(
  actor: Actor,
  briefId: string,
  input: { versionNumber: number; comment: string },
): Promise<void> {
  assertCan(actor, 'briefs.review');
  assertId(briefId, briefNotFound);
  await transaction(async (tx) => {
    const brief = await lockBrief(tx, briefId);
    const to = transition(brief.state, 'request_changes');
    const version = await submittedVersion(tx, brief, input.versionNumber);
    // The ticks saved so far carry over to the next version where nothing they vouch for changed.
    await recordCompletedReview(tx, {
      briefId,
      version,
      reviewerId: actor.id,
      outcome: 'changes_requested',
    });
    await tx
      .update(briefs)
      // Whoever reviewed it stays its reviewer for the next round.
      .set({ state: to, submittedVersionId: null, assignedReviewerId: actor.id })
      .where(eq(briefs.id, briefId));
    await recordAudit(tx, {
      briefId,
      actorId: actor.id,
      action: 'request_changes',
      versionNumber: version.number,
      fromState: brief.state,
      toState: to,
      note: input.comment,
    });
    await notify({
      kind: 'changes_requested',
      briefId,
      message: `${actor.name} requested changes to ${briefLabel(version.content.question)}: ${input.comment}`,
      recipientIds: await writerIds(briefId),
      except: actor.id,
    });
  });
}
