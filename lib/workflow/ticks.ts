import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { briefs, reviewTicks } from '@/db/schema';
import { ConflictError, InvalidError } from '@/lib/errors';
import { assertId, briefNotFound } from '@/lib/ids';
import { assertCan } from '@/lib/policy/authorize';
import type { Actor } from '@/lib/policy/policy';
import { transaction } from '@/lib/transaction';
import {
  type CarriedOver,
  carryOver,
  checkedVersion,
  citedIds,
  type ReviewTicks,
  savedTicks,
  type TickState,
} from './review-record';

export type { CarriedOver, LastReview, ReviewTicks, TickState } from './review-record';

/**
 * The reviewer's `Verified [n]` boxes on the version they check, as saved, each cited source's
 * box starting ticked when an earlier review's tick carries over (review only, not a re-check),
 * with the last finished review to compare with. Requires `briefs.review`; null when nothing is
 * being checked.
 */
export async function getReviewTicks(
  actor: Actor,
  briefId: string,
  purpose: 'review' | 'recheck',
): Promise<ReviewTicks | null> {
  assertCan(actor, 'briefs.review');
  assertId(briefId, briefNotFound);
  return transaction(async (tx) => {
    const version = await checkedVersion(tx, briefId, purpose);
    if (!version) return null;
    const { last, carried } =
      purpose === 'review'
        ? await carryOver(tx, briefId, version)
        : { last: null, carried: new Map<string, { note: CarriedOver }>() };
    // A re-check starts from nothing: the ticks of the approval (or of an earlier re-check) of
    // this same version are not this re-check's.
    const saved = await savedTicks(tx, version.id, actor.id, purpose === 'recheck');
    const ticks: Record<string, TickState> = {};
    for (const sourceId of citedIds(version.content)) {
      const mine = saved.get(sourceId);
      const carriedOver = mine === undefined ? (carried.get(sourceId)?.note ?? null) : null;
      ticks[sourceId] = { ticked: mine ?? carriedOver !== null, carriedOver };
    }
    return { versionNumber: version.number, ticks, lastReview: last };
  });
}

/**
 * Saves one `Verified [n]` box of the reviewer, ticked or not, on the version in review or the
 * published one (a re-check). Requires `briefs.review` (the two-person rule applies when the
 * review is completed); ConflictError when that version is no longer being checked,
 * InvalidError when it cites no such source.
 */
export async function setReviewTick(
  actor: Actor,
  briefId: string,
  input: {
    purpose: 'review' | 'recheck';
    versionNumber: number;
    sourceId: string;
    ticked: boolean;
  },
): Promise<void> {
  assertCan(actor, 'briefs.review');
  assertId(briefId, briefNotFound);
  await transaction(async (tx) => {
    // The brief's row first, as approval and re-check lock it first: a tick still on its way
    // when `Approve` is pressed then waits for the approval (which writes the ticks too), or the
    // approval for it, instead of each holding what the other needs (a deadlock).
    await tx.select({ id: briefs.id }).from(briefs).where(eq(briefs.id, briefId)).for('key share');
    // A published brief may be re-checked while a newer version is in review: the screen says
    // which of the two its boxes are about.
    const version = await checkedVersion(tx, briefId, input.purpose);
    if (!version || version.number !== input.versionNumber) {
      throw new ConflictError(
        `Version ${input.versionNumber} is no longer being checked. Reload to see where the brief stands.`,
      );
    }
    if (!citedIds(version.content).includes(input.sourceId)) {
      throw new InvalidError(`Version ${version.number} cites no such source.`);
    }
    await tx
      .insert(reviewTicks)
      .values({
        versionId: version.id,
        reviewerId: actor.id,
        sourceId: input.sourceId,
        briefId,
        ticked: input.ticked,
      })
      .onConflictDoUpdate({
        target: [reviewTicks.versionId, reviewTicks.reviewerId, reviewTicks.sourceId],
        set: { ticked: input.ticked, updatedAt: sql`now()` },
      });
  });
}
