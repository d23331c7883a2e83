import 'server-only';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Transaction } from '@/db/client';
import {
  approvals,
  briefs,
  briefVersions,
  completedReviews,
  reviewTicks,
  users,
} from '@/db/schema';
import type { BriefDocument } from '@/lib/content/document';
import { numberedSources } from '@/lib/content/numbered-sources';
import { decide } from '@/lib/policy/policy';
import type { Executor } from '@/lib/transaction';
import { capturedEvidence } from './evidence';
import { sourceFingerprints } from './fingerprint';

/*
 * Steps inside a lib transaction that check no actor (the guarded functions are in ./ticks):
 * reading a reviewer's saved ticks and what carries over, and recording a finished review.
 */

/** Who ticked a source at the review a tick is carried over from, and when. */
export interface CarriedOver {
  fromVersion: number;
  byName: string;
  at: Date;
}

export interface TickState {
  ticked: boolean;
  /** Set while the box is ticked only because an earlier review's tick still holds. */
  carriedOver: CarriedOver | null;
}

/** The last finished review of the brief, which the version being checked is compared with. */
export interface LastReview {
  versionNumber: number;
  document: BriefDocument;
  byName: string;
  at: Date;
  outcome: 'approved' | 'changes_requested';
}

export interface ReviewTicks {
  versionNumber: number;
  /** One per cited source of the version. */
  ticks: Record<string, TickState>;
  /** Null for a re-check, and for a brief never reviewed before. */
  lastReview: LastReview | null;
}

export interface CheckedVersion {
  id: string;
  number: number;
  content: BriefDocument;
  contributorIds: string[];
}

export const citedIds = (document: BriefDocument) =>
  numberedSources(document).cited.map((s) => s.id);

/** The version a reviewer checks: the one in review, or (for a re-check) the published one. */
export async function checkedVersion(
  tx: Executor,
  briefId: string,
  purpose: 'review' | 'recheck',
): Promise<CheckedVersion | undefined> {
  const [row] = await tx
    .select({
      id: briefVersions.id,
      number: briefVersions.number,
      content: briefVersions.content,
      contributorIds: briefVersions.contributorIds,
    })
    .from(briefs)
    .innerJoin(
      briefVersions,
      eq(
        briefVersions.id,
        purpose === 'review' ? briefs.submittedVersionId : briefs.publishedVersionId,
      ),
    )
    .where(
      and(
        eq(briefs.id, briefId),
        // An archived brief waits for no review until it is restored.
        isNull(briefs.archivedAt),
        purpose === 'review' ? eq(briefs.state, 'in_review') : eq(briefs.published, true),
      ),
    );
  return row;
}

/**
 * The brief's last finished review by someone who wrote none of the version they reviewed, and
 * the sources whose tick there still holds for `version`:
 * its fingerprint (record, capture, citing sentences) is unchanged and that reviewer could
 * approve `version` now (an account still able to approve, and none of its text theirs: the
 * two-person rule as `briefs.approve` decides it).
 */
export async function carryOver(tx: Transaction, briefId: string, version: CheckedVersion) {
  const [last] = await tx
    .select({
      id: completedReviews.id,
      ticked: completedReviews.ticked,
      outcome: completedReviews.outcome,
      at: completedReviews.createdAt,
      versionNumber: briefVersions.number,
      document: briefVersions.content,
      reviewer: {
        id: users.id,
        email: users.email,
        name: users.name,
        role: users.role,
        disabled: users.disabled,
      },
    })
    .from(completedReviews)
    .innerJoin(briefVersions, eq(briefVersions.id, completedReviews.versionId))
    .innerJoin(users, eq(users.id, completedReviews.reviewerId))
    .where(
      and(
        eq(completedReviews.briefId, briefId),
        // A review by someone who wrote part of the version they reviewed (a contributor with
        // the reviewer role may send it back) is no baseline: what they wrote was never checked.
        sql`not (${completedReviews.reviewerId} = any(${briefVersions.contributorIds}))`,
      ),
    )
    .orderBy(desc(completedReviews.createdAt), desc(completedReviews.id))
    .limit(1);
  const carried = new Map<string, { reviewId: string; note: CarriedOver }>();
  if (!last) return { last: null, carried };
  const lastReview: LastReview = {
    versionNumber: last.versionNumber,
    document: last.document,
    byName: last.reviewer.name,
    at: last.at,
    outcome: last.outcome === 'approved' ? 'approved' : 'changes_requested',
  };
  const eligible =
    !last.reviewer.disabled && decide(last.reviewer, 'briefs.approve', { version }).allowed;
  if (!eligible) return { last: lastReview, carried };
  const fingerprints = await fingerprintsOf(tx, briefId, version.content);
  for (const [sourceId, fingerprint] of fingerprints) {
    if (last.ticked[sourceId]?.fingerprint !== fingerprint) continue;
    carried.set(sourceId, {
      reviewId: last.id,
      note: { fromVersion: last.versionNumber, byName: last.reviewer.name, at: last.at },
    });
  }
  return { last: lastReview, carried };
}

