import 'server-only';
import { and, count, eq, isNull } from 'drizzle-orm';
import { commentThreads } from '@/db/schema';
import { InvalidError } from '@/lib/errors';
import type { Executor } from '@/lib/transaction';

/** The automated check approval runs, as the review screen names it. */
export const NO_OPEN_THREADS_CHECK = 'No open comment threads';

/** How many of the brief's comment threads are open (unresolved). */
export async function openThreadCount(executor: Executor, briefId: string): Promise<number> {
  const [row] = await executor
    .select({ open: count() })
    .from(commentThreads)
    .where(and(eq(commentThreads.briefId, briefId), isNull(commentThreads.resolvedAt)));
  return row?.open ?? 0;
}

/** Why approving waits, for `open` open threads. */
export function openThreadsMessage(open: number): string {
  return open === 1
    ? 'Approving needs every comment thread resolved: 1 open thread. Resolve it, or reply and resolve, first.'
    : `Approving needs every comment thread resolved: ${open} open threads. Resolve them, or reply and resolve, first.`;
}

/**
 * Refuses an approval while a comment thread of the brief is open: InvalidError, with the check
 * named under `checks`. A step inside approval's transaction, after the brief's row is locked.
 */
export async function assertNoOpenThreads(executor: Executor, briefId: string): Promise<void> {
  const open = await openThreadCount(executor, briefId);
  if (open > 0) {
    throw new InvalidError(openThreadsMessage(open), { checks: [NO_OPEN_THREADS_CHECK] });
  }
}
