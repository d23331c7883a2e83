import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';
import { type Database, getDb, type Transaction } from '@/db/client';

/** What lib's queries run on: the pool, or the transaction of the current call. */
export type Executor = Database | Transaction;

const currentTransaction = new AsyncLocalStorage<Transaction>();

/**
 * Where lib's queries go: the transaction this call runs in (opened by `transaction` further
 * up, perhaps by an action composing several lib operations), else the pool. A lib operation
 * called inside a transaction therefore never takes a second connection, which could wait
 * forever on a row the first one holds.
 */
export function db(): Executor {
  return currentTransaction.getStore() ?? getDb();
}

/**
 * Runs `work` in a transaction, and every lib operation called from it in that same
 * transaction: all of it commits, or none. Inside another transaction it is a savepoint: a
 * failure rolls back this part only, and the caller may catch it and go on. This is how an
 * action composes lib operations (`transaction(async () => { await a(actor); await b(actor); })`).
 */
export function transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
  return db().transaction((tx) => currentTransaction.run(tx, () => work(tx)));
}
