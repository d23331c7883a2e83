import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { type DatabaseTrouble, databaseTrouble } from './errors';
import * as schema from './schema';

export type Database = ReturnType<typeof createDatabase>;

/** The handle a `getDb().transaction(...)` callback receives. */
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

export function createDatabase(url: string, options: { max?: number } = {}) {
  const client = postgres(url, {
    max: options.max ?? 10,
    onnotice: () => {},
    connection: { application_name: 'factdesk' },
  });
  return drizzle(client, { schema });
}

// One pool per process; kept on globalThis so that dev reloads do not open new pools.
const globalForDb = globalThis as unknown as {
  factdeskDb?: Database;
  factdeskPoolReplacedAt?: number;
  factdeskPoolsClosing?: Set<Promise<void>>;
};

/** The application's database, from DATABASE_URL, opened on first use (never at import time). */
export function getDb(): Database {
  if (!globalForDb.factdeskDb) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error('DATABASE_URL is not set: start Factdesk with `npm start`.');
    globalForDb.factdeskDb = createDatabase(url);
  }
  return globalForDb.factdeskDb;
}

const POOL_REPLACEMENT_INTERVAL_MS = 1_000;

/**
 * Called by the boundaries with an error they could not handle: says whether the database
 * itself is the cause. A refused write ("read-only") also replaces the pool: a connection keeps
 * the read-only setting it started with (`ALTER DATABASE … SET default_transaction_read_only`,
 * a standby), so without this the pool would stay read-only after the database is writable
 * again. New connections take the current setting. At most once a second; requests already
 * running on the old pool finish on it.
 */
export function noteDatabaseError(error: unknown): DatabaseTrouble | null {
  const trouble = databaseTrouble(error);
  const now = Date.now();
  if (
    trouble === 'read-only' &&
    globalForDb.factdeskDb &&
    now - (globalForDb.factdeskPoolReplacedAt ?? 0) >= POOL_REPLACEMENT_INTERVAL_MS
  ) {
    globalForDb.factdeskPoolReplacedAt = now;
    const old = globalForDb.factdeskDb;
    globalForDb.factdeskDb = undefined;
    const closing = old.$client.end({ timeout: 10 }).catch(() => {});
    globalForDb.factdeskPoolsClosing ??= new Set();
    const pools = globalForDb.factdeskPoolsClosing;
    pools.add(closing);
    void closing.finally(() => pools.delete(closing));
  }
  return trouble;
}

/** Closes this process's pool (and any being replaced): for scripts and tests that end. */
export async function closeDb(): Promise<void> {
  const current = globalForDb.factdeskDb;
  globalForDb.factdeskDb = undefined;
  await Promise.all([
    current?.$client.end({ timeout: 5 }),
    ...(globalForDb.factdeskPoolsClosing ?? []),
  ]);
}
