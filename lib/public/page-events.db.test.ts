import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { EVERYTHING, PUBLIC_CHANGES_CHANNEL, parsePublicChange } from './page-cache';
import { announcePublicChange } from './page-events';

describe('announcePublicChange', () => {
  it('reaches the public cache of every other instance through Postgres NOTIFY', async () => {
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
    await announcePublicChange({ slug: 'is-it-true', lists: true });
    await announcePublicChange(EVERYTHING);
    await twoEvents;
    expect(received.map(parsePublicChange)).toEqual([
      { slug: 'is-it-true', lists: true },
      EVERYTHING,
    ]);
    await otherInstance.end({ timeout: 2 });
  });
});
