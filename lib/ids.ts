import { z } from 'zod';
import { NotFoundError } from '@/lib/errors';

const uuid = z.uuid();

/**
 * Refuses an id that no row can have (from an address or a form) before it reaches Postgres,
 * which would answer it with a syntax error: to the person, such an id is simply not found.
 */
export function assertId(id: string, notFound: string): void {
  if (!isId(id)) throw new NotFoundError(notFound);
}

/** Whether an id could name a row (a job's data, say, where a bad one is simply ignored). */
export function isId(id: string): boolean {
  return uuid.safeParse(id).success;
}

export const briefNotFound = 'This brief does not exist.';
export const personNotFound = 'This person no longer exists.';
/** Anything that would change an archived brief is refused with this. */
export const archivedBriefMessage =
  'This brief is archived: restore it from the archive (Restore from archive) to work on it.';
