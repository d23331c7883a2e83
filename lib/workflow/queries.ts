import 'server-only';
import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { approvals, auditLog, briefs, briefVersions, corrections, users } from '@/db/schema';
import type { BriefDocument } from '@/lib/content/document';
import { NotFoundError } from '@/lib/errors';
import { assertId, briefNotFound } from '@/lib/ids';
import { assertCan } from '@/lib/policy/authorize';
import { type Actor, decide, type VersionUnderCheck } from '@/lib/policy/policy';
import { db } from '@/lib/transaction';
import { checkedVersion } from './review-record';
import type { WorkflowState } from './rules';

export interface WorkflowSummary {
  state: WorkflowState;
  headNumber: number;
  submittedNumber: number | null;
  approval: { versionNumber: number; approverName: string; checkedOn: string } | null;
  publication: {
    published: boolean;
    slug: string | null;
    versionNumber: number | null;
    checkedOn: string | null;
    firstPublishedAt: Date | null;
  };
  requestedChanges: { comment: string; byName: string; at: Date } | null;
  /** Who reviews it: the one assigned, or whoever reviewed it last. */
  reviewer: { id: string; name: string } | null;
  audit: {
    id: number;
    action: string;
    actorName: string;
    versionNumber: number | null;
    fromState: string | null;
    toState: string | null;
    note: string | null;
    at: Date;
  }[];
  corrections: { id: string; kind: string; note: string; notedOn: string }[];
}

/** Where a brief stands in review and publication, with its audit log. Requires `briefs.view`. */
export async function getWorkflow(actor: Actor, briefId: string): Promise<WorkflowSummary> {
  assertCan(actor, 'briefs.view');
  assertId(briefId, briefNotFound);
  const submitted = alias(briefVersions, 'submitted');
  const published = alias(briefVersions, 'published_version');
  const reviewer = alias(users, 'reviewer');
  const [row] = await db()
    .select({
      reviewerId: reviewer.id,
      reviewerName: reviewer.name,
      state: briefs.state,
      headNumber: briefs.headNumber,
      submittedNumber: submitted.number,
      approvalId: briefs.approvalId,
      published: briefs.published,
      slug: briefs.slug,
      publishedNumber: published.number,
      checkedOn: briefs.publishedCheckedOn,
      firstPublishedAt: briefs.firstPublishedAt,
    })
    .from(briefs)
    .leftJoin(submitted, eq(submitted.id, briefs.submittedVersionId))
    .leftJoin(published, eq(published.id, briefs.publishedVersionId))
    .leftJoin(reviewer, eq(reviewer.id, briefs.assignedReviewerId))
    .where(eq(briefs.id, briefId));
  if (!row) throw new NotFoundError(briefNotFound);

  const [approval] = row.approvalId
    ? await db()
        .select({
          versionNumber: briefVersions.number,
          approverName: users.name,
          checkedOn: approvals.checkedOn,
        })
        .from(approvals)
        .innerJoin(briefVersions, eq(briefVersions.id, approvals.versionId))
        .innerJoin(users, eq(users.id, approvals.approvedBy))
        .where(eq(approvals.id, row.approvalId))
    : [];
  const audit = await db()
    .select({
      id: auditLog.id,
      action: auditLog.action,
      actorName: users.name,
      versionNumber: auditLog.versionNumber,
      fromState: auditLog.fromState,
      toState: auditLog.toState,
      note: auditLog.note,
      at: auditLog.createdAt,
    })
    .from(auditLog)
    .innerJoin(users, eq(users.id, auditLog.actorId))
    .where(eq(auditLog.briefId, briefId))
    .orderBy(desc(auditLog.id))
    .limit(200);
  // Looked up by itself: the latest 200 entries may all be newer (comment threads are audited).
  const [lastChangeRequest] =
    row.state === 'changes_requested'
      ? await db()
          .select({ note: auditLog.note, actorName: users.name, at: auditLog.createdAt })
          .from(auditLog)
          .innerJoin(users, eq(users.id, auditLog.actorId))
          .where(and(eq(auditLog.briefId, briefId), eq(auditLog.action, 'request_changes')))
          .orderBy(desc(auditLog.id))
          .limit(1)
      : [];
  const noted = await db()
    .select({
      id: corrections.id,
      kind: corrections.kind,
      note: corrections.note,
      notedOn: corrections.notedOn,
    })
    .from(corrections)
    .where(eq(corrections.briefId, briefId))
    .orderBy(asc(corrections.createdAt));
  return {
    state: row.state,
    headNumber: row.headNumber,
    submittedNumber: row.submittedNumber,
    approval: approval ?? null,
    publication: {
      published: row.published,
      slug: row.slug,
      versionNumber: row.publishedNumber,
      checkedOn: row.checkedOn,
      firstPublishedAt: row.firstPublishedAt,
    },
    requestedChanges:
      row.state === 'changes_requested' && lastChangeRequest
        ? {
            comment: lastChangeRequest.note ?? '',
            byName: lastChangeRequest.actorName,
            at: lastChangeRequest.at,
          }
        : null,
    reviewer:
      row.reviewerId && row.reviewerName ? { id: row.reviewerId, name: row.reviewerName } : null,
    audit,
    corrections: noted,
  };
}