async function fingerprintsOf(tx: Transaction, briefId: string, document: BriefDocument) {
  return sourceFingerprints(
    document,
    await capturedEvidence(tx, briefId, document, citedIds(document)),
  );
}

/** The ticks this reviewer saved on this version, by source (a row says ticked or unticked). */
export async function savedTicks(
  tx: Transaction,
  versionId: string,
  reviewerId: string,
  /** Only ticks made after the version's last approval or re-check (a re-check's own). */
  sinceLastCheck = false,
) {
  const rows = await tx
    .select({ sourceId: reviewTicks.sourceId, ticked: reviewTicks.ticked })
    .from(reviewTicks)
    .where(
      and(
        eq(reviewTicks.versionId, versionId),
        eq(reviewTicks.reviewerId, reviewerId),
        // Compared in Postgres: its timestamps are finer than a JavaScript Date.
        sinceLastCheck
          ? sql`${reviewTicks.updatedAt} > coalesce((select max(${approvals.createdAt}) from ${approvals} where ${approvals.versionId} = ${versionId}), '-infinity')`
          : undefined,
      ),
    );
  return new Map(rows.map((row) => [row.sourceId, row.ticked]));
}

/**
 * Records a finished review of `version` (inside the approval's or the request's transaction):
 * each source its reviewer ticked, with its fingerprint now and the review its tick was carried
 * over from. An approval states the sources ticked (what the reviewer's screen showed when they
 * approved): they are saved as the reviewer's ticks first, so the saved ticks and the approval
 * never disagree. Returns the ids carried over.
 */
export async function recordCompletedReview(
  tx: Transaction,
  review: {
    briefId: string;
    version: CheckedVersion;
    reviewerId: string;
    outcome: 'approved' | 'changes_requested';
    approvalId?: string;
    verifiedSourceIds?: readonly string[];
  },
): Promise<string[]> {
  const { briefId, version, reviewerId } = review;
  const { carried } = await carryOver(tx, briefId, version);
  const saved = await savedTicks(tx, version.id, reviewerId);
  const cited = citedIds(version.content);
  const stated = review.verifiedSourceIds ? new Set(review.verifiedSourceIds) : undefined;
  const ticked: Record<string, { fingerprint: string; carriedOverFrom: string | null }> = {};
  const fingerprints = await fingerprintsOf(tx, briefId, version.content);
  const carriedIds: string[] = [];
  for (const sourceId of cited) {
    const mine = saved.get(sourceId);
    const from = mine === undefined ? carried.get(sourceId)?.reviewId : undefined;
    const isTicked = stated ? stated.has(sourceId) : (mine ?? from !== undefined);
    if (!isTicked) continue;
    if (from) carriedIds.push(sourceId);
    else if (mine !== true) {
      await tx
        .insert(reviewTicks)
        .values({ versionId: version.id, reviewerId, sourceId, briefId, ticked: true })
        .onConflictDoUpdate({
          target: [reviewTicks.versionId, reviewTicks.reviewerId, reviewTicks.sourceId],
          set: { ticked: true, updatedAt: sql`now()` },
        });
    }
    ticked[sourceId] = { fingerprint: fingerprints.get(sourceId)!, carriedOverFrom: from ?? null };
  }
  await tx.insert(completedReviews).values({
    briefId,
    versionId: version.id,
    reviewerId,
    outcome: review.outcome,
    approvalId: review.approvalId ?? null,
    ticked,
  });
  return carriedIds;
}
