import { z } from 'zod';
import { NotFoundError } from '@/lib/errors';

const uuid = z.uuid();

/**
 * Refuses an id that no row can have (from an address or a form) before it reaches Postgres,
 * which would answer it with a syntax error: to the person, such an id is simply not found.
 */
export function assertId(id: string, notFound: string): void {
  if (!uuid.safeParse(id).success) throw new NotFoundError(notFound);
}

export const briefNotFound = 'This brief does not exist.';
export const personNotFound = 'This person no longer exists.';
