import { transformToSuggestionTransaction } from '@handlewithcare/prosemirror-suggest-changes';
import { Node } from '@tiptap/pm/model';
import { EditorState, type Transaction } from '@tiptap/pm/state';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { briefs, briefVersions } from '@/db/schema';
import { type BriefDocument, emptyBriefDocument } from '@/lib/content/document';
import { schemaFor } from '@/lib/content/extensions';
import { contentHash } from '@/lib/content/hash';
import type { RichNode } from '@/lib/content/numbering';
import { newSuggestionId } from '@/lib/content/suggestion-ids';
import { withoutSuggestions, withSuggestionsAccepted } from '@/lib/content/suggestion-projections';
import { hasSuggestions, pendingSuggestions } from '@/lib/content/suggestions';
import { makeSource } from '@/lib/content/test-fixtures';
import { InvalidError } from '@/lib/errors';
import type { Actor } from '@/lib/policy/policy';
import { publishBrief } from '@/lib/publication/mutations';
import { getPublicBrief } from '@/lib/publication/queries';
import { createTestPerson } from '@/lib/users/test-people';
import { approveBrief, requestChanges, submitForReview } from '@/lib/workflow/mutations';
import { getWorkflow } from '@/lib/workflow/queries';
import { createBrief, saveBrief } from './mutations';
import { getBriefForEditing } from './queries';

/**
 * Suggested changes through the real save path and workflow: what a save of suggestions alone
 * leaves as it was (state, writers), whose names new suggestions may carry, who becomes a writer
 * when a suggestion is accepted (two-person rule), and that nothing suggested reaches readers.
 */

const person = createTestPerson;

const BODY = 'Officials disagree about the promise.';
const SUGGESTED = 'The minutes of 1990 record no such promise. ';

const paragraph = (text: string, sourceId: string, citationId: string) => ({
  type: 'paragraph',
  content: [
    { type: 'text', text },
    { type: 'citation', attrs: { citationId, sourceId } },
  ],
});

/** A brief that passes every automated check: two sources, each cited. */
function completeDocument(): BriefDocument {
  return {
    ...emptyBriefDocument(),
    question: 'Did the alliance promise not to expand east?',
    summary: { type: 'doc', content: [paragraph('In short, no.', 'a', 'c1')] },
    body: { type: 'doc', content: [paragraph(BODY, 'b', 'c2')] },
    sources: [makeSource('a'), makeSource('b')],
  };
}

const verifyAll = (versionNumber: number) => ({ versionNumber, verifiedSourceIds: ['a', 'b'] });

/**
 * `document` with one edit of its body made in Suggesting mode, as the editor makes it: the
 * library's transaction turned into tracked changes, with ids in `authorId`'s name.
 */
function suggested(
  document: BriefDocument,
  authorId: string,
  edit: (tr: Transaction) => void = (tr) => tr.insertText(SUGGESTED, 1),
): BriefDocument {
  const state = EditorState.create({ doc: Node.fromJSON(schemaFor.body, document.body) });
  const tr = state.tr;
  edit(tr);
  const next = state.apply(
    transformToSuggestionTransaction(tr, state, () => newSuggestionId(authorId)),
  );
  return { ...document, body: next.doc.toJSON() as RichNode };
}

async function headOf(actor: Actor, briefId: string) {
  return getBriefForEditing(actor, briefId);
}

/** Saves `document` on top of the head, as the editor does after reading it. */
async function save(
  actor: Actor,
  briefId: string,
  document: BriefDocument,
  kind: 'save' | 'autosave' = 'save',
) {
  const { head } = await headOf(actor, briefId);
  return saveBrief(actor, briefId, { baseRevision: head.revision, kind, document });
}

