/**
 * Failures that come from the database itself rather than from the request: it cannot be
 * reached, or it accepts no writes. The boundaries turn them into a clear "try again" message.
 */
export type DatabaseTrouble = 'unavailable' | 'read-only';

// SQLSTATE 25006: read_only_sql_transaction (a read-only database or a standby).
const READ_ONLY = '25006';
// SQLSTATE classes and codes of a server that is going away or not taking connections.
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300', '53400']);
// Socket errors of Node.js and the connection errors of the `postgres` driver.
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'ETIMEDOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
]);

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** What is wrong with the database, if that is why `error` happened (looks through causes). */
export function databaseTrouble(error: unknown): DatabaseTrouble | null {
  const seen = new Set<unknown>();
  const pending = [error];
  while (pending.length > 0) {
    const current = pending.pop();
    if (!current || typeof current !== 'object' || seen.has(current)) continue;
    seen.add(current);
    const code = codeOf(current);
    if (code === READ_ONLY) return 'read-only';
    if (code && (UNAVAILABLE_CODES.has(code) || UNAVAILABLE_SQLSTATES.has(code))) {
      return 'unavailable';
    }
    // SQLSTATE class 08: connection exception.
    if (code?.length === 5 && code.startsWith('08')) return 'unavailable';
    // `cause`: standard wrapping (Drizzle's query error); `err`: how Auth.js wraps an error.
    pending.push((current as { cause?: unknown }).cause, (current as { err?: unknown }).err);
    const inner = (current as { errors?: unknown }).errors;
    if (Array.isArray(inner)) pending.push(...inner);
  }
  return null;
}
