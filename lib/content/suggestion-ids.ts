/**
 * Ids of suggested changes: `<author's user id>:<random>`. The author is in the id because the
 * tracked-change marks carry nothing else; the server checks that every new suggestion of a
 * save is in the saver's own name (lib/briefs/suggestion-rules).
 */
import { z } from 'zod';

export const suggestionMarkNames = ['insertion', 'deletion', 'modification'] as const;
export type SuggestionMarkName = (typeof suggestionMarkNames)[number];

export function isSuggestionMarkName(name: string): name is SuggestionMarkName {
  return (suggestionMarkNames as readonly string[]).includes(name);
}

const SUGGESTION_ID =
  /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}):[A-Za-z0-9_-]{1,24}$/;

export const suggestionIdSchema = z.string().regex(SUGGESTION_ID, 'Invalid suggestion id.');

/** The user id of the person who suggested a change, from its id (null if it is not one). */
export function suggestionAuthorId(id: unknown): string | null {
  if (typeof id !== 'string') return null;
  return SUGGESTION_ID.exec(id)?.[1] ?? null;
}

/** A new suggestion id in `authorId`'s name. */
export function newSuggestionId(authorId: string): string {
  const random = crypto.getRandomValues(new Uint8Array(9));
  return `${authorId}:${Array.from(random, (byte) => byte.toString(36).padStart(2, '0')).join('')}`;
}
