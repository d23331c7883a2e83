import 'server-only';
import { and, desc, eq, inArray } from 'drizzle-orm';
import { sourceArchives } from '@/db/schema';
import { db } from '@/lib/transaction';

// Apart from archives.ts: the public page reads this, and loads nothing of the fetcher.

/**
 * The archived copies of the addresses of `sources` (a version's, as it cites them), by source
 * id: the newest of each. No actor: what it returns is what the public page of a published brief
 * shows; its callers (the public page's read, the staff's article) check who asks.
 */
export async function archivedCopiesOf(
  briefId: string,
  sources: readonly { id: string; url: string }[],
): Promise<Record<string, { url: string; archiveUrl: string; archivedOn: string }>> {
  const wanted = sources.filter((s) => s.url);
  if (wanted.length === 0) return {};
  const rows = await db()
    .selectDistinctOn([sourceArchives.sourceId, sourceArchives.url], {
      sourceId: sourceArchives.sourceId,
      url: sourceArchives.url,
      archiveUrl: sourceArchives.archiveUrl,
      archivedAt: sourceArchives.archivedAt,
    })
    .from(sourceArchives)
    .where(
      and(
        eq(sourceArchives.briefId, briefId),
        eq(sourceArchives.state, 'archived'),
        inArray(
          sourceArchives.sourceId,
          wanted.map((s) => s.id),
        ),
      ),
    )
    .orderBy(sourceArchives.sourceId, sourceArchives.url, desc(sourceArchives.archivedAt));
  const copies: Record<string, { url: string; archiveUrl: string; archivedOn: string }> = {};
  for (const row of rows) {
    const source = wanted.find((s) => s.id === row.sourceId);
    if (source?.url !== row.url || !row.archiveUrl || !row.archivedAt) continue;
    copies[row.sourceId] = {
      url: row.url,
      archiveUrl: row.archiveUrl,
      archivedOn: row.archivedAt.toISOString().slice(0, 10),
    };
  }
  return copies;
}
