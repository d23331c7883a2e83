import { type SQL, sql } from 'drizzle-orm';

/**
 * A question as duplicates are compared: lower case, with punctuation and runs of spaces made one
 * space. One SQL expression, so that the stored key (a generated column) and the key of a
 * question being typed are computed alike.
 */
export function questionKeyOf(question: SQL | string): SQL<string> {
  const value = typeof question === 'string' ? sql`${question}::text` : question;
  return sql<string>`btrim(regexp_replace(lower(${value}), '[[:punct:][:space:]“”‘’«»¿¡–—…]+', ' ', 'g'))`;
}
