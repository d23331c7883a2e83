import 'server-only';
import { eq } from 'drizzle-orm';
import type { Transaction } from '@/db/client';
import { briefs, briefVersions } from '@/db/schema';
import { InvalidError, NotFoundError } from '@/lib/errors';
import { archivedBriefMessage, briefNotFound } from '@/lib/ids';

/**
 * Locks the brief's row for the rest of the transaction (workflow and publication steps). An
 * archived brief is refused (InvalidError): nothing moves it until it is restored, except
 * `archived: 'allow'` (archiving and restoring themselves).
 */
export async function lockBrief(
  tx: Transaction,
  briefId: string,
  options: { archived: 'refuse' | 'allow' } = { archived: 'refuse' },
) {
  const [brief] = await tx.select().from(briefs).where(eq(briefs.id, briefId)).for('update');
  if (!brief) throw new NotFoundError(briefNotFound);
  if (brief.archivedAt && options.archived === 'refuse') {
    throw new InvalidError(archivedBriefMessage);
  }
  return brief;
}

/** A version by id, or undefined when there is none. */
export async function versionById(tx: Transaction, id: string | null) {
  if (!id) return undefined;
  const [version] = await tx.select().from(briefVersions).where(eq(briefVersions.id, id));
  return version;
}
