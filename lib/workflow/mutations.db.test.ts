import { and, eq, sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { auditLog, briefs, briefVersions, corrections } from '@/db/schema';
import { createBrief, saveBrief } from '@/lib/briefs/mutations';
import { getBriefForEditing } from '@/lib/briefs/queries';
import { type BriefDocument, emptyBriefDocument } from '@/lib/content/document';
import { makeSource } from '@/lib/content/test-fixtures';
import { ConflictError, ForbiddenError, InvalidError } from '@/lib/errors';
import type { Actor } from '@/lib/policy/policy';
import {
  addCorrection,
  publishBrief,
  recheckBrief,
  unpublishBrief,
} from '@/lib/publication/mutations';
import { createTestPerson } from '@/lib/users/test-people';
import { approveBrief, requestChanges, submitForReview } from './mutations';
import { getWorkflow, listReviewQueue } from './queries';

const person = createTestPerson;

const paragraph = (text: string, sourceId: string, citationId: string) => ({
  type: 'paragraph',
  content: [
    { type: 'text', text },
    { type: 'citation', attrs: { citationId, sourceId } },
  ],
});

function completeDocument(words = 'Officials disagree about the promise.'): BriefDocument {
  return {
    ...emptyBriefDocument(),
    question: 'Did the alliance promise not to expand east?',
    summary: { type: 'doc', content: [paragraph('In short, no.', 'a', 'c1')] },
    body: { type: 'doc', content: [paragraph(words, 'b', 'c2')] },
    sources: [makeSource('a'), makeSource('b')],
  };
}

async function draftBy(author: Actor, document = completeDocument()) {
  const { id } = await createBrief(author);
  const saved = await saveBrief(author, id, { baseRevision: 1, kind: 'save', document });
  return { id, version: saved.head.number, revision: saved.head.revision };
}

async function submitted(author: Actor) {
  const draft = await draftBy(author);
  await submitForReview(author, draft.id);
  return draft;
}

async function stateOf(id: string) {
  const [row] = await getDb().select().from(briefs).where(eq(briefs.id, id));
  return row!;
}

/** Drizzle wraps database errors: match the message Postgres gave. */
async function refusedByDatabase(promise: Promise<unknown>, pattern: RegExp) {
  const error = (await promise.then(
    () => null,
    (e: unknown) => e,
  )) as { cause?: { message?: string } } | null;
  expect(error?.cause?.message ?? '').toMatch(pattern);
}

afterEach(() => {
  delete process.env.FACTDESK_TIMEZONE;
});

describe('submitting', () => {
  it('needs every check to pass, and says which fail', async () => {
    const editor = await person('editor');
    const { id } = await createBrief(editor);
    await expect(submitForReview(editor, id)).rejects.toThrow(
      /Still failing: Question of 10–200 characters/,
    );
    expect((await stateOf(id)).state).toBe('draft');
  });

  it('freezes the submitted version and lists it in the review queue', async () => {
    const editor = await person('editor');
    const reviewer = await person('reviewer');
    const { id, version } = await submitted(editor);
    expect(await stateOf(id)).toMatchObject({ state: 'in_review' });
    const [submittedVersion] = await getDb()
      .select({ frozen: briefVersions.frozen })
      .from(briefVersions)
      .where(and(eq(briefVersions.briefId, id), eq(briefVersions.number, version)));
    expect(submittedVersion?.frozen).toBe(true);
    expect((await listReviewQueue(reviewer)).items.map((b) => b.id)).toContain(id);
    await expect(listReviewQueue(editor)).rejects.toThrow(ForbiddenError);
  });

  it('a frozen version can no longer change, even by direct SQL', async () => {
    const editor = await person('editor');
    const { id, version } = await submitted(editor);
    await refusedByDatabase(
      getDb()
        .update(briefVersions)
        .set({ content: emptyBriefDocument() })
        .where(sql`${briefVersions.briefId} = ${id} and ${briefVersions.number} = ${version}`)
        .then(() => undefined),
      /is frozen/,
    );
  });
});

describe('approving', () => {
  it('stamps Checked on with the newsroom date and needs every cited source verified', async () => {
    const editor = await person('editor');
    const reviewer = await person('reviewer');
    const { id, version } = await submitted(editor);
    await expect(
      approveBrief(reviewer, id, { versionNumber: version, verifiedSourceIds: ['a'] }),
    ).rejects.toThrow(/Verify every cited source/);
    process.env.FACTDESK_TIMEZONE = 'America/New_York';
    // 03:30 UTC on December 7 is still December 6 in New York.
    const result = await approveBrief(
      reviewer,
      id,
      { versionNumber: version, verifiedSourceIds: ['a', 'b'] },
      new Date('2025-12-07T03:30:00Z'),
    );
    expect(result.checkedOn).toBe('2025-12-06');
    expect((await getWorkflow(reviewer, id)).approval).toMatchObject({
      versionNumber: version,
      checkedOn: '2025-12-06',
    });
  });

  it('refuses anyone who wrote part of the version, admins included', async () => {
    const admin = await person('admin');
    const editor = await person('editor');
    const { id } = await draftBy(editor);
    // The admin edits the draft, then the editor submits it.
    const head = (await getBriefForEditing(admin, id)).head;
    const saved = await saveBrief(admin, id, {
      baseRevision: head.revision,
      kind: 'save',
      document: completeDocument('Edited by the admin.'),
    });
    await submitForReview(editor, id);
    const verifyAll = { versionNumber: saved.head.number, verifiedSourceIds: ['a', 'b'] };
    await expect(approveBrief(admin, id, verifyAll)).rejects.toThrow(/two-person rule/);
    await expect(approveBrief(editor, id, verifyAll)).rejects.toThrow(ForbiddenError);
    const other = await person('reviewer');
    await approveBrief(other, id, {
      versionNumber: saved.head.number,
      verifiedSourceIds: ['a', 'b'],
    });
    expect((await stateOf(id)).state).toBe('approved');
  });

  it('an edit after approval returns the brief to draft', async () => {
    const editor = await person('editor');
    const reviewer = await person('reviewer');
    const { id, version } = await submitted(editor);
    await approveBrief(reviewer, id, { versionNumber: version, verifiedSourceIds: ['a', 'b'] });
    const { head } = await getBriefForEditing(editor, id);
    await saveBrief(editor, id, {
      baseRevision: head.revision,
      kind: 'autosave',
      document: completeDocument('Changed.'),
    });
    expect((await stateOf(id)).state).toBe('draft');
    const audit = await getDb().select().from(auditLog).where(eq(auditLog.briefId, id));
    expect(audit.map((a) => `${a.action}:${a.fromState ?? ''}>${a.toState ?? ''}`)).toEqual([
      'submit:draft>in_review',
      'approve:in_review>approved',
      'edit:approved>draft',
    ]);
  });

  it('an approval racing an edit has one consistent outcome', async () => {
    const editor = await person('editor');
    const reviewer = await person('reviewer');
    const { id, version } = await submitted(editor);
    const { head } = await getBriefForEditing(editor, id);
    const [approval, edit] = await Promise.allSettled([
      approveBrief(reviewer, id, { versionNumber: version, verifiedSourceIds: ['a', 'b'] }),
      saveBrief(editor, id, {
        baseRevision: head.revision,
        kind: 'save',
        document: completeDocument('Racing edit.'),
      }),
    ]);
    expect(edit.status).toBe('fulfilled');
    const row = await stateOf(id);
    if (approval.status === 'fulfilled') {
      // Approved first, then the edit withdrew it, and said so in the audit log.
      expect(row.state).toBe('draft');
      const audit = await getDb().select().from(auditLog).where(eq(auditLog.briefId, id));
      expect(audit.map((entry) => `${entry.action}:${entry.fromState}>${entry.toState}`)).toContain(
        'edit:approved>draft',
      );
    } else {
      expect(approval.reason).toBeInstanceOf(ConflictError);
      expect(row.state).toBe('draft');
      expect(row.approvalId).toBeNull();
    }
  });

  it('request changes needs a state in review and keeps the comment', async () => {
    const editor = await person('editor');
    const reviewer = await person('reviewer');
    const { id, version } = await submitted(editor);
    await requestChanges(reviewer, id, {
      versionNumber: version,
      comment: 'Source b does not say this.',
    });
    const workflow = await getWorkflow(editor, id);
    expect(workflow.state).toBe('changes_requested');
    expect(workflow.requestedChanges).toMatchObject({
      comment: 'Source b does not say this.',
      byName: reviewer.name,
    });
    await expect(
      approveBrief(reviewer, id, { versionNumber: version, verifiedSourceIds: ['a', 'b'] }),
    ).rejects.toThrow(InvalidError);
    await submitForReview(editor, id);
    expect((await stateOf(id)).state).toBe('in_review');
  });
});

describe('publishing', () => {
  async function approved() {
    const editor = await person('editor');
    const reviewer = await person('reviewer');
    const { id, version } = await submitted(editor);
    await approveBrief(
      reviewer,
      id,
      { versionNumber: version, verifiedSourceIds: ['a', 'b'] },
      new Date('2025-12-06T12:00:00Z'),
    );
    return { editor, reviewer, id, version };
  }

  it('refuses without an approval, in the code and in the database', async () => {
    const editor = await person('editor');
    const reviewer = await person('reviewer');
    const { id, version } = await draftBy(editor);
    await expect(publishBrief(reviewer, id, { versionNumber: version })).rejects.toThrow(
      /Nothing approved to publish/,
    );
    await refusedByDatabase(
      getDb()
        .update(briefs)
        .set({ published: true })
        .where(eq(briefs.id, id))
        .then(() => undefined),
      /violates check constraint "briefs_published_needs_/,
    );
  });

  it('publishes the approved version even when a newer draft exists', async () => {
    const { editor, reviewer, id, version } = await approved();
    const { head } = await getBriefForEditing(editor, id);
    await saveBrief(editor, id, {
      baseRevision: head.revision,
      kind: 'save',
      document: completeDocument('Newer draft.'),
    });
    await publishBrief(reviewer, id, { versionNumber: version });
    const workflow = await getWorkflow(reviewer, id);
    expect(workflow.publication).toMatchObject({
      published: true,
      versionNumber: version,
      checkedOn: '2025-12-06',
    });
    expect(workflow.state).toBe('draft');
    await expect(publishBrief(editor, id, { versionNumber: version })).rejects.toThrow(
      ForbiddenError,
    );
  });

  it('a new version of a published brief needs a note unless it is a typo fix', async () => {
    const { editor, reviewer, id, version } = await approved();
    await publishBrief(reviewer, id, { versionNumber: version });
    const { head } = await getBriefForEditing(editor, id);
    const next = await saveBrief(editor, id, {
      baseRevision: head.revision,
      kind: 'save',
      document: completeDocument('Fixed a figure.'),
    });
    await submitForReview(editor, id);
    await approveBrief(reviewer, id, {
      versionNumber: next.head.number,
      verifiedSourceIds: ['a', 'b'],
    });
    await expect(publishBrief(reviewer, id, { versionNumber: next.head.number })).rejects.toThrow(
      /correction or update note/,
    );
    await publishBrief(reviewer, id, {
      versionNumber: next.head.number,
      change: { kind: 'correction', note: 'An earlier version gave the wrong year.' },
    });
    const workflow = await getWorkflow(reviewer, id);
    expect(workflow.publication.versionNumber).toBe(next.head.number);
    expect(workflow.corrections).toMatchObject([
      { kind: 'correction', note: 'An earlier version gave the wrong year.' },
    ]);
  });

  it('re-check stamps a new date on the same version, by someone who did not write it', async () => {
    const { editor, reviewer, id, version } = await approved();
    await publishBrief(reviewer, id, { versionNumber: version });
    await expect(recheckBrief(editor, id, { verifiedSourceIds: ['a', 'b'] })).rejects.toThrow(
      ForbiddenError,
    );
    const writer = await person('admin');
    // An admin who wrote nothing may re-check.
    const { checkedOn } = await recheckBrief(
      writer,
      id,
      { verifiedSourceIds: ['a', 'b'] },
      new Date('2026-03-01T12:00:00Z'),
    );
    expect(checkedOn).toBe('2026-03-01');
    const workflow = await getWorkflow(writer, id);
    expect(workflow.publication).toMatchObject({ versionNumber: version, checkedOn: '2026-03-01' });
    expect(workflow.audit.map((a) => a.action)).toEqual([
      'recheck',
      'publish',
      'approve',
      'submit',
    ]);
  });

  it('unpublish is for admins; corrections are append-only', async () => {
    const { reviewer, id, version } = await approved();
    await publishBrief(reviewer, id, { versionNumber: version });
    await addCorrection(reviewer, id, {
      kind: 'clarification',
      note: 'Added context on the 1990 talks.',
    });
    const refused = (query: PromiseLike<unknown>) =>
      refusedByDatabase(
        Promise.resolve(query).then(() => undefined),
        /append-only/,
      );
    await refused(getDb().update(corrections).set({ note: 'rewritten' }));
    await refused(getDb().delete(corrections));
    await refused(getDb().delete(auditLog));
    await expect(unpublishBrief(reviewer, id, { reason: 'x' })).rejects.toThrow(ForbiddenError);
    const admin = await person('admin');
    await unpublishBrief(admin, id, { reason: 'Legal review' });
    expect((await getWorkflow(admin, id)).publication.published).toBe(false);
  });

  it('after an unpublish, only an admin publishes again, with a public note saying why', async () => {
    const { reviewer, id, version } = await approved();
    await publishBrief(reviewer, id, { versionNumber: version });
    const admin = await person('admin');
    await unpublishBrief(admin, id, { reason: 'Legal review' });
    // The approval of the version taken down is still there: a reviewer cannot reuse it.
    await expect(publishBrief(reviewer, id, { versionNumber: version })).rejects.toThrow(
      /only an admin can publish it again/,
    );
    await expect(
      publishBrief(reviewer, id, {
        versionNumber: version,
        change: { kind: 'update', note: 'Back after review.' },
      }),
    ).rejects.toThrow(ForbiddenError);
    await expect(publishBrief(admin, id, { versionNumber: version })).rejects.toThrow(
      /say on its public page why it is published again/,
    );
    for (const change of [{ kind: 'typo' }, { kind: 'update', note: '   ' }] as const) {
      await expect(publishBrief(admin, id, { versionNumber: version, change })).rejects.toThrow(
        InvalidError,
      );
    }
    expect((await getWorkflow(admin, id)).publication.published).toBe(false);

    await publishBrief(
      admin,
      id,
      {
        versionNumber: version,
        change: { kind: 'update', note: 'Republished after a legal review found no problem.' },
      },
      new Date('2026-02-01T12:00:00Z'),
    );
    const workflow = await getWorkflow(admin, id);
    expect(workflow.publication).toMatchObject({ published: true, versionNumber: version });
    expect(workflow.corrections).toMatchObject([
      {
        kind: 'update',
        note: 'Republished after a legal review found no problem.',
        notedOn: '2026-02-01',
      },
    ]);
  });
});
