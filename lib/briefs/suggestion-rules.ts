/**
 * What suggested changes mean for a save: whose they are, whether the text changed, and who
 * becomes a writer of it when one is accepted (the two-person rule). Pure.
 */

import type { BriefDocument } from '@/lib/content/document';
import { contentHash } from '@/lib/content/hash';
import { withoutSuggestions } from '@/lib/content/suggestion-projections';
import {
  hasSuggestions,
  type PendingSuggestion,
  pendingSuggestions,
} from '@/lib/content/suggestions';
import { InvalidError } from '@/lib/errors';

/** The hash of the text as it stands (suggestions rejected), or null when there are none. */
export function textHashOf(document: BriefDocument): string | null {
  return hasSuggestions(document) ? contentHash(withoutSuggestions(document)) : null;
}

/**
 * Refuses a save that brings a suggestion in someone else's name: every suggestion not already
 * in a version this text comes from must be the saver's own.
 */
export function assertOwnSuggestions(
  actorId: string,
  document: BriefDocument,
  known: readonly PendingSuggestion[],
): void {
  const knownIds = new Set(known.map((suggestion) => suggestion.id));
  const foreign = pendingSuggestions(document).filter(
    (suggestion) => !knownIds.has(suggestion.id) && suggestion.authorId !== actorId,
  );
  if (foreign.length) {
    throw new InvalidError(
      'A suggested change can only be made in your own name. Reload the brief and make it again.',
    );
  }
}

/**
 * The people whose suggestions a save accepted: suggestions of others pending before it and gone
 * after it, in a save that changed the text. A save that only rejects leaves the text as it was
 * and adds nobody; a save that rejects one and changes the text otherwise (both within one
 * autosave) counts its author too: over-counting only asks for another reviewer.
 */
export function acceptedSuggestionAuthors(
  actorId: string,
  before: readonly PendingSuggestion[],
  after: BriefDocument,
  textChanged: boolean,
): string[] {
  if (!textChanged || before.length === 0) return [];
  const still = new Set(pendingSuggestions(after).map((suggestion) => suggestion.id));
  const authors = new Set<string>();
  for (const suggestion of before) {
    if (!still.has(suggestion.id) && suggestion.authorId && suggestion.authorId !== actorId) {
      authors.add(suggestion.authorId);
    }
  }
  return [...authors];
}
