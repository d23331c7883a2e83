import { afterAll, inject } from 'vitest';
import { closeDb } from './db/client';
import { createDatabase, dropDatabase, uniqueDatabaseName } from './scripts/test-database';

// Each test file gets a fresh database, copied from the migrated template.
const serverUrl = inject('testServerUrl');
const name = uniqueDatabaseName('factdesk_test');
process.env.DATABASE_URL = await createDatabase(serverUrl, name, inject('templateDatabase'));

afterAll(async () => {
  await closeDb();
  await dropDatabase(serverUrl, name);
});
