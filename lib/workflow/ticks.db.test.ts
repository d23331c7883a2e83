import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { approvals, briefs, completedReviews } from '@/db/schema';
import { createBrief, saveBrief } from '@/lib/briefs/mutations';
import { type BriefDocument, emptyBriefDocument } from '@/lib/content/document';
import { makeSource } from '@/lib/content/test-fixtures';
import { ConflictError, InvalidError } from '@/lib/errors';
import type { Actor } from '@/lib/policy/policy';
import { publishBrief } from '@/lib/publication/mutations';
import { storeCapture } from '@/lib/sources/test-captures';
import { createTestPerson } from '@/lib/users/test-people';
import { approveBrief, requestChanges, submitForReview } from './mutations';
import { getReviewTicks, setReviewTick } from './ticks';

const person = createTestPerson;

const paragraph = (text: string, sourceId: string, citationId: string) => ({
  type: 'paragraph',
  content: [
    { type: 'text', text },
    { type: 'citation', attrs: { citationId, sourceId } },
  ],
});

function documentWith(
  change: { body?: string; titleOfA?: string; question?: string } = {},
): BriefDocument {
  const a = makeSource('a');
  return {
    ...emptyBriefDocument(),
    question: change.question ?? 'Did the alliance promise not to expand east?',
    summary: { type: 'doc', content: [paragraph('In short, no.', 'a', 'c1')] },
    body: {
      type: 'doc',
      content: [paragraph(change.body ?? 'Officials disagree about the promise.', 'b', 'c2')],
    },
    sources: [change.titleOfA ? { ...a, title: change.titleOfA } : a, makeSource('b')],
  };
}

/** A brief by `editor`, in review. */
async function inReview(editor: Actor) {
  const { id } = await createBrief(editor);
  const saved = await saveBrief(editor, id, {
    baseRevision: 1,
    kind: 'save',
    document: documentWith(),
  });
  await submitForReview(editor, id);
  return { id, version: saved.head.number, revision: saved.head.revision };
}

/** `writer` saves a new version of a brief sent back, and it is submitted again. */
async function resubmit(
  brief: { id: string; revision: number },
  writer: Actor,
  document: BriefDocument,
) {
  const saved = await saveBrief(writer, brief.id, {
    baseRevision: brief.revision,
    kind: 'save',
    document,
  });
  await submitForReview(writer, brief.id);
  return { id: brief.id, version: saved.head.number, revision: saved.head.revision };
}

/** `reviewer` ticks these sources and sends the brief back. */
async function sentBackWithTicks(
  brief: { id: string; version: number },
  reviewer: Actor,
  ticked: string[],
) {
  for (const sourceId of ticked) {
    await setReviewTick(reviewer, brief.id, {
      purpose: 'review',
      versionNumber: brief.version,
      sourceId,
      ticked: true,
    });
  }
  await requestChanges(reviewer, brief.id, {
    versionNumber: brief.version,
    comment: 'Say who disagrees.',
  });
}

async function ticksOf(reviewer: Actor, briefId: string) {
  const saved = await getReviewTicks(reviewer, briefId, 'review');
  return Object.fromEntries(
    Object.entries(saved?.ticks ?? {}).map(([id, tick]) => [
      id,
      tick.carriedOver ? `carried from ${tick.carriedOver.fromVersion}` : tick.ticked,
    ]),
  );
}

