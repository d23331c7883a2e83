import 'server-only';
import { and, eq, inArray, lte } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { readerReportThrottle } from '@/db/schema';
import { countReport, REPORT_LIMIT, reportThrottleKey } from './throttle-rules';

/**
 * Counts one report from `address` in Postgres, under the counter's row lock, so that reports
 * sent at the same time, to any instance, each see the others. Returns 0 when it may be stored
 * (and then it was counted), else the milliseconds to wait.
 */
export async function takeReportAllowance(address: string, now = new Date()): Promise<number> {
  const key = reportThrottleKey(address);
  return getDb().transaction(async (tx) => {
    // A first report from an address has no row to lock yet.
    await tx
      .insert(readerReportThrottle)
      .values({ key, windowStartedAt: now, count: 0 })
      .onConflictDoNothing();
    const [row] = await tx
      .select()
      .from(readerReportThrottle)
      .where(eq(readerReportThrottle.key, key))
      .for('update');
    const { retryAfterMs, next } = countReport(row ?? null, now, REPORT_LIMIT);
    if (retryAfterMs === 0) {
      await tx.update(readerReportThrottle).set(next).where(eq(readerReportThrottle.key, key));
    }
    return retryAfterMs;
  });
}

const EXPIRED_BATCH = 500;

/**
 * Deletes counters whose window has passed (a bounded batch, by the window index): such a
 * counter limits nothing any more. Returns how many went.
 */
export async function deleteExpiredReportThrottles(now = new Date()): Promise<number> {
  const isExpired = lte(
    readerReportThrottle.windowStartedAt,
    new Date(now.getTime() - REPORT_LIMIT.windowMs),
  );
  const batch = getDb()
    .select({ key: readerReportThrottle.key })
    .from(readerReportThrottle)
    .where(isExpired)
    .limit(EXPIRED_BATCH);
  // Checked again on each row: a report may have renewed it since the batch was chosen.
  const deleted = await getDb()
    .delete(readerReportThrottle)
    .where(and(inArray(readerReportThrottle.key, batch), isExpired))
    .returning({ key: readerReportThrottle.key });
  return deleted.length;
}
