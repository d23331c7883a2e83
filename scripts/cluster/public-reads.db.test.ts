import { afterAll, afterEach, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { closeDb, replicaCaughtUp } from '@/db/client';
import { freePort } from '@/db/embedded';
import type { Actor } from '@/lib/policy/policy';
import { getSitePage, listSitePageVersions, saveSitePage } from '@/lib/settings/pages';
import { readPublic, transaction } from '@/lib/transaction';
import { createTestPerson } from '@/lib/users/test-people';
import { createDatabase, dropDatabase, uniqueDatabaseName } from '../test-database';

/**
 * Public reads and FACTDESK_READ_DATABASE_URL, on real databases: the "replica" is a second copy
 * of the migrated template, which answers but holds none of this file's writes, so that where a
 * read went shows in what it finds.
 */
const serverUrl = inject('testServerUrl');
const replicaName = uniqueDatabaseName('factdesk_replica');
let replicaUrl = '';
const text = (words: string) => ({
  type: 'doc',
  content: [{ type: 'paragraph', content: [{ type: 'text', text: words }] }],
});

let admin: Actor;

beforeAll(async () => {
  replicaUrl = await createDatabase(serverUrl, replicaName, inject('templateDatabase'));
  admin = await createTestPerson('admin');
  await saveSitePage(admin, 'methodology', {
    basedOn: 0,
    content: text('Written on the primary.'),
  });
});

afterEach(async () => {
  vi.restoreAllMocks();
  delete process.env.FACTDESK_READ_DATABASE_URL;
  // The replica is chosen when first used: a new setting takes a new pool.
  await closeDb();
});

afterAll(async () => {
  await dropDatabase(serverUrl, replicaName);
});

describe('public reads with a read replica', () => {
  it('go to the replica; the newsroom and transactions read the primary', async () => {
    process.env.FACTDESK_READ_DATABASE_URL = replicaUrl;
    expect(await getSitePage('methodology')).toBeNull();
    expect(await readPublic(() => getSitePage('methodology'))).toBeNull();
    expect((await listSitePageVersions(admin, 'methodology')).map((v) => v.number)).toEqual([1]);
    const inTransaction = await transaction(() => getSitePage('methodology'));
    expect(inTransaction?.content).toEqual(text('Written on the primary.'));
  });

  it('go to the primary without a replica', async () => {
    expect((await readPublic(() => getSitePage('methodology')))?.number).toBe(1);
  });

  it('go to the primary when the replica does not answer, with one warning, and again after', async () => {
    process.env.FACTDESK_READ_DATABASE_URL = `postgres://nobody@127.0.0.1:${await freePort()}/none`;
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    for (let i = 0; i < 3; i++) {
      expect((await readPublic(() => getSitePage('methodology')))?.number).toBe(1);
    }
    expect(warn.mock.calls.map(([message]) => String(message))).toEqual([
      '[factdesk] the read replica does not answer: public reads go to the primary until it is back.',
    ]);
  });

  it('wait for a replica to replay what the primary committed, and set a silent one aside in time', async () => {
    process.env.FACTDESK_READ_DATABASE_URL = replicaUrl;
    // A database that is not a standby has nothing to replay: caught up at once.
    let started = Date.now();
    await replicaCaughtUp();
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(await readPublic(() => getSitePage('methodology'))).toBeNull();

    await closeDb();
    process.env.FACTDESK_READ_DATABASE_URL = `postgres://nobody@127.0.0.1:${await freePort()}/none`;
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    started = Date.now();
    await replicaCaughtUp(300);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(String(warn.mock.calls[0]?.[0])).toContain(
      'the read replica is more than 300 ms behind',
    );
    // Set aside: public reads are on the primary.
    expect((await readPublic(() => getSitePage('methodology')))?.number).toBe(1);
  });
});