describe('saved ticks', () => {
  it("keep a reviewer's boxes across reads, each reviewer their own", async () => {
    const editor = await person('editor');
    const reviewer = await person('reviewer');
    const other = await person('reviewer');
    const brief = await inReview(editor);
    expect(await ticksOf(reviewer, brief.id)).toEqual({ a: false, b: false });
    await setReviewTick(reviewer, brief.id, {
      purpose: 'review',
      versionNumber: brief.version,
      sourceId: 'a',
      ticked: true,
    });
    expect(await ticksOf(reviewer, brief.id)).toEqual({ a: true, b: false });
    expect(await ticksOf(other, brief.id)).toEqual({ a: false, b: false });
    await setReviewTick(reviewer, brief.id, {
      purpose: 'review',
      versionNumber: brief.version,
      sourceId: 'a',
      ticked: false,
    });
    expect(await ticksOf(reviewer, brief.id)).toEqual({ a: false, b: false });
    const saved = await getReviewTicks(reviewer, brief.id, 'review');
    expect(saved?.lastReview).toBeNull();
  });

  it('only on the version being checked, and only for a source it cites', async () => {
    const editor = await person('editor');
    const reviewer = await person('reviewer');
    const brief = await inReview(editor);
    await expect(
      setReviewTick(reviewer, brief.id, {
        purpose: 'review',
        versionNumber: brief.version + 1,
        sourceId: 'a',
        ticked: true,
      }),
    ).rejects.toThrow(ConflictError);
    await expect(
      setReviewTick(reviewer, brief.id, {
        purpose: 'review',
        versionNumber: brief.version,
        sourceId: 'zz',
        ticked: true,
      }),
    ).rejects.toThrow(InvalidError);
    await requestChanges(reviewer, brief.id, { versionNumber: brief.version, comment: 'More.' });
    await expect(
      setReviewTick(reviewer, brief.id, {
        purpose: 'review',
        versionNumber: brief.version,
        sourceId: 'a',
        ticked: true,
      }),
    ).rejects.toThrow(ConflictError);
  });

  it('an approval needs every cited source ticked, and saves what it states as the ticks', async () => {
    const editor = await person('editor');
    const reviewer = await person('reviewer');
    const brief = await inReview(editor);
    await setReviewTick(reviewer, brief.id, {
      purpose: 'review',
      versionNumber: brief.version,
      sourceId: 'a',
      ticked: true,
    });
    await expect(
      approveBrief(reviewer, brief.id, { versionNumber: brief.version, verifiedSourceIds: ['a'] }),
    ).rejects.toThrow(/Verify every cited source/);
    await approveBrief(reviewer, brief.id, {
      versionNumber: brief.version,
      verifiedSourceIds: ['a', 'b'],
    });
    const [review] = await getDb()
      .select()
      .from(completedReviews)
      .where(eq(completedReviews.briefId, brief.id));
    const [approval] = await getDb()
      .select()
      .from(approvals)
      .where(eq(approvals.briefId, brief.id));
    expect(review).toMatchObject({
      outcome: 'approved',
      approvalId: approval!.id,
      reviewerId: reviewer.id,
    });
    expect(Object.keys(review!.ticked).sort()).toEqual(['a', 'b']);
    expect(review!.ticked.a?.carriedOverFrom).toBeNull();
  });

  it('a tick still on its way when Approve is pressed waits for it, or it for the tick: no deadlock', async () => {
    const editor = await person('editor');
    for (let round = 0; round < 10; round += 1) {
      const reviewer = await person('reviewer');
      const brief = await inReview(editor);
      const tick = (sourceId: string) =>
        setReviewTick(reviewer, brief.id, {
          purpose: 'review',
          versionNumber: brief.version,
          sourceId,
          ticked: true,
        });
      const [first, approval, second] = await Promise.allSettled([
        tick('b'),
        approveBrief(reviewer, brief.id, {
          versionNumber: brief.version,
          verifiedSourceIds: ['a', 'b'],
        }),
        tick('a'),
      ]);
      expect(approval.status).toBe('fulfilled');
      // A tick that came after the approval is told the version is no longer being checked.
      for (const outcome of [first, second]) {
        if (outcome.status === 'rejected') expect(outcome.reason).toBeInstanceOf(ConflictError);
      }
    }
  });
});

