import { asc } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { auditLog, briefs, briefVersions, users } from '@/db/schema';
import { calendarDate } from '@/lib/content/dates';
import { getPublicBrief, listPublicBriefs } from '@/lib/publication/queries';
import { verifyPassword } from '@/lib/users/password';
import { seedDemo } from './seed';

describe('seedDemo', () => {
  it('creates one person of each role and the demo briefs on a fresh database, once', async () => {
    const seeded = await seedDemo('UTC');
    expect(seeded.map((a) => a.role).sort()).toEqual(['admin', 'editor', 'reviewer']);
    const stored = await getDb().select().from(users);
    expect(stored).toHaveLength(3);
    for (const account of seeded) {
      const row = stored.find((u) => u.email === account.email)!;
      expect(await verifyPassword(row.passwordHash, account.password)).toBe(true);
    }

    const demo = await getDb().select().from(briefs).orderBy(asc(briefs.createdAt));
    expect(demo.map((b) => [b.state, b.published])).toEqual([
      ['approved', true],
      ['in_review', false],
      ['draft', false],
    ]);
    const { items } = await listPublicBriefs();
    expect(items.map((item) => item.question)).toEqual([
      "How has NATO expansion influenced Russia's decision to invade Ukraine?",
    ]);
    const page = await getPublicBrief(items[0]!.slug);
    if (page.status !== 'published') throw new Error(page.status);
    expect(page.brief.checkedOn).toBe(calendarDate(new Date(), 'UTC'));
    expect(page.brief.document.sources).toHaveLength(12);
    expect(page.brief.document.relatedQuestions).toHaveLength(5);
    expect(JSON.stringify(page.brief.document.summary)).toContain('fear and policy (see ');
    expect(JSON.stringify(page.brief.document.summary)).not.toContain('p1_s8');
    // Every brief went through the importer: its first version is an import, and it is audited.
    const versions = await getDb().select().from(briefVersions);
    expect(versions.filter((v) => v.number === 1).map((v) => v.kind)).toEqual([
      'import',
      'import',
      'import',
    ]);
    const actions = (await getDb().select().from(auditLog)).map((entry) => entry.action);
    expect(actions.sort()).toEqual([
      'approve',
      'import',
      'import',
      'import',
      'publish',
      'submit',
      'submit',
    ]);

    expect(await seedDemo('UTC')).toEqual([]);
    expect(await getDb().select().from(users)).toHaveLength(3);
    expect(await getDb().select().from(briefs)).toHaveLength(3);
  });
});
