import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { briefVersions } from '@/db/schema';
import {
  createBrief,
  createImportedBrief,
  restoreVersion,
  saveBrief,
  VersionConflictError,
} from '@/lib/briefs/mutations';
import { getBriefForEditing, getVersion } from '@/lib/briefs/queries';
import { type BriefDocument, emptyBriefDocument } from '@/lib/content/document';
import { makeSource } from '@/lib/content/test-fixtures';
import { exportFile } from '@/lib/export/formats';
import { type Actor, can } from '@/lib/policy/policy';
import { createTestPerson as person } from '@/lib/users/test-people';
import { approveBrief, submitForReview } from './mutations';
import { getVersionToCheck } from './queries';

const paragraph = (text: string, sourceId: string, citationId: string) => ({
  type: 'paragraph',
  content: [
    { type: 'text', text },
    { type: 'citation', attrs: { citationId, sourceId } },
  ],
});

function documentSaying(words: string): BriefDocument {
  return {
    ...emptyBriefDocument(),
    question: 'Did the alliance promise not to expand east?',
    summary: { type: 'doc', content: [paragraph('In short, no.', 'a', 'c1')] },
    body: { type: 'doc', content: [paragraph(words, 'b', 'c2')] },
    sources: [makeSource('a'), makeSource('b')],
  };
}

const verifyAll = (versionNumber: number) => ({ versionNumber, verifiedSourceIds: ['a', 'b'] });

async function save(actor: Actor, id: string, words: string, kind: 'save' | 'autosave' = 'save') {
  const { head } = await getBriefForEditing(actor, id);
  return saveBrief(actor, id, {
    baseRevision: head.revision,
    kind,
    document: documentSaying(words),
  });
}

async function contributorsOf(id: string, number: number) {
  const [row] = await getDb()
    .select({ ids: briefVersions.contributorIds })
    .from(briefVersions)
    .where(and(eq(briefVersions.briefId, id), eq(briefVersions.number, number)));
  return [...(row?.ids ?? [])].sort();
}

