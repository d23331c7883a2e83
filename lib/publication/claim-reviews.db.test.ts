import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { briefs } from '@/db/schema';
import { createBrief, saveBrief } from '@/lib/briefs/mutations';
import type { BriefClaimReview, BriefDocument } from '@/lib/content/document';
import { InvalidError } from '@/lib/errors';
import { completeDocument, verifiedAll } from '@/lib/policy/test-briefs';
import { defaultRatingScale } from '@/lib/settings/rating-scale';
import { getSiteSettings, updateRatingScale } from '@/lib/settings/site';
import { createTestPerson } from '@/lib/users/test-people';
import { approveBrief, submitForReview } from '@/lib/workflow/mutations';
import { listPublishedClaimReviews } from './claim-reviews';
import { publishBrief, unpublishBrief } from './mutations';

const claimReview = (claim: string, verdict = 'False'): BriefClaimReview => ({
  claim,
  claimant: 'A. Politician',
  claimDate: '2025-11-03',
  appearances: ['https://video.example/speech'],
  verdict,
});

const withReview = (question: string, review: BriefClaimReview | undefined): BriefDocument => ({
  ...completeDocument(question),
  ...(review ? { claimReview: review } : {}),
});

/** Saves `document` as the brief's next version and takes it through review (approved). */
async function approveVersion(id: string, revision: number, document: BriefDocument) {
  const editor = await createTestPerson('editor');
  const saved = await saveBrief(editor, id, { baseRevision: revision, kind: 'save', document });
  await submitForReview(editor, id);
  await approveBrief(await createTestPerson('reviewer'), id, {
    versionNumber: saved.head.number,
    verifiedSourceIds: verifiedAll,
  });
  return saved.head;
}

async function publishedClaimReviewOf(id: string) {
  const [row] = await getDb()
    .select({ review: briefs.publishedClaimReview })
    .from(briefs)
    .where(eq(briefs.id, id));
  return row?.review;
}

const listedClaims = async () =>
  (await listPublishedClaimReviews(await getSiteSettings())).claimReviews.map(
    (review) => review.claimReviewed,
  );

