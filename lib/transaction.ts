import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';
import { type Database, getDb, getPublicDb, replicaFailed, type Transaction } from '@/db/client';
import { log } from '@/lib/log';

/** What lib's queries run on: the pool, or the transaction of the current call. */
export type Executor = Database | Transaction;

interface TransactionScope {
  tx: Transaction;
  /** Run once the outermost transaction has committed (dropped if this part rolls back). */
  afterCommit: AfterCommit[];
}

/** Never throws: the work it follows is committed, whatever happens to it. */
type AfterCommit = () => void | Promise<void>;

const currentScope = new AsyncLocalStorage<TransactionScope>();
/** The handle of the public read running now (see `readPublic`). */
const publicReadScope = new AsyncLocalStorage<Database>();

/**
 * Where lib's queries go: the transaction this call runs in (opened by `transaction` further
 * up, perhaps by an action composing several lib operations), else the pool. A lib operation
 * called inside a transaction therefore never takes a second connection, which could wait
 * forever on a row the first one holds.
 */
export function db(): Executor {
  return currentScope.getStore()?.tx ?? publicReadScope.getStore() ?? getDb();
}

/**
 * Runs a read of the public site, and every lib query called from it, on the read replica
 * (FACTDESK_READ_DATABASE_URL) when there is one that answers; a read the replica fails (it
 * stopped) is run again on the primary. Newsroom reads never come here: they read the primary,
 * and so does a public read inside a transaction.
 */
export async function readPublic<T>(read: () => Promise<T>): Promise<T> {
  if (currentScope.getStore() || publicReadScope.getStore()) return read();
  try {
    return await publicReadScope.run(getPublicDb(), read);
  } catch (error) {
    if (!replicaFailed(error)) throw error;
    return publicReadScope.run(getDb(), read);
  }
}

/**
 * Runs `work` in a transaction, and every lib operation called from it in that same
 * transaction: all of it commits, or none. Inside another transaction it is a savepoint: a
 * failure rolls back this part only, and the caller may catch it and go on. This is how an
 * action composes lib operations (`transaction(async () => { await a(actor); await b(actor); })`).
 * The operations inside one transaction run one after another (awaited), never side by side:
 * they share one connection, and a savepoint rolled back would undo the other's statements.
 */
export async function transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
  const outer = currentScope.getStore();
  const afterCommit: AfterCommit[] = [];
  const result = await (outer?.tx ?? getDb()).transaction((tx) =>
    currentScope.run({ tx, afterCommit }, () => work(tx)),
  );
  if (outer) outer.afterCommit.push(...afterCommit);
  else for (const callback of afterCommit) await runAfterCommit(callback);
  return result;
}

/**
 * Runs `callback` once the current transaction is committed, all of it (at once outside of
 * one): what must not be seen before the data is, such as emptying this process's page cache.
 */
export async function afterCommit(callback: AfterCommit): Promise<void> {
  const scope = currentScope.getStore();
  if (scope) scope.afterCommit.push(callback);
  else await runAfterCommit(callback);
}

/** The work is committed: what follows it may fail, never the work itself, nor what follows. */
async function runAfterCommit(callback: AfterCommit): Promise<void> {
  try {
    await callback();
  } catch (error) {
    log.error({ err: error }, 'work after a commit failed');
  }
}
