/**
 * What suggested changes mean for a save: whose they are, whether the text changed, and who
 * becomes a writer of it when one is accepted (the two-person rule). Pure.
 */

import type { BriefDocument } from '@/lib/content/document';
import { contentHash } from '@/lib/content/hash';
import { withoutSuggestions, withSuggestionsAccepted } from '@/lib/content/suggestion-projections';
import {
  hasSuggestions,
  type PendingSuggestion,
  pendingSuggestions,
} from '@/lib/content/suggestions';
import { parseBriefDocument } from '@/lib/content/validate';
import { InvalidError } from '@/lib/errors';

const unsettled =
  'The suggested changes in this text cannot all be accepted and rejected cleanly. Undo your last change, or switch to Editing for it.';

/**
 * The hash of the text as it stands (suggestions rejected), or null when there are none. Refuses
 * (InvalidError) a document whose suggestions do not settle: accepting all and rejecting all
 * must each give a valid brief with no suggestion left, or the editor's Accept and Reject could
 * not be saved (and a crafted document could hide text as a "suggestion").
 */
export async function textHashOf(document: BriefDocument): Promise<string | null> {
  if (!hasSuggestions(document)) return null;
  const [rejected, accepted] = await Promise.all([
    withoutSuggestions(document).catch(() => null),
    withSuggestionsAccepted(document).catch(() => null),
  ]);
  for (const settled of [rejected, accepted]) {
    if (!settled || hasSuggestions(settled) || !parseBriefDocument(settled).ok) {
      throw new InvalidError(unsettled);
    }
  }
  return contentHash(rejected!);
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

/** Who wrote each pending suggestion, where that is more than its author. */
export type SuggestionWriters = Record<string, string[]>;

/** Suggestions pending in a version, each with everyone who wrote it. */
export interface WrittenSuggestion extends PendingSuggestion {
  writers: readonly string[];
}

export function withWriters(
  suggestions: readonly PendingSuggestion[],
  writers: SuggestionWriters | null,
): WrittenSuggestion[] {
  return suggestions.map((suggestion) => ({
    ...suggestion,
    writers: writers?.[suggestion.id] ?? (suggestion.authorId ? [suggestion.authorId] : []),
  }));
}

/**
 * Who wrote each suggestion after a save: its writers so far, plus the saver when the save
 * changed anything of it (its words, a citation's source or pinpoint, a link's address: its
 * fingerprint). Words typed next to someone else's pending suggestion join it under that
 * person's id (the library's behaviour), and an id can be copied from an older version: either
 * way the saver is counted unless the suggestion is exactly as a version it comes from has it.
 * Only the suggestions written by more than their author are kept.
 */
export function suggestionWritersAfter(
  actorId: string,
  before: readonly WrittenSuggestion[],
  after: BriefDocument,
): SuggestionWriters | null {
  const previous = new Map<string, WrittenSuggestion[]>();
  for (const suggestion of before) {
    previous.set(suggestion.id, [...(previous.get(suggestion.id) ?? []), suggestion]);
  }
  const writers: SuggestionWriters = {};
  for (const suggestion of pendingSuggestions(after)) {
    const was = previous.get(suggestion.id) ?? [];
    const ids = new Set(was.length ? was.flatMap((known) => known.writers) : [actorId]);
    if (was.length && !was.some((known) => known.fingerprint === suggestion.fingerprint)) {
      ids.add(actorId);
    }
    if (ids.size > 1 || !ids.has(suggestion.authorId ?? ''))
      writers[suggestion.id] = [...ids].sort();
  }
  return Object.keys(writers).length ? writers : null;
}

/**
 * The people whose suggestions a save accepted: the writers of suggestions pending before it
 * and gone after it, in a save that changed the text. A save that only rejects leaves the text
 * as it was and adds nobody; a save that rejects one and changes the text otherwise (both within
 * one autosave) counts its writers too: over-counting only asks for another reviewer.
 */
export function acceptedSuggestionAuthors(
  actorId: string,
  before: readonly WrittenSuggestion[],
  after: BriefDocument,
  textChanged: boolean,
): string[] {
  if (!textChanged || before.length === 0) return [];
  const still = new Set(pendingSuggestions(after).map((suggestion) => suggestion.id));
  const authors = new Set<string>();
  for (const suggestion of before) {
    if (still.has(suggestion.id)) continue;
    for (const writer of suggestion.writers) if (writer !== actorId) authors.add(writer);
  }
  return [...authors];
}
