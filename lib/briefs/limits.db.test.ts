import { count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { briefs, briefVersions } from '@/db/schema';
import { type BriefDocument, emptyBriefDocument } from '@/lib/content/document';
import { MAX_VERSION_NUMBER } from '@/lib/content/version-number';
import { InvalidError, NotFoundError } from '@/lib/errors';
import type { Actor } from '@/lib/policy/policy';
import { createTestPerson } from '@/lib/users/test-people';
import { createBrief, createImportedBrief, restoreVersion, saveBrief } from './mutations';
import { getVersion, listVersions } from './queries';

const TOO_LARGE =
  /^This brief is larger than 1 MB of content \(\d(\.\d+)? MB\); split it or remove material\.$/;

/** A document of 1,000,000 × €: 1 MB of characters, 3 MB of UTF-8 JSON. */
function euros(): BriefDocument {
  return {
    ...emptyBriefDocument(),
    question: 'How heavy is a brief?',
    body: {
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'text', text: '€'.repeat(1_000_000) }] }],
    },
  };
}

async function versionCount(briefId: string): Promise<number> {
  const [row] = await getDb()
    .select({ n: count() })
    .from(briefVersions)
    .where(eq(briefVersions.briefId, briefId));
  return row!.n;
}

async function refusal(promise: Promise<unknown>): Promise<InvalidError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(InvalidError);
  return error as InvalidError;
}

describe('limits of one brief, on every path that writes a version', () => {
  it('save and autosave refuse 3 MB of JSON (1,000,000 × €) and write nothing', async () => {
    const editor = await createTestPerson('editor');
    const { id } = await createBrief(editor);
    for (const kind of ['save', 'autosave'] as const) {
      const error = await refusal(
        saveBrief(editor, id, { baseRevision: 1, kind, document: euros() }),
      );
      expect(error.message).toMatch(TOO_LARGE);
      expect(error.fieldErrors.document).toEqual([error.message]);
    }
    expect(await versionCount(id)).toBe(1);
  });

  it('restore refuses a version over the limits (written before they were enforced)', async () => {
    const editor = await createTestPerson('editor');
    const { id } = await createBrief(editor);
    const question = (q: string) => ({ ...emptyBriefDocument(), question: q });
    const two = await saveBrief(editor, id, {
      baseRevision: 1,
      kind: 'save',
      document: question('a'),
    });
    await saveBrief(editor, id, {
      baseRevision: two.head.revision,
      kind: 'save',
      document: question('b'),
    });
    await getDb()
      .update(briefVersions)
      .set({ content: euros() })
      .where(eq(briefVersions.number, 2));

    const error = await refusal(restoreVersion(editor, id, 2));
    expect(error.message).toMatch(TOO_LARGE);
    expect(await versionCount(id)).toBe(3);
  });

  it('import refuses a text that would make a brief over 1 MB, and creates nothing', async () => {
    const editor = await createTestPerson('editor');
    const [before] = await getDb().select({ n: count() }).from(briefs);
    // 200 KB of text whose 20,000 paragraphs are 1.8 MB of stored JSON.
    const paragraphs = Array.from({ length: 20_000 }, (_, i) => `Claim ${i}.`).join('\n\n');
    const text = `Is this too long?\n\n${paragraphs}\n`;
    const error = await refusal(
      createImportedBrief(editor, { text, origin: 'a test', today: '2026-11-27' }),
    );
    expect(error.message).toMatch(/larger than 1 MB/);
    const [after] = await getDb().select({ n: count() }).from(briefs);
    expect(after!.n).toBe(before!.n);
  });

  it('refuses a question with a control character with a message naming it (not a database error)', async () => {
    const editor = await createTestPerson('editor');
    const { id } = await createBrief(editor);
    for (const bad of ['\u0000', '\ud800', '\u0002']) {
      const error = await refusal(
        saveBrief(editor, id, {
          baseRevision: 1,
          kind: 'autosave',
          document: { ...emptyBriefDocument(), question: `Is ${bad} true?` },
        }),
      );
      expect(error.fieldErrors.question).toEqual([
        expect.stringMatching(/^Question contains (a control character|an unpaired surrogate)/),
      ]);
    }
    expect(await versionCount(id)).toBe(1);
  });
});

describe('version numbers beyond Postgres integer', () => {
  it('are versions that do not exist, for reading, paging and restoring', async () => {
    const editor: Actor = await createTestPerson('editor');
    const { id } = await createBrief(editor);
    const huge = MAX_VERSION_NUMBER + 1;
    await expect(getVersion(editor, id, huge)).rejects.toBeInstanceOf(NotFoundError);
    await expect(listVersions(editor, id, { before: huge })).rejects.toBeInstanceOf(NotFoundError);
    await expect(restoreVersion(editor, id, huge)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getVersion(editor, id, MAX_VERSION_NUMBER)).rejects.toBeInstanceOf(NotFoundError);
  });
});
