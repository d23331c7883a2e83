import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { briefPresence } from '@/db/schema';
import { createTestPerson } from '@/lib/users/test-people';
import { createBrief, touchPresence } from './mutations';

describe('presence leases', () => {
  it('expired leases are deleted, on any brief; live ones stay', async () => {
    const alice = await createTestPerson('editor');
    const bob = await createTestPerson('reviewer');
    const { id: open } = await createBrief(alice);
    const { id: abandoned } = await createBrief(alice);
    await touchPresence(bob, open);
    await touchPresence(bob, abandoned);
    await getDb()
      .update(briefPresence)
      .set({ expiresAt: new Date(Date.now() - 60_000) })
      .where(and(eq(briefPresence.briefId, abandoned), eq(briefPresence.userId, bob.id)));

    expect(await touchPresence(alice, open)).toEqual([{ name: bob.name }]);
    const rows = await getDb().select().from(briefPresence);
    expect(rows.map((row) => [row.briefId, row.userId]).sort()).toEqual(
      [
        [open, bob.id],
        [open, alice.id],
      ].sort(),
    );
  });
});