describe('two-person rule: authorship travels with the text', () => {
  it('a restore cannot launder a reviewer’s own text past them', async () => {
    const editor = await person('editor');
    const writer = await person('reviewer');
    const other = await person('reviewer');
    const { id } = await createBrief(editor);
    await save(editor, id, 'The editor’s first draft.');
    const v3 = await save(writer, id, 'Text the first reviewer wrote.');
    expect(v3.head.number).toBe(3);
    const v4 = await save(editor, id, 'The editor replaced it.');
    await submitForReview(editor, id);
    await approveBrief(other, id, verifyAll(v4.head.number));

    const v5 = await restoreVersion(editor, id, 3);
    expect(v5.head.number).toBe(5);
    await submitForReview(editor, id);
    await expect(approveBrief(writer, id, verifyAll(5))).rejects.toThrow(/two-person rule/);
    // The review screen asks the policy the same question, about the same version.
    const inReview = (await getVersionToCheck(writer, id, 'review'))!;
    expect(can(writer, 'briefs.approve', { version: inReview })).toBe(false);
    expect(can(other, 'briefs.approve', { version: inReview })).toBe(true);
    expect(await contributorsOf(id, 5)).toEqual([editor.id, writer.id].sort());
    // The reviewer who checked version 4 wrote none of it, and still may.
    await approveBrief(other, id, verifyAll(5));
  });

  it('text checked by an approval no longer counts its writers', async () => {
    const editor = await person('editor');
    const writer = await person('reviewer');
    const other = await person('reviewer');
    const { id } = await createBrief(editor);
    const v2 = await save(writer, id, 'Text the first reviewer wrote.');
    await submitForReview(writer, id);
    await approveBrief(other, id, verifyAll(v2.head.number));
    const v3 = await save(editor, id, 'The editor’s change on top of checked text.');
    await submitForReview(editor, id);
    expect(await contributorsOf(id, v3.head.number)).toEqual([editor.id]);
    await approveBrief(writer, id, verifyAll(v3.head.number));
  });

  it('a coalesced autosave keeps everyone it ever carried', async () => {
    const editor = await person('editor');
    const writer = await person('reviewer');
    const { id } = await createBrief(editor);
    await save(writer, id, 'Reviewer text.');
    const first = await save(editor, id, 'Editor autosave one.', 'autosave');
    const second = await save(editor, id, 'Editor autosave two.', 'autosave');
    expect(second.outcome).toBe('coalesced');
    expect(second.head.number).toBe(first.head.number);
    expect(await contributorsOf(id, second.head.number)).toEqual([editor.id, writer.id].sort());
  });

  it('“keep mine” after a conflict carries the writers of the version mine started from', async () => {
    const editor = await person('editor');
    const colleague = await person('editor');
    const writer = await person('reviewer');
    const other = await person('reviewer');
    const { id } = await createBrief(editor);
    // The reviewer writes version 2; the editor opens it and starts changing it.
    const v2 = await save(writer, id, 'Text the first reviewer wrote.');
    const mine = documentSaying('Text the first reviewer wrote, and an editor’s addition.');
    // Meanwhile a colleague replaces the text, and another reviewer approves that.
    const v3 = await save(colleague, id, 'The colleague’s own text.');
    await submitForReview(colleague, id);
    await approveBrief(other, id, verifyAll(v3.head.number));

    const conflict = await saveBrief(editor, id, {
      baseRevision: v2.head.revision,
      baseNumber: v2.head.number,
      kind: 'save',
      document: mine,
    }).catch((error: unknown) => error);
    expect(conflict).toBeInstanceOf(VersionConflictError);
    // Keep mine: saved on top of theirs, naming the version the text came from.
    const kept = await saveBrief(editor, id, {
      baseRevision: (conflict as VersionConflictError).head.revision,
      baseNumber: v2.head.number,
      kind: 'save',
      document: mine,
    });
    expect(await contributorsOf(id, kept.head.number)).toEqual([editor.id, writer.id].sort());
    await submitForReview(editor, id);
    await expect(approveBrief(writer, id, verifyAll(kept.head.number))).rejects.toThrow(
      /two-person rule/,
    );
  });

  it('importing an exported version carries the writers of that version', async () => {
    const editor = await person('editor');
    const writer = await person('reviewer');
    const other = await person('reviewer');
    const { id } = await createBrief(editor);
    const v2 = await save(writer, id, 'Text the first reviewer wrote.');
    const version = await getVersion(editor, id, v2.head.number);
    const markdown = (
      await exportFile(version.document, {
        briefId: id,
        versionNumber: version.number,
        format: 'markdown',
      })
    ).body;

    const imported = await createImportedBrief(editor, {
      text: markdown,
      origin: 'an export',
      today: '2026-11-27',
    });
    expect(imported.report.notes.map((n) => n.message).join(' ')).toMatch(
      /exported from version 2/,
    );
    expect(await contributorsOf(imported.id, 1)).toEqual([editor.id, writer.id].sort());
    await submitForReview(editor, imported.id);
    const { document } = await getVersion(editor, imported.id, 1);
    const verified = { versionNumber: 1, verifiedSourceIds: document.sources.map((s) => s.id) };
    await expect(approveBrief(writer, imported.id, verified)).rejects.toThrow(/two-person rule/);
    await approveBrief(other, imported.id, verified);
  });

  it('an import naming a version that does not exist carries nobody else', async () => {
    const editor = await person('editor');
    const { id } = await createBrief(editor);
    const text = `${(await exportFile(documentSaying('Words.'), { briefId: id, versionNumber: 99, format: 'markdown' })).body}`;
    const imported = await createImportedBrief(editor, { text, origin: 'x', today: '2026-11-27' });
    expect(await contributorsOf(imported.id, 1)).toEqual([editor.id]);
  });
});
