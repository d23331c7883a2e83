import { closeDb } from '@/db/client';
import { type EmbeddedPostgres, startEmbeddedPostgres } from '@/db/embedded';
import { migrateDatabase } from '@/db/migrate';
import { parseConfig } from '@/lib/config';
import { DomainError } from '@/lib/errors';

/**
 * The database Factdesk runs on: DATABASE_URL when set, otherwise the embedded Postgres under
 * `.data/`. `reuseRunning` lets a command share the server of a running `npm start`.
 */
export async function openDatabase(
  databaseUrl: string | undefined,
  options: { reuseRunning?: boolean; log?: (message: string) => void } = {},
): Promise<EmbeddedPostgres> {
  if (databaseUrl) return { url: databaseUrl, stop: async () => {} };
  return startEmbeddedPostgres(options);
}

/**
 * Runs a command-line operation on the migrated database (DATABASE_URL or the embedded one,
 * sharing a running `npm start`), then closes the connections and stops what it started.
 */
export async function withDatabase<T>(run: () => Promise<T>): Promise<T> {
  const config = parseConfig(process.env);
  const database = await openDatabase(config.DATABASE_URL, { reuseRunning: true });
  process.env.DATABASE_URL = database.url;
  try {
    await migrateDatabase(database.url);
    return await run();
  } finally {
    await closeDb();
    await database.stop();
  }
}

/** A mistake in how a command was called: its message is all the person needs to see. */
export class UsageError extends Error {}

/** Runs a command's main function: usage and domain errors exit 2 with their message, others 1. */
export function runCommand(main: () => Promise<void>): void {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(error instanceof UsageError || error instanceof DomainError ? 2 : 1);
  });
}
