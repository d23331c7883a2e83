import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
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
const globalForDb = globalThis as unknown as { factdeskDb?: Database };

/** The application's database, from DATABASE_URL, opened on first use (never at import time). */
export function getDb(): Database {
  if (!globalForDb.factdeskDb) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error('DATABASE_URL is not set: start Factdesk with `npm start`.');
    globalForDb.factdeskDb = createDatabase(url);
  }
  return globalForDb.factdeskDb;
}
