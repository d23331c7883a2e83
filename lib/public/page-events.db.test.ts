import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { EVERY_PAGE, PUBLIC_PAGES_CHANNEL } from './page-cache';
import { announcePublicPageChange } from './page-events';

describe('announcePublicPageChange', () => {
  it('reaches the page cache of every other instance through Postgres NOTIFY', async () => {
    // Another instance: its own connection, listening as scripts/server.ts does.
    const otherInstance = postgres(process.env.DATABASE_URL ?? '', { max: 1, onnotice: () => {} });
    const received: string[] = [];
    let bothArrived = () => {};
    const twoEvents = new Promise<void>((resolve) => {
      bothArrived = resolve;
    });
    // listen() resolves once the LISTEN is in place.
    await otherInstance.listen(PUBLIC_PAGES_CHANNEL, (payload) => {
      received.push(payload);
      if (received.length === 2) bothArrived();
    });
    await announcePublicPageChange('is-it-true');
    await announcePublicPageChange(null);
    await twoEvents;
    expect(received).toEqual(['is-it-true', EVERY_PAGE]);
    await otherInstance.end({ timeout: 2 });
  });
});
