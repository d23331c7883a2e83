import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';
import { type Database, getDb, type Transaction } from '@/db/client';

/** What lib's queries run on: the pool, or the transaction of the current call. */
export type Executor = Database | Transaction;

interface TransactionScope {
  tx: Transaction;
  /** Run once the outermost transaction has committed (dropped if this part rolls back). */
  afterCommit: (() => void)[];
}

const currentScope = new AsyncLocalStorage<TransactionScope>();

/**
 * Where lib's queries go: the transaction this call runs in (opened by `transaction` further
 * up, perhaps by an action composing several lib operations), else the pool. A lib operation
 * called inside a transaction therefore never takes a second connection, which could wait
 * forever on a row the first one holds.
 */
export function db(): Executor {
  return currentScope.getStore()?.tx ?? getDb();
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
  const afterCommit: (() => void)[] = [];
  const result = await (outer?.tx ?? getDb()).transaction((tx) =>
    currentScope.run({ tx, afterCommit }, () => work(tx)),
  );
  if (outer) outer.afterCommit.push(...afterCommit);
  else for (const callback of afterCommit) callback();
  return result;
}

/**
 * Runs `callback` once the current transaction is committed, all of it (at once outside of
 * one): what must not be seen before the data is, such as emptying this process's page cache.
 */
export function afterCommit(callback: () => void): void {
  const scope = currentScope.getStore();
  if (scope) scope.afterCommit.push(callback);
  else callback();
}
