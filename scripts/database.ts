import { type EmbeddedPostgres, startEmbeddedPostgres } from '@/db/embedded';

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
