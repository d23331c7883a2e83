import { describe, expect, it } from 'vitest';
import { verifyPassword } from '@/lib/auth/password';
import { getDb } from './client';
import { users } from './schema';
import { seedDemoAccounts } from './seed';

describe('seedDemoAccounts', () => {
  it('creates one person of each role on a fresh database, once', async () => {
    const seeded = await seedDemoAccounts();
    expect(seeded.map((a) => a.role).sort()).toEqual(['admin', 'editor', 'reviewer']);
    const stored = await getDb().select().from(users);
    expect(stored).toHaveLength(3);
    for (const account of seeded) {
      const row = stored.find((u) => u.email === account.email)!;
      expect(await verifyPassword(row.passwordHash, account.password)).toBe(true);
    }
    expect(await seedDemoAccounts()).toEqual([]);
    expect(await getDb().select().from(users)).toHaveLength(3);
  });
});