describe('published claim reviews', () => {
  it('publishing sets the brief’s published claim review and a version without one clears it; drafts and unpublished briefs are never listed', async () => {
    const reviewer = await createTestPerson('reviewer');
    const { id } = await createBrief(await createTestPerson('editor'));
    const first = await approveVersion(
      id,
      1,
      withReview('Did the minister say the tax fell?', claimReview('CLAIM-PUBLISHED')),
    );
    await publishBrief(reviewer, id, { versionNumber: first.number });
    expect(await publishedClaimReviewOf(id)).toEqual(claimReview('CLAIM-PUBLISHED'));
    expect(await listedClaims()).toContain('CLAIM-PUBLISHED');

    // A draft on top with another claim review: the public list keeps the published one.
    const editor = await createTestPerson('editor');
    const draft = await saveBrief(editor, id, {
      baseRevision: first.revision,
      kind: 'save',
      document: withReview('Did the minister say the tax fell?', claimReview('CLAIM-DRAFT')),
    });
    expect(await listedClaims()).not.toContain('CLAIM-DRAFT');

    // A new version without a claim review, published: none any more.
    const second = await approveVersion(
      id,
      draft.head.revision,
      withReview('Did the minister say the tax fell?', undefined),
    );
    await publishBrief(reviewer, id, { versionNumber: second.number, change: { kind: 'typo' } });
    expect(await publishedClaimReviewOf(id)).toBeNull();
    expect(await listedClaims()).not.toContain('CLAIM-PUBLISHED');
  });

  it('a brief taken off the site leaves the list; one never published is never in it', async () => {
    const { id } = await createBrief(await createTestPerson('editor'));
    const head = await approveVersion(
      id,
      1,
      withReview('Did the mayor close the library?', claimReview('CLAIM-WITHDRAWN')),
    );
    const approvedOnly = await createBrief(await createTestPerson('editor'));
    await approveVersion(
      approvedOnly.id,
      1,
      withReview('Did the mayor open the pool?', claimReview('CLAIM-APPROVED-ONLY')),
    );
    await publishBrief(await createTestPerson('reviewer'), id, { versionNumber: head.number });
    expect(await listedClaims()).toContain('CLAIM-WITHDRAWN');
    await unpublishBrief(await createTestPerson('admin'), id, { reason: 'Legal review.' });
    const claims = await listedClaims();
    expect(claims).not.toContain('CLAIM-WITHDRAWN');
    expect(claims).not.toContain('CLAIM-APPROVED-ONLY');
  });

  it('lists the most recently checked first, as ClaimReviews of the brief’s canonical address, with a total', async () => {
    const reviewer = await createTestPerson('reviewer');
    const publishCheckedOn = async (question: string, claim: string, at: Date) => {
      const { id } = await createBrief(await createTestPerson('editor'));
      const editor = await createTestPerson('editor');
      const saved = await saveBrief(editor, id, {
        baseRevision: 1,
        kind: 'save',
        document: withReview(question, claimReview(claim, 'Mostly true')),
      });
      await submitForReview(editor, id);
      await approveBrief(
        await createTestPerson('reviewer'),
        id,
        { versionNumber: saved.head.number, verifiedSourceIds: verifiedAll },
        at,
      );
      await publishBrief(reviewer, id, { versionNumber: saved.head.number });
    };
    await publishCheckedOn(
      'Did the river flood in 1990?',
      'CLAIM-OLDER',
      new Date('2001-01-02T12:00:00Z'),
    );
    await publishCheckedOn(
      'Did the river flood in 1991?',
      'CLAIM-NEWER',
      new Date('2099-01-02T12:00:00Z'),
    );
    const list = await listPublishedClaimReviews(await getSiteSettings());
    expect(list.claimReviews[0]?.claimReviewed).toBe('CLAIM-NEWER');
    const claims = list.claimReviews.map((review) => review.claimReviewed);
    expect(claims.indexOf('CLAIM-NEWER')).toBeLessThan(claims.indexOf('CLAIM-OLDER'));
    expect(list.total).toBe(list.claimReviews.length);
    expect(list.prev).toBeNull();
    expect(list.next).toBeNull();
    const newer = JSON.parse(JSON.stringify(list.claimReviews[0])) as {
      '@context': string;
      url: string;
      reviewRating: unknown;
    };
    expect(newer['@context']).toBe('https://schema.org');
    expect(newer.url).toMatch(/\/briefs\/did-the-river-flood-in-1991/);
    expect(newer.reviewRating).toEqual({
      '@type': 'Rating',
      ratingValue: 5,
      bestRating: 6,
      worstRating: 1,
      alternateName: 'Mostly true',
    });
    expect((await listPublishedClaimReviews(await getSiteSettings(), 2)).claimReviews).toEqual([]);
  });

  it('a verdict taken off the rating scale after the approval holds the publication back', async () => {
    const { id } = await createBrief(await createTestPerson('editor'));
    const head = await approveVersion(
      id,
      1,
      withReview('Did the council ban cars?', claimReview('CLAIM-SCALE', 'Unsupported')),
    );
    const admin = await createTestPerson('admin');
    await updateRatingScale(
      admin,
      defaultRatingScale.filter((level) => level.label !== 'Unsupported'),
    );
    try {
      const publishing = publishBrief(await createTestPerson('reviewer'), id, {
        versionNumber: head.number,
      });
      await expect(publishing).rejects.toThrow(InvalidError);
      await expect(publishing).rejects.toThrow(/claim review has a claim and a verdict/);
      expect(await publishedClaimReviewOf(id)).toBeNull();
    } finally {
      await updateRatingScale(admin, defaultRatingScale);
    }
  });
});
