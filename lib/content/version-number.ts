import { z } from 'zod';

/** The largest version number Postgres can hold (`integer`); beyond it a query fails. */
export const MAX_VERSION_NUMBER = 2_147_483_647;

/** Whether `value` can be the number of a version (1..2,147,483,647). */
export function isVersionNumber(value: number): boolean {
  return Number.isInteger(value) && value >= 1 && value <= MAX_VERSION_NUMBER;
}

/**
 * A version number from a form field or a query parameter: the one schema every boundary uses,
 * so that no number a version cannot have reaches the database.
 */
export const versionNumberSchema = z.coerce
  .number({ error: 'Give a version number.' })
  .int('Give a version number.')
  .min(1, 'Give a version number.')
  .max(MAX_VERSION_NUMBER, 'There is no such version.');