export interface ReviewQueueItem {
  id: string;
  question: string;
  submittedAt: Date;
  versionNumber: number;
  authorName: string;
  assignedReviewerId: string | null;
  assignedReviewerName: string | null;
  /** Whether this reviewer may approve the version, and if not, why (two-person rule). */
  refusal: string | null;
}

/** How many briefs the review queue lists; the desk's `In review` tab lists them all. */
export const REVIEW_QUEUE_LENGTH = 50;

/**
 * Briefs waiting for review: those assigned to this reviewer first, then the oldest first, the
 * first REVIEW_QUEUE_LENGTH of `total`. Archived briefs wait for nobody. Requires `briefs.review`.
 */
export async function listReviewQueue(
  actor: Actor,
): Promise<{ items: ReviewQueueItem[]; total: number }> {
  assertCan(actor, 'briefs.review');
  const assignee = alias(users, 'assignee');
  const rows = await db()
    .select({
      total: sql<number>`(count(*) over ())::int`,
      id: briefs.id,
      question: briefs.question,
      submittedAt: briefs.updatedAt,
      versionNumber: briefVersions.number,
      contributorIds: briefVersions.contributorIds,
      authorName: users.name,
      assignedReviewerId: briefs.assignedReviewerId,
      assignedReviewerName: assignee.name,
    })
    .from(briefs)
    .innerJoin(briefVersions, eq(briefVersions.id, briefs.submittedVersionId))
    .innerJoin(users, eq(users.id, briefVersions.authorId))
    .leftJoin(assignee, eq(assignee.id, briefs.assignedReviewerId))
    .where(and(eq(briefs.state, 'in_review'), isNull(briefs.archivedAt)))
    .orderBy(
      sql`${briefs.assignedReviewerId} is not distinct from ${actor.id}::uuid desc`,
      asc(briefs.updatedAt),
    )
    .limit(REVIEW_QUEUE_LENGTH);
  const items = rows.map(({ contributorIds, total: _total, ...row }) => {
    const decision = decide(actor, 'briefs.approve', {
      version: { number: row.versionNumber, contributorIds },
    });
    return { ...row, refusal: decision.allowed ? null : decision.refusal.message };
  });
  return { items, total: rows[0]?.total ?? 0 };
}

/** With who wrote it: the screen asks the policy whether this reviewer may approve it. */
export interface VersionToCheck extends VersionUnderCheck {
  document: BriefDocument;
}

/**
 * The version a reviewer checks: the one in review, or (for a re-check) the published one.
 * Requires `briefs.review`; null when there is none.
 */
export async function getVersionToCheck(
  actor: Actor,
  briefId: string,
  purpose: 'review' | 'recheck',
): Promise<VersionToCheck | null> {
  assertCan(actor, 'briefs.review');
  assertId(briefId, briefNotFound);
  const row = await checkedVersion(db(), briefId, purpose);
  if (!row) return null;
  return { number: row.number, document: row.content, contributorIds: row.contributorIds };
}
