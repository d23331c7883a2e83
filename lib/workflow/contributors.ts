import 'server-only';
import { and, eq, exists, or, sql } from 'drizzle-orm';
import type { Transaction } from '@/db/client';
import { approvals, briefVersions } from '@/db/schema';
import { contributorsAfterWrite } from './rules';

/** A version, of this brief or another, whose text a new version copies. */
export interface CopiedVersion {
  briefId: string;
  number: number;
}

/**
 * Who wrote a version about to be stored: the actor plus the unchecked writers of every version
 * it copies text from (versions that do not exist add nobody). One indexed read.
 */
export async function contributorsForWrite(
  tx: Transaction,
  write: { actorId: string; copiedFrom: readonly CopiedVersion[] },
): Promise<string[]> {
  // Approved means this very content was checked (the hash guards a row that changed since).
  const approved = tx
    .select({ one: sql`1` })
    .from(approvals)
    .where(
      and(
        eq(approvals.briefId, briefVersions.briefId),
        eq(approvals.versionId, briefVersions.id),
        eq(approvals.contentHash, briefVersions.contentHash),
      ),
    );
  const from = write.copiedFrom.length
    ? await tx
        .select({
          contributorIds: briefVersions.contributorIds,
          approved: sql<boolean>`${exists(approved)}`,
        })
        .from(briefVersions)
        .where(
          or(
            ...write.copiedFrom.map((v) =>
              and(eq(briefVersions.briefId, v.briefId), eq(briefVersions.number, v.number)),
            ),
          ),
        )
    : [];
  return contributorsAfterWrite({ actorId: write.actorId, from });
}