async function versionRow(briefId: string, number: number) {
  const [row] = await getDb()
    .select({
      contributorIds: briefVersions.contributorIds,
      contentHash: briefVersions.contentHash,
      textHash: briefVersions.textHash,
      content: briefVersions.content,
    })
    .from(briefVersions)
    .where(and(eq(briefVersions.briefId, briefId), eq(briefVersions.number, number)));
  return row!;
}

async function briefRow(briefId: string) {
  const [row] = await getDb().select().from(briefs).where(eq(briefs.id, briefId));
  return row!;
}

/** A complete brief by `editor`, submitted; returns the number of the version in review. */
async function submittedBy(editor: Actor) {
  const { id } = await createBrief(editor);
  const saved = await saveBrief(editor, id, {
    baseRevision: 1,
    kind: 'save',
    document: completeDocument(),
  });
  await submitForReview(editor, id);
  return { id, version: saved.head.number };
}

/** The reviewer's suggestion saved on top of the head; returns the new version's number. */
async function suggestOnHead(reviewer: Actor, briefId: string) {
  const { document } = await headOf(reviewer, briefId);
  const saved = await save(reviewer, briefId, suggested(document, reviewer.id));
  expect(saved.outcome).toBe('created');
  return saved.head.number;
}

describe('a reviewer’s suggestion on a brief in review', () => {
  it('leaves the review and the writers alone; accepted, it makes the reviewer a writer of the next version', async () => {
    const editor = await person('editor');
    const reviewer = await person('reviewer');
    const second = await person('reviewer');
    const { id, version } = await submittedBy(editor);
    const before = await versionRow(id, version);

    const withSuggestion = await suggestOnHead(reviewer, id);
    expect((await briefRow(id)).state).toBe('in_review');
    const suggestedRow = await versionRow(id, withSuggestion);
    expect(suggestedRow.contributorIds).toEqual([editor.id]);
    // The text as it stands is the version in review's.
    expect(suggestedRow.textHash).toBe(before.contentHash);
    expect(pendingSuggestions(suggestedRow.content)).toMatchObject([
      { authorId: reviewer.id, part: 'body', inserted: SUGGESTED, deleted: '' },
    ]);

    // Not approvable while the suggestion is pending: the check says why.
    const refusal = await approveBrief(reviewer, id, verifyAll(version)).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(InvalidError);
    expect((refusal as InvalidError).message).toMatch(/No pending suggestions/);
    expect((await briefRow(id)).state).toBe('in_review');

    await requestChanges(reviewer, id, { versionNumber: version, comment: 'See my suggestion.' });
    expect((await briefRow(id)).state).toBe('changes_requested');

    // The editor accepts it: the reviewer wrote part of the new version.
    const { document } = await headOf(editor, id);
    const accepted = await save(editor, id, await withSuggestionsAccepted(document));
    const acceptedRow = await versionRow(id, accepted.head.number);
    expect(acceptedRow.contributorIds).toEqual([editor.id, reviewer.id].sort());
    expect(acceptedRow.textHash).toBeNull();
    expect(hasSuggestions(acceptedRow.content)).toBe(false);
    expect(accepted.state).toBe('changes_requested');

    await submitForReview(editor, id);
    const resubmitted = accepted.head.number;
    const twoPerson = await approveBrief(reviewer, id, verifyAll(resubmitted)).catch(
      (e: unknown) => e,
    );
    // assertCan reports the two-person rule as InvalidError (about the version, not the person).
    expect(twoPerson).toBeInstanceOf(InvalidError);
    expect((twoPerson as InvalidError).message).toMatch(/two-person rule/);

    await approveBrief(second, id, verifyAll(resubmitted));
    await publishBrief(second, id, { versionNumber: resubmitted });
    const { slug } = await briefRow(id);
    const page = await getPublicBrief(slug!);
    if (page.status !== 'published') throw new Error(`not published: ${page.status}`);
    expect(hasSuggestions(page.brief.document)).toBe(false);
    expect(JSON.stringify(page.brief.document)).not.toMatch(/"(insertion|deletion|modification)"/);
    expect(JSON.stringify(page.brief.document.body)).toContain(SUGGESTED.trim());
  });

  it('rejected, it leaves the editor the only writer, and the reviewer can approve', async () => {
    const editor = await person('editor');
    const reviewer = await person('reviewer');
    const { id, version } = await submittedBy(editor);
    const before = await versionRow(id, version);
    await suggestOnHead(reviewer, id);
    await requestChanges(reviewer, id, { versionNumber: version, comment: 'See my suggestion.' });

    const { document } = await headOf(editor, id);
    const rejected = await save(editor, id, await withoutSuggestions(document));
    expect(rejected.outcome).toBe('created');
    const rejectedRow = await versionRow(id, rejected.head.number);
    expect(rejectedRow.contributorIds).toEqual([editor.id]);
    expect(rejectedRow.contentHash).toBe(before.contentHash);
    expect(rejectedRow.textHash).toBeNull();

    await submitForReview(editor, id);
    await approveBrief(reviewer, id, verifyAll(rejected.head.number));
    expect((await briefRow(id)).state).toBe('approved');
  });

  it('rejected during the review, the version in review is approved as it was submitted', async () => {
    const editor = await person('editor');
    const reviewer = await person('reviewer');
    const { id, version } = await submittedBy(editor);
    await suggestOnHead(reviewer, id);
    const { document } = await headOf(editor, id);
    const rejected = await save(editor, id, await withoutSuggestions(document));
    // Rejecting leaves the text as it was: still in review, the same version under review.
    expect(rejected.state).toBe('in_review');
    await approveBrief(reviewer, id, verifyAll(version));
    const workflow = await getWorkflow(reviewer, id);
    expect(workflow.state).toBe('approved');
    expect(workflow.approval).toMatchObject({ versionNumber: version });
  });
});

