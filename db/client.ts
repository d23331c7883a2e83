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
  factdeskWritableCheckedAt?: number;
  factdeskWritableCheck?: Promise<void>;
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

const WRITABLE_CHECK_INTERVAL_MS = 1_000;

/**
 * Called by the boundaries with an error they could not handle: says whether the database
 * itself is the cause. A refused write ("read-only") also checks, on a connection of its own,
 * whether the database is writable again: a pooled connection keeps the read-only setting it
 * started with (`ALTER DATABASE … SET default_transaction_read_only`, a standby), so once the
 * database is writable the pool is replaced; while it is still read-only nothing changes. At
 * most one check a second; work running on the old pool has a minute to finish on it.
 */
export function noteDatabaseError(error: unknown): DatabaseTrouble | null {
  const trouble = databaseTrouble(error);
  const url = process.env.DATABASE_URL;
  const now = Date.now();
  if (
    trouble === 'read-only' &&
    url &&
    !globalForDb.factdeskWritableCheck &&
    now - (globalForDb.factdeskWritableCheckedAt ?? 0) >= WRITABLE_CHECK_INTERVAL_MS
  ) {
    globalForDb.factdeskWritableCheckedAt = now;
    globalForDb.factdeskWritableCheck = replacePoolIfWritable(url).finally(() => {
      globalForDb.factdeskWritableCheck = undefined;
    });
  }
  return trouble;
}

/** The check started by the last refused write, if one is running. */
export function databaseCheckSettled(): Promise<void> {
  return globalForDb.factdeskWritableCheck ?? Promise.resolve();
}

async function replacePoolIfWritable(url: string): Promise<void> {
  const probe = postgres(url, { max: 1, connect_timeout: 5, onnotice: () => {} });
  try {
    const [row] = await probe<{ readOnly: string }[]>`
      select current_setting('transaction_read_only') as "readOnly"`;
    const old = globalForDb.factdeskDb;
    if (row?.readOnly !== 'off' || !old) return;
    globalForDb.factdeskDb = undefined;
    const closing = old.$client.end({ timeout: 60 }).catch(() => {});
    globalForDb.factdeskPoolsClosing ??= new Set();
    const pools = globalForDb.factdeskPoolsClosing;
    pools.add(closing);
    void closing.finally(() => pools.delete(closing));
  } catch {
    // The database cannot be reached: nothing to replace now; a later refusal checks again.
  } finally {
    await probe.end({ timeout: 1 }).catch(() => {});
  }
}

/** Closes this process's pool (and any being replaced): for scripts and tests that end. */
export async function closeDb(): Promise<void> {
  await databaseCheckSettled();
  const current = globalForDb.factdeskDb;
  globalForDb.factdeskDb = undefined;
  await Promise.all([
    current?.$client.end({ timeout: 5 }),
    ...(globalForDb.factdeskPoolsClosing ?? []),
  ]);
}
