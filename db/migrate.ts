import path from 'node:path';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { installJobTables } from './job-tables';
import { projectRoot } from './local-data';
import * as schema from './schema';

// Any fixed number: it names Factdesk's lock among the advisory locks of the database.
const MIGRATION_LOCK_ID = 4_242_001;

export const migrationsFolder = path.join(projectRoot, 'db', 'migrations');

/**
 * Applies the committed migrations and installs the job queues (db/job-tables.ts), then runs `afterMigrate` (e.g. the first-start seed), all
 * under one advisory lock so that concurrent starts neither race nor seed twice.
 */
export async function migrateDatabase<T>(
  url: string,
  afterMigrate?: () => Promise<T>,
): Promise<T | undefined> {
  // One connection: a session-level advisory lock belongs to the connection that took it.
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await client`select pg_advisory_lock(${MIGRATION_LOCK_ID})`;
    await migrate(drizzle(client, { schema }), { migrationsFolder });
    await installJobTables(client);
    return afterMigrate ? await afterMigrate() : undefined;
  } finally {
    await client`select pg_advisory_unlock(${MIGRATION_LOCK_ID})`.catch(() => {});
    await client.end();
  }
}
