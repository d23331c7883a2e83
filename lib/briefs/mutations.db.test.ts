import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { briefVersions } from '@/db/schema';
import { type BriefDocument, emptyBriefDocument } from '@/lib/content/document';
import { ForbiddenError, InvalidError } from '@/lib/errors';
import type { Actor } from '@/lib/policy/policy';
import { createTestPerson } from '@/lib/users/test-people';
import {
  createBrief,
  restoreVersion,
  saveBrief,
  touchPresence,
  VersionConflictError,
} from './mutations';
import { getBriefForEditing, getVersion, listVersions } from './queries';

const person = createTestPerson;

const doc = (question: string): BriefDocument => ({ ...emptyBriefDocument(), question });

async function versionsOf(actor: Actor, briefId: string) {
  return (await listVersions(actor, briefId)).versions;
}

describe('saving a brief', () => {
  it('creates a draft with version 1 and saves new versions on top', async () => {
    const editor = await person();
    const { id } = await createBrief(editor);
    const opened = await getBriefForEditing(editor, id);
    expect(opened.head).toMatchObject({ number: 1, revision: 1, authorName: editor.name });

    const saved = await saveBrief(editor, id, {
      baseRevision: 1,
      kind: 'save',
      document: doc('Is it true?'),
    });
    expect(saved).toMatchObject({ outcome: 'created', head: { number: 2, revision: 2 } });
    expect((await getBriefForEditing(editor, id)).document.question).toBe('Is it true?');
  });

  it('writes nothing when the content did not change', async () => {
    const editor = await person();
    const { id } = await createBrief(editor);
    const saved = await saveBrief(editor, id, {
      baseRevision: 1,
      kind: 'autosave',
      document: emptyBriefDocument(),
    });
    expect(saved).toMatchObject({ outcome: 'unchanged', head: { number: 1, revision: 1 } });
    expect(await versionsOf(editor, id)).toHaveLength(1);
  });

  it('coalesces one person’s consecutive autosaves, but not across people or explicit saves', async () => {
    const editor = await person();
    const other = await person();
    const { id } = await createBrief(editor);
    let head = (
      await saveBrief(editor, id, { baseRevision: 1, kind: 'autosave', document: doc('a') })
    ).head;
    head = (
      await saveBrief(editor, id, {
        baseRevision: head.revision,
        kind: 'autosave',
        document: doc('ab'),
      })
    ).head;
    const third = await saveBrief(editor, id, {
      baseRevision: head.revision,
      kind: 'autosave',
      document: doc('abc'),
    });
    expect(third).toMatchObject({ outcome: 'coalesced', head: { number: 2, revision: 4 } });
    expect((await getVersion(editor, id, 2)).document.question).toBe('abc');

    const byOther = await saveBrief(other, id, {
      baseRevision: 4,
      kind: 'autosave',
      document: doc('abcd'),
    });
    expect(byOther).toMatchObject({ outcome: 'created', head: { number: 3 } });
    const explicit = await saveBrief(other, id, {
      baseRevision: byOther.head.revision,
      kind: 'save',
      document: doc('abcde'),
    });
    expect(explicit).toMatchObject({ outcome: 'created', head: { number: 4, kind: 'save' } });
    expect((await versionsOf(editor, id)).map((v) => v.number)).toEqual([4, 3, 2, 1]);
  });

  it('never coalesces into a frozen (submitted) version or after 10 minutes', async () => {
    const editor = await person();
    const { id } = await createBrief(editor);
    const first = await saveBrief(editor, id, {
      baseRevision: 1,
      kind: 'autosave',
      document: doc('a'),
    });
    await getDb().update(briefVersions).set({ frozen: true }).where(eq(briefVersions.number, 2));
    const afterFreeze = await saveBrief(editor, id, {
      baseRevision: first.head.revision,
      kind: 'autosave',
      document: doc('b'),
    });
    expect(afterFreeze.head.number).toBe(3);
    await getDb()
      .update(briefVersions)
      .set({ createdAt: new Date(Date.now() - 11 * 60_000) })
      .where(eq(briefVersions.number, 3));
    const later = await saveBrief(editor, id, {
      baseRevision: afterFreeze.head.revision,
      kind: 'autosave',
      document: doc('c'),
    });
    expect(later).toMatchObject({ outcome: 'created', head: { number: 4 } });
    expect((await getVersion(editor, id, 2)).document.question).toBe('a');
  });

  it('refuses a save based on an old revision and says who saved what', async () => {
    const alice = await person();
    const bob = await person();
    const { id } = await createBrief(alice);
    await saveBrief(alice, id, {
      baseRevision: 1,
      kind: 'save',
      document: doc('Alice’s question'),
    });
    const stale = saveBrief(bob, id, {
      baseRevision: 1,
      kind: 'save',
      document: doc('Bob’s question'),
    });
    await expect(stale).rejects.toBeInstanceOf(VersionConflictError);
    const error = (await stale.catch((e) => e)) as VersionConflictError;
    expect(error.head).toMatchObject({ number: 2, authorName: alice.name, revision: 2 });
    expect(error.document.question).toBe('Alice’s question');
    expect((await getBriefForEditing(bob, id)).document.question).toBe('Alice’s question');
  });

  it('a stale base with content identical to the head is no conflict', async () => {
    const editor = await person();
    const { id } = await createBrief(editor);
    await saveBrief(editor, id, { baseRevision: 1, kind: 'autosave', document: doc('same text') });
    const again = await saveBrief(editor, id, {
      baseRevision: 1,
      kind: 'autosave',
      document: doc('same text'),
    });
    expect(again).toMatchObject({ outcome: 'unchanged', head: { number: 2, revision: 2 } });
  });

  describe('a save whose answer was lost', () => {
    const key = () => crypto.randomUUID();

    it('is known to the next save under the same editor key', async () => {
      const editor = await person();
      const { id } = await createBrief(editor);
      const tab = key();
      // Stored, but the editor never heard back: it still believes revision 1 is the head.
      await saveBrief(editor, id, {
        baseRevision: 1,
        kind: 'autosave',
        document: doc('a'),
        saveKey: tab,
      });
      const next = { baseRevision: 1, kind: 'autosave' as const, document: doc('ab') };
      await expect(saveBrief(editor, id, next)).rejects.toBeInstanceOf(VersionConflictError);

      const retried = await saveBrief(editor, id, { ...next, saveKey: tab });
      expect(retried).toMatchObject({ outcome: 'coalesced', head: { number: 2, revision: 3 } });
      // Lost again, and again: the key always knows the latest revision it wrote.
      const third = await saveBrief(editor, id, { ...next, document: doc('abc'), saveKey: tab });
      expect(third).toMatchObject({ outcome: 'coalesced', head: { revision: 4 } });
      expect((await getBriefForEditing(editor, id)).document.question).toBe('abc');
    });

    it('a retry of the very same text is done, not a new version', async () => {
      const editor = await person();
      const { id } = await createBrief(editor);
      const tab = key();
      await saveBrief(editor, id, {
        baseRevision: 1,
        kind: 'save',
        document: doc('a'),
        saveKey: tab,
      });
      const retried = await saveBrief(editor, id, {
        baseRevision: 1,
        kind: 'save',
        document: doc('a'),
        saveKey: tab,
      });
      expect(retried).toMatchObject({ outcome: 'unchanged', head: { number: 2, revision: 2 } });
      expect(await versionsOf(editor, id)).toHaveLength(2);
    });

    it('still conflicts with what someone else saved after it', async () => {
      const editor = await person();
      const other = await person();
      const { id } = await createBrief(editor);
      const tab = key();
      await saveBrief(editor, id, {
        baseRevision: 1,
        kind: 'save',
        document: doc('a'),
        saveKey: tab,
      });
      await saveBrief(other, id, { baseRevision: 2, kind: 'save', document: doc('a, by other') });
      const retry = saveBrief(editor, id, {
        baseRevision: 1,
        kind: 'save',
        document: doc('ab'),
        saveKey: tab,
      });
      await expect(retry).rejects.toMatchObject({ head: { authorName: other.name, number: 3 } });
    });

    it('a copy restored on the device names the key it was written under', async () => {
      const editor = await person();
      const { id } = await createBrief(editor);
      const crashedTab = key();
      await saveBrief(editor, id, {
        baseRevision: 1,
        kind: 'save',
        document: doc('a'),
        saveKey: crashedTab,
      });
      const restored = await saveBrief(editor, id, {
        baseRevision: 1,
        kind: 'save',
        document: doc('ab'),
        saveKey: key(),
        earlierKeys: [crashedTab],
      });
      expect(restored).toMatchObject({ outcome: 'created', head: { number: 3 } });
    });

    it('ignores keys of another person or another brief, and never takes them over', async () => {
      const editor = await person();
      const other = await person();
      const { id } = await createBrief(editor);
      const { id: elsewhere } = await createBrief(other);
      const othersKey = key();
      const elsewhereKey = key();
      await saveBrief(other, id, {
        baseRevision: 1,
        kind: 'save',
        document: doc('o'),
        saveKey: othersKey,
      });
      await saveBrief(editor, elsewhere, {
        baseRevision: 1,
        kind: 'save',
        document: doc('e'),
        saveKey: elsewhereKey,
      });
      const retry = (saveKey: string) =>
        saveBrief(editor, id, {
          baseRevision: 1,
          kind: 'save',
          document: doc('mine'),
          saveKey,
          earlierKeys: [othersKey, elsewhereKey],
        });
      await expect(retry(othersKey)).rejects.toBeInstanceOf(VersionConflictError);
      await expect(retry(elsewhereKey)).rejects.toBeInstanceOf(VersionConflictError);
      // A save that names another person's key does not move that key.
      await saveBrief(editor, id, {
        baseRevision: 2,
        kind: 'save',
        document: doc('m'),
        saveKey: othersKey,
      });
      await expect(
        saveBrief(other, id, {
          baseRevision: 2,
          kind: 'save',
          document: doc('o2'),
          saveKey: othersKey,
        }),
      ).rejects.toBeInstanceOf(VersionConflictError);
    });
  });

  it('a coalesced autosave still moves the revision, so it cannot be overwritten silently', async () => {
    const alice = await person();
    const bob = await person();
    const { id } = await createBrief(alice);
    const first = await saveBrief(alice, id, {
      baseRevision: 1,
      kind: 'autosave',
      document: doc('one'),
    });
    await saveBrief(alice, id, {
      baseRevision: first.head.revision,
      kind: 'autosave',
      document: doc('two'),
    });
    await expect(
      saveBrief(bob, id, { baseRevision: first.head.revision, kind: 'save', document: doc('bob') }),
    ).rejects.toBeInstanceOf(VersionConflictError);
  });

  it('two saves on one base: exactly one wins', async () => {
    const alice = await person();
    const bob = await person();
    const { id } = await createBrief(alice);
    const results = await Promise.allSettled([
      saveBrief(alice, id, { baseRevision: 1, kind: 'save', document: doc('alice') }),
      saveBrief(bob, id, { baseRevision: 1, kind: 'save', document: doc('bob') }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(VersionConflictError);
    expect(await versionsOf(alice, id)).toHaveLength(2);
  });

  it('50 concurrent savers get strictly increasing numbers with no gaps or duplicates', async () => {
    const people = await Promise.all(Array.from({ length: 5 }, () => person()));
    const { id } = await createBrief(people[0]!);
    const saveUntilAccepted = async (actor: Actor, question: string) => {
      for (;;) {
        const { head } = await getBriefForEditing(actor, id);
        try {
          return await saveBrief(actor, id, {
            baseRevision: head.revision,
            kind: 'save',
            document: doc(question),
          });
        } catch (error) {
          if (!(error instanceof VersionConflictError)) throw error;
        }
      }
    };
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        saveUntilAccepted(people[i % 5]!, `Question number ${i}`),
      ),
    );
    const numbers = (
      await getDb()
        .select({ n: briefVersions.number })
        .from(briefVersions)
        .where(eq(briefVersions.briefId, id))
    )
      .map((r) => r.n)
      .sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 51 }, (_, i) => i + 1));
    expect((await getBriefForEditing(people[0]!, id)).head).toMatchObject({
      number: 51,
      revision: 51,
    });
  }, 60_000); // 50 transactions queue on one row lock: a busy machine stretches them.

  it('refuses an invalid document and writes nothing', async () => {
    const editor = await person();
    const { id } = await createBrief(editor);
    const evil = {
      ...emptyBriefDocument(),
      body: {
        type: 'doc',
        content: [
          {
            type: 'paragraph',
            content: [
              {
                type: 'text',
                text: 'x',
                marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }],
              },
            ],
          },
        ],
      },
    };
    await expect(
      saveBrief(editor, id, { baseRevision: 1, kind: 'save', document: evil }),
    ).rejects.toThrow(InvalidError);
    expect(await versionsOf(editor, id)).toHaveLength(1);
  });

  it('restores an old version as a new one, deleting nothing', async () => {
    const editor = await person();
    const { id } = await createBrief(editor);
    const second = await saveBrief(editor, id, {
      baseRevision: 1,
      kind: 'save',
      document: doc('first text'),
    });
    await saveBrief(editor, id, {
      baseRevision: second.head.revision,
      kind: 'save',
      document: doc('second text'),
    });
    const restored = await restoreVersion(editor, id, 2);
    expect(restored.head).toMatchObject({ number: 4, kind: 'restore' });
    expect((await getBriefForEditing(editor, id)).document.question).toBe('first text');
    const versions = await versionsOf(editor, id);
    expect(versions.map((v) => [v.number, v.kind, v.restoredFrom])).toEqual([
      [4, 'restore', 2],
      [3, 'save', null],
      [2, 'save', null],
      [1, 'save', null],
    ]);
  });

  it('shows who else has the brief open', async () => {
    const alice = await person();
    const bob = await person('reviewer');
    const { id } = await createBrief(alice);
    expect(await touchPresence(alice, id)).toEqual([]);
    expect(await touchPresence(bob, id)).toEqual([{ name: alice.name }]);
  });

  it('refuses everything to a disabled role-less actor', async () => {
    const ghost = {
      id: '00000000-0000-4000-8000-000000000000',
      email: 'g@x.org',
      name: 'G',
      role: 'reader',
    } as unknown as Actor;
    await expect(createBrief(ghost)).rejects.toThrow(ForbiddenError);
  });
});