describe('pending suggestions and the workflow', () => {
  it('a brief with a pending suggestion cannot be submitted', async () => {
    const editor = await person('editor');
    const reviewer = await person('reviewer');
    const { id } = await createBrief(editor);
    await saveBrief(editor, id, { baseRevision: 1, kind: 'save', document: completeDocument() });
    await suggestOnHead(reviewer, id);
    const refusal = await submitForReview(editor, id).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(InvalidError);
    expect((refusal as InvalidError).message).toMatch(/Still failing: No pending suggestions/);
    expect((await briefRow(id)).state).toBe('draft');
  });

  it('a suggestion in someone else’s name is refused and nothing is written', async () => {
    const editor = await person('editor');
    const reviewer = await person('reviewer');
    const { id } = await createBrief(editor);
    await saveBrief(editor, id, { baseRevision: 1, kind: 'save', document: completeDocument() });
    const before = await briefRow(id);
    const { document } = await headOf(reviewer, id);

    const forged = suggested(document, editor.id);
    const refusal = await save(reviewer, id, forged).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(InvalidError);
    expect((refusal as InvalidError).message).toMatch(/only be made in your own name/);
    const after = await briefRow(id);
    expect(after).toMatchObject({
      revision: before.revision,
      headNumber: before.headNumber,
      state: 'draft',
    });

    // Someone else's suggestion already in the text may stay beside one's own.
    await save(reviewer, id, suggested(document, reviewer.id));
    const { document: withTheirs } = await headOf(editor, id);
    // At the end of the paragraph's text, away from the reviewer's insertion at its start.
    const both = suggested(withTheirs, editor.id, (tr) =>
      tr.insertText(' Indeed.', tr.doc.firstChild!.content.size),
    );
    const saved = await save(editor, id, both);
    expect(saved.outcome).toBe('created');
    expect(
      pendingSuggestions((await versionRow(id, saved.head.number)).content)
        .map((s) => s.authorId)
        .sort(),
    ).toEqual([editor.id, reviewer.id].sort());
  });

  it('a suggestion on an approved brief keeps it approved, and the approved version is published', async () => {
    const editor = await person('editor');
    const reviewer = await person('reviewer');
    const { id, version } = await submittedBy(editor);
    await approveBrief(reviewer, id, verifyAll(version));
    const withSuggestion = await suggestOnHead(reviewer, id);
    expect((await briefRow(id)).state).toBe('approved');
    expect((await getWorkflow(editor, id)).approval).toMatchObject({ versionNumber: version });

    await publishBrief(reviewer, id, { versionNumber: version });
    const row = await briefRow(id);
    expect(row.headNumber).toBe(withSuggestion);
    const page = await getPublicBrief(row.slug!);
    if (page.status !== 'published') throw new Error(`not published: ${page.status}`);
    expect(hasSuggestions(page.brief.document)).toBe(false);
    expect(JSON.stringify(page.brief.document.body)).not.toContain(SUGGESTED.trim());
    expect(page.brief.document.body).toEqual((await versionRow(id, version)).content.body);
  });

  it('rejecting every suggestion gives back the version before them, hash for hash', async () => {
    const editor = await person('editor');
    const reviewer = await person('reviewer');
    const { id } = await createBrief(editor);
    const written = await saveBrief(editor, id, {
      baseRevision: 1,
      kind: 'save',
      document: completeDocument(),
    });
    const original = await versionRow(id, written.head.number);

    // Several suggestions: an insertion and a deletion in the body, an insertion in the summary.
    const { document } = await headOf(reviewer, id);
    let changed = suggested(document, reviewer.id);
    const officials = 1 + SUGGESTED.length;
    changed = suggested(changed, reviewer.id, (tr) => tr.delete(officials, officials + 10));
    const summary = EditorState.create({ doc: Node.fromJSON(schemaFor.summary, changed.summary) });
    const tr = summary.tr.insertText('Simply put: ', 1);
    changed = {
      ...changed,
      summary: summary
        .apply(transformToSuggestionTransaction(tr, summary, () => newSuggestionId(reviewer.id)))
        .doc.toJSON() as RichNode,
    };
    const withSuggestions = await save(reviewer, id, changed);
    const suggestedRow = await versionRow(id, withSuggestions.head.number);
    // The deletion next to the insertion joins it: one suggestion (the library's ids).
    expect(pendingSuggestions(suggestedRow.content)).toMatchObject([
      { part: 'summary', inserted: 'Simply put: ', deleted: '' },
      { part: 'body', inserted: SUGGESTED, deleted: 'Officials ' },
    ]);
    expect(suggestedRow.textHash).toBe(original.contentHash);

    const { document: head } = await headOf(editor, id);
    const rejected = await save(editor, id, await withoutSuggestions(head));
    const rejectedRow = await versionRow(id, rejected.head.number);
    expect(rejectedRow.contentHash).toBe(original.contentHash);
    expect(rejectedRow.contentHash).toBe(contentHash(original.content));
    expect(rejectedRow.content).toEqual(original.content);
  });
});

