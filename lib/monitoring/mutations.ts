import 'server-only';
import { eq } from 'drizzle-orm';
import { briefs } from '@/db/schema';
import { InvalidError, NotFoundError } from '@/lib/errors';
import { archivedBriefMessage, assertId, briefNotFound } from '@/lib/ids';
import { assertCan } from '@/lib/policy/authorize';
import type { Actor } from '@/lib/policy/policy';
import { transaction } from '@/lib/transaction';
import { MAX_REVIEW_INTERVAL_DAYS } from './schemas';

/**
 * Sets how many days after its "Checked on" date a published brief is due for a re-check
 * (null: never by itself). Requires `briefs.review`; NotFoundError for an unknown brief,
 * InvalidError for a number of days out of range.
 */
export async function setReviewInterval(
  actor: Actor,
  briefId: string,
  input: { reviewIntervalDays: number | null },
): Promise<void> {
  assertCan(actor, 'briefs.review');
  assertId(briefId, briefNotFound);
  const days = input.reviewIntervalDays;
  if (days !== null && !(Number.isInteger(days) && days >= 1 && days <= MAX_REVIEW_INTERVAL_DAYS)) {
    throw new InvalidError(`The review interval must be 1 to ${MAX_REVIEW_INTERVAL_DAYS} days.`, {
      reviewIntervalDays: [`Enter a whole number of days from 1 to ${MAX_REVIEW_INTERVAL_DAYS}.`],
    });
  }
  await transaction(async (tx) => {
    const [brief] = await tx
      .select({ archivedAt: briefs.archivedAt })
      .from(briefs)
      .where(eq(briefs.id, briefId))
      .for('update');
    if (!brief) throw new NotFoundError(briefNotFound);
    if (brief.archivedAt) throw new InvalidError(archivedBriefMessage);
    await tx.update(briefs).set({ reviewIntervalDays: days }).where(eq(briefs.id, briefId));
  });
}
