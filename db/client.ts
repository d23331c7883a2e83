import { AsyncLocalStorage } from 'node:async_hooks';
import { withReplicas } from 'drizzle-orm/pg-core';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { type DatabaseTrouble, databaseTrouble } from './errors';
import * as schema from './schema';

export type Database = ReturnType<typeof createDatabase>;

/** The handle a `getDb().transaction(...)` callback receives. */
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

export function createDatabase(
  url: string,
  options: { max?: number; connectTimeout?: number } = {},
) {
  const client = postgres(url, {
    max: options.max ?? 10,
    ...(options.connectTimeout === undefined ? {} : { connect_timeout: options.connectTimeout }),
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
  factdeskPublicDb?: Database;
  factdeskReplica?: ReplicaState;
  factdeskPrimaryReads?: AsyncLocalStorage<true>;
};

// One scope for the server's module graph and Next.js's, like the pools.
globalForDb.factdeskPrimaryReads ??= new AsyncLocalStorage<true>();
const primaryReads = globalForDb.factdeskPrimaryReads;

/**
 * Runs `work` with every public read on the primary: the production server answers a shared
 * cache's refresh this way, so that the copy it keeps never comes from a replica that has not
 * yet replayed the publication being purged.
 */
export function readingFromPrimary<T>(work: () => T): T {
  return primaryReads.run(true, work);
}

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
    globalForDb.factdeskPublicDb = undefined;
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
  const replica = globalForDb.factdeskReplica;
  globalForDb.factdeskDb = undefined;
  globalForDb.factdeskReplica = undefined;
  globalForDb.factdeskPublicDb = undefined;
  await Promise.all([
    current?.$client.end({ timeout: 5 }),
    replica?.db.$client.end({ timeout: 5 }),
    ...(globalForDb.factdeskPoolsClosing ?? []),
  ]);
}

/**
 * The read replica (FACTDESK_READ_DATABASE_URL) as the public site sees it. It is set aside,
 * with one warning, when it does not answer or falls behind a publication, and taken back once
 * it answers and has replayed all the primary had then: a public page is never rendered from a
 * replica that has not yet replayed a publication whose purge was sent.
 */
interface ReplicaState {
  db: Database;
  /** Why public reads go to the primary now; null while the replica serves them. */
  setAside: string | null;
  probing: Promise<void> | null;
}

const REPLICA_PROBE_INTERVAL_MS = 500;
const warn = (message: string) => console.warn(`[factdesk] ${message}`);

function replicaState(): ReplicaState | null {
  const url = process.env.FACTDESK_READ_DATABASE_URL;
  if (!url) return null;
  globalForDb.factdeskReplica ??= {
    db: createDatabase(url, { connectTimeout: 2 }),
    setAside: null,
    probing: null,
  };
  return globalForDb.factdeskReplica;
}

/**
 * The handle of the public site's reads (Drizzle's replica support): selects go to the replica
 * while it serves them, to the primary otherwise; anything else (a write, raw SQL) always goes
 * to the primary. Without FACTDESK_READ_DATABASE_URL it is the primary itself.
 */
export function getPublicDb(): Database {
  const replica = replicaState();
  if (!replica) return getDb();
  globalForDb.factdeskPublicDb ??= withReplicas(
    getDb(),
    [replica.db, getDb()],
    ([toReplica, toPrimary]) =>
      replica.setAside === null && !primaryReads.getStore() ? toReplica! : toPrimary!,
  );
  return globalForDb.factdeskPublicDb;
}

/** Whether a public read that failed with `error` should be tried again on the primary. */
export function replicaFailed(error: unknown): boolean {
  const replica = replicaState();
  // Even when set aside meanwhile: reads that were running on it fail together.
  if (!replica || databaseTrouble(error) !== 'unavailable') return false;
  setReplicaAside(replica, 'the read replica does not answer');
  return true;
}

function setReplicaAside(replica: ReplicaState, reason: string): void {
  if (replica.setAside === null) {
    warn(`${reason}: public reads go to the primary until it is back.`);
  }
  replica.setAside = reason;
  replica.probing ??= probeReplica(replica).finally(() => {
    replica.probing = null;
  });
}

/**
 * Asks the replica every half second until it answers and has replayed what the primary had
 * committed when asked, then takes it back.
 */
async function probeReplica(replica: ReplicaState): Promise<void> {
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, REPLICA_PROBE_INTERVAL_MS).unref());
    if (globalForDb.factdeskReplica !== replica) return;
    const position = await primaryPosition();
    if (position && (await replayed(replica.db, position))) break;
  }
  replica.setAside = null;
  warn('the read replica answers and has caught up: public reads go to it again.');
}

/** The primary's WAL position now: everything committed so far is before it. */
async function primaryPosition(): Promise<string | undefined> {
  try {
    const [row] = await getDb().$client<{ position: string }[]>`
      select pg_current_wal_lsn()::text as position`;
    return row?.position;
  } catch {
    return undefined;
  }
}

async function replayed(replica: Database, position: string): Promise<boolean> {
  try {
    const [row] = await replica.$client<{ caughtUp: boolean | null }[]>`
      select pg_last_wal_replay_lsn() >= ${position}::pg_lsn as "caughtUp"`;
    // A primary given as the replica (no replay position): always caught up.
    return row?.caughtUp !== false;
  } catch {
    return false;
  }
}

const CATCH_UP_POLL_MS = 5;

/**
 * Waits until the replica has replayed everything committed on the primary so far, so that what
 * was just published is what a public read sees; a replica that does not catch up within
 * `withinMs` is set aside until it has. Resolves at once without a replica (or one set aside).
 */
export async function replicaCaughtUp(withinMs = 2_000): Promise<void> {
  const replica = replicaState();
  if (!replica || replica.setAside !== null) return;
  const position = await primaryPosition();
  if (!position) return;
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    // Bounded by the deadline: a replica that is down may take seconds to refuse.
    let timer: NodeJS.Timeout | undefined;
    const timeLeft = new Promise<false>((resolve) => {
      timer = setTimeout(resolve, Math.max(0, deadline - Date.now()), false);
    });
    const caughtUp = await Promise.race([replayed(replica.db, position), timeLeft]);
    clearTimeout(timer);
    if (caughtUp) return;
    await new Promise((resolve) => setTimeout(resolve, CATCH_UP_POLL_MS));
  }
  setReplicaAside(replica, `the read replica is more than ${withinMs} ms behind`);
}
