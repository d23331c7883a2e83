import 'server-only';
import { and, eq, inArray } from 'drizzle-orm';
import type { Transaction } from '@/db/client';
import { publicationSchedules } from '@/db/schema';

/**
 * Cancels the publication scheduled for a brief that someone has just published or unpublished
 * by hand, in the same transaction: their decision replaces the plan, which must not bring back
 * a brief an admin took down, nor announce later that a version already public "was not
 * published". A step inside the transaction of a guarded change (no actor check here).
 * Returns it (its time, who scheduled it), or null when none waited.
 *
 * A schedule whose job is running this very moment holds its row: it is skipped, and that job
 * finds the brief changed (lib/scheduling/rules.ts) once this transaction commits.
 */
export async function cancelWaitingSchedule(
  tx: Transaction,
  briefId: string,
  by: string,
  now: Date,
): Promise<{ publishAt: Date; scheduledBy: string } | null> {
  const waiting = tx
    .select({ id: publicationSchedules.id })
    .from(publicationSchedules)
    .where(
      and(eq(publicationSchedules.briefId, briefId), eq(publicationSchedules.state, 'scheduled')),
    )
    .for('update', { skipLocked: true });
  const [cancelled] = await tx
    .update(publicationSchedules)
    .set({ state: 'cancelled', finishedBy: by, finishedAt: now })
    .where(inArray(publicationSchedules.id, waiting))
    .returning({
      publishAt: publicationSchedules.publishAt,
      scheduledBy: publicationSchedules.createdBy,
    });
  return cancelled ?? null;
}
