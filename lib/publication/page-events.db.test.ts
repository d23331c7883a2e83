import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { EVERYTHING, PUBLIC_CHANGES_CHANNEL, parsePublicChange } from './page-cache';
import { announcePublicChange } from './page-events';

describe('announcePublicChange', () => {
  it('reaches the public cache of every other instance through Postgres NOTIFY, on commit only', async () => {
    // Another instance: its own connection, listening as scripts/server.ts does.
    const otherInstance = postgres(process.env.DATABASE_URL ?? '', { max: 1, onnotice: () => {} });
    const received: string[] = [];
    let bothArrived = () => {};
    const twoEvents = new Promise<void>((resolve) => {
      bothArrived = resolve;
    });
    // listen() resolves once the LISTEN is in place.
    await otherInstance.listen(PUBLIC_CHANGES_CHANNEL, (payload) => {
      received.push(payload);
      if (received.length === 2) bothArrived();
    });
    // Delivered on commit only: a transaction that rolls back announces nothing.
    await getDb()
      .transaction(async (tx) => {
        await announcePublicChange(tx, { slug: 'rolled-back', lists: false });
        throw new Error('roll back');
      })
      .catch(() => {});
    await getDb().transaction((tx) =>
      announcePublicChange(tx, { slug: 'is-it-true', lists: true }),
    );
    await getDb().transaction((tx) => announcePublicChange(tx, EVERYTHING));
    await twoEvents;
    expect(received.map(parsePublicChange)).toEqual([
      { slug: 'is-it-true', lists: true },
      EVERYTHING,
    ]);
    await otherInstance.end({ timeout: 2 });
  });
});
