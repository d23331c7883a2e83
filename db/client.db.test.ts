import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { closeDb, databaseCheckSettled, getDb, noteDatabaseError } from './client';

const url = process.env.DATABASE_URL ?? '';
const databaseName = new URL(url).pathname.slice(1);
const admin = postgres(url, { max: 1, onnotice: () => {} });

afterAll(async () => {
  await admin.unsafe(`alter database "${databaseName}" reset default_transaction_read_only`);
  await admin.end();
});

/** A write through the application's pool; returns the error, if any, as a boundary sees it. */
async function write(): Promise<unknown> {
  try {
    await getDb().execute(sql`insert into pool_probe values (1)`);
    return null;
  } catch (error) {
    return error;
  }
}

describe('the connection pool after the database was read-only', () => {
  it('stays while the database is read-only, and is replaced once it is writable again', async () => {
    await getDb().execute(sql`create table pool_probe (x int)`);
    await admin.unsafe(`alter database "${databaseName}" set default_transaction_read_only = on`);
    // Connections opened now start read-only (as after a restart or a failover to a standby).
    await closeDb();
    const pool = getDb();
    expect(noteDatabaseError(await write())).toBe('read-only');
    await databaseCheckSettled();
    expect(getDb()).toBe(pool);

    await admin.unsafe(`alter database "${databaseName}" reset default_transaction_read_only`);
    // The pooled connection still refuses; that refusal (checks run at most once a second)
    // finds the database writable.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(noteDatabaseError(await write())).toBe('read-only');
    await databaseCheckSettled();
    expect(getDb()).not.toBe(pool);
    expect(await write()).toBeNull();
  });
});