describe('words typed into someone else’s suggestion', () => {
  // The library joins an edit made next to (or inside) a pending suggestion to that suggestion,
  // under its id, whoever makes it: the save path records who else wrote it (suggestion_writers).
  it('makes their writer a writer of the version that accepts it (two-person rule)', async () => {
    const editor = await person('editor');
    const reviewer = await person('reviewer');
    const { id, version } = await submittedBy(editor);
    // The editor's own suggestion on the version in review, at the start of the body.
    const { document } = await headOf(editor, id);
    await save(
      editor,
      id,
      suggested(document, editor.id, (tr) => tr.insertText('Eword ', 1)),
    );
    // The reviewer types right after it, in Suggesting mode, with ids in their own name.
    const { document: withEditors } = await headOf(reviewer, id);
    const joined = suggested(withEditors, reviewer.id, (tr) => tr.insertText('Rword ', 7));
    expect(pendingSuggestions(joined)).toMatchObject([
      { authorId: editor.id, inserted: 'Eword Rword ' },
    ]);
    await save(reviewer, id, joined);
    await requestChanges(reviewer, id, { versionNumber: version, comment: 'See the suggestion.' });

    const { document: head } = await headOf(editor, id);
    const accepted = await save(editor, id, await withSuggestionsAccepted(head));
    expect((await versionRow(id, accepted.head.number)).content.body).toMatchObject({
      content: [{ content: [{ text: `Eword Rword ${BODY}` }, { type: 'citation' }] }],
    });
    await submitForReview(editor, id);
    await expect(approveBrief(reviewer, id, verifyAll(accepted.head.number))).rejects.toThrow(
      /two-person rule/,
    );
  });
});

