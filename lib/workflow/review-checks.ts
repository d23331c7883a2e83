import type { BriefDocument } from '@/lib/content/document';
import { briefCitations } from '@/lib/content/numbering';
import { InvalidError } from '@/lib/errors';

/** Every cited (and existing) source must be among those the reviewer ticked. */
export function assertAllVerified(document: BriefDocument, verified: readonly string[]): void {
  const existing = new Set(document.sources.map((s) => s.id));
  const cited = new Set(
    briefCitations(document)
      .map((c) => c.sourceId)
      .filter((id) => existing.has(id)),
  );
  const ticked = new Set(verified);
  const missing = [...cited].filter((id) => !ticked.has(id));
  if (missing.length) {
    throw new InvalidError(`Verify every cited source first (${missing.length} not verified).`);
  }
}