describe('carried over', () => {
  it('a tick whose source, capture and citing sentences are unchanged; not the changed one', async () => {
    const editor = await person('editor');
    const first = await person('reviewer');
    const second = await person('reviewer');
    const brief = await inReview(editor);
    await storeCapture(brief.id, 'a', makeSource('a').url, '<p>Page A</p>');
    await sentBackWithTicks(brief, first, ['a', 'b']);
    // The sentence citing b changes; a's record, capture and sentence stay.
    const next = await resubmit(
      brief,
      editor,
      documentWith({ body: 'Officials still disagree about it.' }),
    );
    expect(await ticksOf(second, brief.id)).toEqual({
      a: `carried from ${brief.version}`,
      b: false,
    });
    const saved = await getReviewTicks(second, brief.id, 'review');
    expect(saved?.ticks.a?.carriedOver?.byName).toBe(first.name);
    expect(saved?.lastReview).toMatchObject({
      versionNumber: brief.version,
      outcome: 'changes_requested',
      byName: first.name,
    });

    // The approval records a as carried over, b as verified now.
    await setReviewTick(second, brief.id, {
      purpose: 'review',
      versionNumber: next.version,
      sourceId: 'b',
      ticked: true,
    });
    await approveBrief(second, brief.id, {
      versionNumber: next.version,
      verifiedSourceIds: ['a', 'b'],
    });
    const reviews = await getDb()
      .select()
      .from(completedReviews)
      .where(eq(completedReviews.briefId, brief.id))
      .orderBy(completedReviews.createdAt);
    expect(reviews).toHaveLength(2);
    expect(reviews[1]!.ticked.a?.carriedOverFrom).toBe(reviews[0]!.id);
    expect(reviews[1]!.ticked.b?.carriedOverFrom).toBeNull();
  });

  it('the reviewer may untick a carried-over source, and it stays unticked', async () => {
    const editor = await person('editor');
    const first = await person('reviewer');
    const brief = await inReview(editor);
    await sentBackWithTicks(brief, first, ['a', 'b']);
    const next = await resubmit(brief, editor, documentWith({ question: 'Did NATO promise?' }));
    expect(await ticksOf(first, brief.id)).toEqual({
      a: `carried from ${brief.version}`,
      b: `carried from ${brief.version}`,
    });
    await setReviewTick(first, brief.id, {
      purpose: 'review',
      versionNumber: next.version,
      sourceId: 'a',
      ticked: false,
    });
    expect(await ticksOf(first, brief.id)).toEqual({
      a: false,
      b: `carried from ${brief.version}`,
    });
  });

  it('not when the source record or its captured page changed', async () => {
    const editor = await person('editor');
    const first = await person('reviewer');
    const brief = await inReview(editor);
    await storeCapture(brief.id, 'b', makeSource('b').url, '<p>Page B</p>');
    await sentBackWithTicks(brief, first, ['a', 'b']);
    await resubmit(brief, editor, documentWith({ titleOfA: 'Another title' }));
    expect(await ticksOf(first, brief.id)).toEqual({
      a: false,
      b: `carried from ${brief.version}`,
    });
    // The page of b, captured again, now has other content.
    await storeCapture(brief.id, 'b', makeSource('b').url, '<p>Page B, rewritten</p>');
    expect(await ticksOf(first, brief.id)).toEqual({ a: false, b: false });
  });

  it('not when the earlier reviewer wrote part of the new version', async () => {
    const editor = await person('editor');
    const first = await person('reviewer');
    const second = await person('reviewer');
    const brief = await inReview(editor);
    await sentBackWithTicks(brief, first, ['a', 'b']);
    // The reviewer fixes the question themselves: they can no longer approve this version.
    await resubmit(brief, first, documentWith({ question: 'Did NATO promise not to expand?' }));
    expect(await ticksOf(second, brief.id)).toEqual({ a: false, b: false });
    const saved = await getReviewTicks(second, brief.id, 'review');
    expect(saved?.lastReview?.versionNumber).toBe(brief.version);
  });

  it('a re-check starts from nothing, and is saved while a newer version is in review', async () => {
    const editor = await person('editor');
    const reviewer = await person('reviewer');
    const brief = await inReview(editor);
    await approveBrief(reviewer, brief.id, {
      versionNumber: brief.version,
      verifiedSourceIds: ['a', 'b'],
    });
    await publishBrief(reviewer, brief.id, { versionNumber: brief.version });
    // The approval's ticks are of this same version: not the re-check's.
    const recheck = await getReviewTicks(reviewer, brief.id, 'recheck');
    expect(Object.values(recheck?.ticks ?? {}).map((tick) => tick.ticked)).toEqual([false, false]);

    // A newer version goes into review; the published one is re-checked meanwhile.
    const approved = await getDb()
      .select({ revision: briefs.revision })
      .from(briefs)
      .where(eq(briefs.id, brief.id));
    await resubmit(
      { id: brief.id, revision: approved[0]!.revision },
      editor,
      documentWith({ body: 'Officials disagree, and say so.' }),
    );
    await setReviewTick(reviewer, brief.id, {
      purpose: 'recheck',
      versionNumber: brief.version,
      sourceId: 'a',
      ticked: true,
    });
    const after = await getReviewTicks(reviewer, brief.id, 'recheck');
    expect(after?.versionNumber).toBe(brief.version);
    expect(after?.ticks.a?.ticked).toBe(true);
    expect(after?.ticks.b?.ticked).toBe(false);
    // The version in review is another: its boxes are its own.
    const review = await getReviewTicks(reviewer, brief.id, 'review');
    expect(review?.versionNumber).toBeGreaterThan(brief.version);
  });

  it('a review sent back by someone who wrote part of that version is no baseline', async () => {
    const editor = await person('editor');
    const writingReviewer = await person('reviewer');
    const reviewer = await person('reviewer');
    const brief = await inReview(editor);
    // Sent back, and then a reviewer writes part of the next version and sends that back too.
    await sentBackWithTicks(brief, reviewer, ['a']);
    const [row] = await getDb()
      .select({ revision: briefs.revision })
      .from(briefs)
      .where(eq(briefs.id, brief.id));
    const own = await resubmit(
      { id: brief.id, revision: row!.revision },
      writingReviewer,
      documentWith({ body: 'Officials disagree, a reviewer wrote.' }),
    );
    await requestChanges(writingReviewer, brief.id, {
      versionNumber: own.version,
      comment: 'Mine, sent back.',
    });
    const next = await resubmit(own, editor, documentWith({ body: 'Officials disagree.' }));
    const ticks = await getReviewTicks(reviewer, brief.id, 'review');
    expect(ticks?.versionNumber).toBe(next.version);
    // The baseline is the first, independent review, not the writing reviewer's own.
    expect(ticks?.lastReview?.versionNumber).toBe(brief.version);
  });
});