describe('a suggestion changed without changing its words', () => {
  // Found in review: a citation's source and pinpoint inside someone else's pending suggestion
  // changed in Editing mode left its words (and the text as it stands) alone, so nobody new was
  // counted; every save now compares all of each suggestion (its fingerprint).
  it('counts whoever changed a citation inside it as its writer', async () => {
    const editor = await person('editor');
    const reviewer = await person('reviewer');
    const { id, version } = await submittedBy(editor);
    const { document } = await headOf(editor, id);
    const citation = schemaFor.body.nodes.citation!;
    await save(
      editor,
      id,
      suggested(document, editor.id, (tr) =>
        tr.insert(1, citation.create({ citationId: 'c9', sourceId: 'a', locator: 'p. 3' })),
      ),
    );
    // The reviewer, in Editing mode, points the pending citation elsewhere.
    const { document: pending } = await headOf(reviewer, id);
    const body = structuredClone(pending.body);
    const inserted = body.content![0]!.content![0]!;
    expect(inserted).toMatchObject({ type: 'citation', marks: [{ type: 'insertion' }] });
    inserted.attrs = { ...inserted.attrs, sourceId: 'b', locator: 'p. 300' };
    await save(reviewer, id, { ...pending, body });
    await requestChanges(reviewer, id, { versionNumber: version, comment: 'See it.' });

    const { document: head } = await headOf(editor, id);
    const accepted = await save(editor, id, await withSuggestionsAccepted(head));
    expect((await versionRow(id, accepted.head.number)).contributorIds).toContain(reviewer.id);
    await submitForReview(editor, id);
    await expect(approveBrief(reviewer, id, verifyAll(accepted.head.number))).rejects.toThrow(
      /two-person rule/,
    );
  });

  it('counts whoever brings back an old suggestion id with other words as its writer', async () => {
    const editor = await person('editor');
    const reviewer = await person('reviewer');
    const { id } = await submittedBy(editor);
    const { document } = await headOf(editor, id);
    const first = await save(editor, id, suggested(document, editor.id));
    const old = (await versionRow(id, first.head.number)).content;
    const [oldSuggestion] = pendingSuggestions(old);
    await save(editor, id, await withoutSuggestions(old));
    // The reviewer reuses the editor's old id, naming that version as where the text started.
    const { document: now, head } = await headOf(reviewer, id);
    const forged = suggested(now, editor.id, (tr) =>
      tr.insertText('Words the reviewer wrote. ', 1),
    );
    const body = JSON.parse(
      JSON.stringify(forged.body).replaceAll(pendingSuggestions(forged)[0]!.id, oldSuggestion!.id),
    ) as RichNode;
    const saved = await saveBrief(reviewer, id, {
      baseRevision: head.revision,
      baseNumber: first.head.number,
      kind: 'save',
      document: { ...now, body },
    });
    const [row] = await getDb()
      .select({ writers: briefVersions.suggestionWriters })
      .from(briefVersions)
      .where(and(eq(briefVersions.briefId, id), eq(briefVersions.number, saved.head.number)));
    expect(row!.writers?.[oldSuggestion!.id]).toContain(reviewer.id);
  });
});
