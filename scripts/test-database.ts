import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { migrateDatabase } from '@/db/migrate';
import { openDatabase } from './database';

/**
 * The Postgres server the tests create their databases on: FACTDESK_TEST_DATABASE_URL, else
 * DATABASE_URL, else the embedded one (started here, or shared with a running `npm start`).
 */
export async function openTestServer() {
  const url = process.env.FACTDESK_TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  return openDatabase(url, { reuseRunning: true, log: () => {} });
}

export function uniqueDatabaseName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
}

/** The URL of another database on the same server. */
export function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function onServer<T>(serverUrl: string, run: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    return await run(sql);
  } finally {
    await sql.end();
  }
}

/** Creates an empty database, or a copy of `template`; returns its URL. */
export async function createDatabase(
  serverUrl: string,
  name: string,
  template?: string,
): Promise<string> {
  await onServer(serverUrl, (sql) =>
    sql.unsafe(
      template ? `create database "${name}" template "${template}"` : `create database "${name}"`,
    ),
  );
  return withDatabase(serverUrl, name);
}

export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  await onServer(serverUrl, (sql) => sql.unsafe(`drop database if exists "${name}" with (force)`));
}

/** A migrated database to copy for each test file (copying is much faster than migrating). */
export async function createTemplateDatabase(serverUrl: string): Promise<string> {
  const name = uniqueDatabaseName('factdesk_template');
  await migrateDatabase(await createDatabase(serverUrl, name));
  return name;
}
