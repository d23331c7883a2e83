import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { briefs, briefVersions } from '@/db/schema';
import { createBrief, saveBrief } from '@/lib/briefs/mutations';
import { getBriefForEditing } from '@/lib/briefs/queries';
import { emptyBriefDocument } from '@/lib/content/document';
import { InvalidError } from '@/lib/errors';
import { createTestPerson } from '@/lib/users/test-people';
import { afterCommit, transaction } from './transaction';

const briefExists = async (id: string) =>
  (await getDb().select({ id: briefs.id }).from(briefs).where(eq(briefs.id, id))).length === 1;

const versionsOf = async (id: string) =>
  (await getDb().select().from(briefVersions).where(eq(briefVersions.briefId, id))).length;

describe('composing lib operations in one transaction', () => {
  it('commits both operations together', async () => {
    const editor = await createTestPerson('editor');
    const id = await transaction(async () => {
      const created = await createBrief(editor);
      // The second operation sees the first one's uncommitted brief: same transaction.
      await saveBrief(editor, created.id, {
        baseRevision: 1,
        kind: 'save',
        document: { ...emptyBriefDocument(), question: 'Composed?' },
      });
      return created.id;
    });
    expect(await versionsOf(id)).toBe(2);
    expect((await getBriefForEditing(editor, id)).document.question).toBe('Composed?');
  });

  it('rolls back both when anything after them fails', async () => {
    const editor = await createTestPerson('editor');
    let id = '';
    await expect(
      transaction(async () => {
        id = (await createBrief(editor)).id;
        await saveBrief(editor, id, {
          baseRevision: 1,
          kind: 'save',
          document: { ...emptyBriefDocument(), question: 'Never stored?' },
        });
        throw new InvalidError('Something later went wrong.');
      }),
    ).rejects.toThrow('Something later went wrong.');
    expect(id).not.toBe('');
    expect(await briefExists(id)).toBe(false);
    expect(await versionsOf(id)).toBe(0);
  });

  it('rolls back only the operation that failed when the caller catches it (a savepoint)', async () => {
    const editor = await createTestPerson('editor');
    const id = await transaction(async () => {
      const created = await createBrief(editor);
      // A stale base revision: refused inside, the brief created before it stays.
      await saveBrief(editor, created.id, {
        baseRevision: 1,
        kind: 'save',
        document: { ...emptyBriefDocument(), question: 'First?' },
      });
      await expect(
        saveBrief(editor, created.id, {
          baseRevision: 1,
          kind: 'save',
          document: { ...emptyBriefDocument(), question: 'Second, on a stale base?' },
        }),
      ).rejects.toThrow(/saved version 2 in the meantime/);
      return created.id;
    });
    expect(await versionsOf(id)).toBe(2);
    expect((await getBriefForEditing(editor, id)).document.question).toBe('First?');
  });

  it('leaves operations called outside any transaction on their own', async () => {
    const editor = await createTestPerson('editor');
    const { id } = await createBrief(editor);
    await expect(
      transaction(async () => {
        await saveBrief(editor, id, {
          baseRevision: 1,
          kind: 'save',
          document: { ...emptyBriefDocument(), question: 'Rolled back?' },
        });
        throw new Error('undo the save only');
      }),
    ).rejects.toThrow('undo the save only');
    expect(await versionsOf(id)).toBe(1);
  });

  it('runs what waits for the commit once the outermost transaction commits, not for a part rolled back', async () => {
    const ran: string[] = [];
    await transaction(async () => {
      await transaction(async () => {
        await afterCommit(() => void ran.push('inner'));
      });
      await transaction(async () => {
        await afterCommit(() => void ran.push('rolled back'));
        throw new InvalidError('no');
      }).catch(() => {});
      await afterCommit(() => void ran.push('outer'));
      // Nothing yet: the outer transaction has not committed.
      expect(ran).toEqual([]);
    });
    expect(ran).toEqual(['inner', 'outer']);
    await expect(
      transaction(async () => {
        await afterCommit(() => void ran.push('never'));
        throw new InvalidError('no');
      }),
    ).rejects.toThrow(InvalidError);
    expect(ran).toEqual(['inner', 'outer']);
    await afterCommit(() => void ran.push('at once'));
    expect(ran).toEqual(['inner', 'outer', 'at once']);
  });

  it('waits for what waits for the commit before the transaction returns', async () => {
    const ran: string[] = [];
    await transaction(async () => {
      await afterCommit(async () => {
        await new Promise((resolve) => setTimeout(resolve, 20));
        ran.push('purged');
      });
    });
    expect(ran).toEqual(['purged']);
  });
});
