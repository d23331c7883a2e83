import type { BriefDocument } from '@/lib/content/document';
import { briefCitations } from '@/lib/content/numbering';
import { InvalidError } from '@/lib/errors';
import type { Actor } from '@/lib/policy/policy';

/**
 * Refuses unless the actor wrote no part of the version (two-person rule; admins included):
 * the version carries everyone who wrote text of it that no approval has checked.
 */
export function assertNotContributor(
  actor: Actor,
  version: { number: number; contributorIds: readonly string[] },
) {
  if (version.contributorIds.includes(actor.id)) {
    throw new InvalidError(
      `You wrote part of version ${version.number}, so someone else must check it (two-person rule).`,
    );
  }
}

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
