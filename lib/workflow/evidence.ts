import 'server-only';
import { and, desc, eq, inArray, ne } from 'drizzle-orm';
import type { Transaction } from '@/db/client';
import { sourceCaptures } from '@/db/schema';
import type { BriefDocument } from '@/lib/content/document';
import { numberedSources } from '@/lib/content/numbered-sources';
import { InvalidError } from '@/lib/errors';

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

/**
 * The evidence an approval binds (capturedEvidence), checked against what the reviewer's screen
 * showed when `seen` is given: a source captured again meanwhile refuses the approval, which
 * would otherwise bind a page the reviewer never saw.
 */
export async function boundEvidence(
  tx: Transaction,
  briefId: string,
  document: BriefDocument,
  verifiedSourceIds: readonly string[],
  seen: Readonly<Record<string, string | null>> | undefined,
): Promise<Record<string, string | null>> {
  const evidence = await capturedEvidence(tx, briefId, document, verifiedSourceIds);
  if (seen === undefined) return evidence;
  const { numbers } = numberedSources(document);
  const changed = verifiedSourceIds.filter((id) => (seen[id] ?? null) !== evidence[id]);
  if (changed.length > 0) {
    const which = changed.map((id) => `[${numbers.get(id) ?? '?'}]`).join(', ');
    throw new InvalidError(
      `The page of source ${which} was captured again since this screen was opened: reload it to check the new capture.`,
    );
  }
  return evidence;
}
