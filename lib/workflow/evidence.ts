import 'server-only';
import { and, desc, eq, inArray, ne } from 'drizzle-orm';
import type { Transaction } from '@/db/client';
import { sourceCaptures } from '@/db/schema';
import type { BriefDocument } from '@/lib/content/document';

/**
 * What an approval binds: for each verified source, the SHA-256 of the content of its latest
 * finished capture of the address the version cites, or null when there is none (no address,
 * not captured, or the capture failed). A later capture that differs shows the page changed
 * after the reviewer checked it.
 */
export async function capturedEvidence(
  tx: Transaction,
  briefId: string,
  document: BriefDocument,
  verifiedSourceIds: readonly string[],
): Promise<Record<string, string | null>> {
  const evidence: Record<string, string | null> = {};
  if (verifiedSourceIds.length === 0) return evidence;
  const latest = await tx
    .selectDistinctOn([sourceCaptures.sourceId], {
      sourceId: sourceCaptures.sourceId,
      url: sourceCaptures.url,
      sha256: sourceCaptures.contentSha256,
    })
    .from(sourceCaptures)
    .where(
      and(
        eq(sourceCaptures.briefId, briefId),
        inArray(sourceCaptures.sourceId, [...verifiedSourceIds]),
        ne(sourceCaptures.state, 'pending'),
      ),
    )
    .orderBy(sourceCaptures.sourceId, desc(sourceCaptures.requestedAt));
  const captures = new Map(latest.map((row) => [row.sourceId, row]));
  for (const id of verifiedSourceIds) {
    const source = document.sources.find((s) => s.id === id);
    const capture = captures.get(id);
    evidence[id] = source?.url && capture?.url === source.url ? capture.sha256 : null;
  }
  return evidence;
}
