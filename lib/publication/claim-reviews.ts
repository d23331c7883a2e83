import 'server-only';
import { and, count, desc, isNotNull, sql } from 'drizzle-orm';
import type { ClaimReview, WithContext } from 'schema-dts';
import { briefs } from '@/db/schema';
import type { BriefClaimReview } from '@/lib/content/document';
import { defaultRatingScale } from '@/lib/settings/rating-scale';
import { db, readPublic } from '@/lib/transaction';
import { claimReviewDocument } from './claim-review-data';
import type { SiteSettings } from './render';

/**
 * The type of `briefs.published_claim_review`, registered with the schema: the claim review of
 * the published version (publishBrief sets it), so that the list of claim reviews reads no
 * versions.
 */
declare module '@/db/schema' {
  interface JsonColumnTypes {
    claimReview: BriefClaimReview;
  }
}

export const CLAIM_REVIEWS_PAGE_SIZE = 100;

/** One page of /claimreview.json: schema.org ClaimReviews, with where the others are. */
export interface ClaimReviewList {
  total: number;
  page: number;
  pageSize: number;
  next: string | null;
  prev: string | null;
  claimReviews: WithContext<ClaimReview>[];
}

/**
 * The claim reviews of published briefs, the most recently checked first, a page of 100, each as
 * its brief's page states it in JSON-LD. Public: no actor; never a draft, nor a brief taken off
 * the site.
 */
export async function listPublishedClaimReviews(
  site: SiteSettings,
  page = 1,
): Promise<ClaimReviewList> {
  return readPublic(async () => {
    const executor = db();
    // `published` as itself: the partial index (briefs_public_claim_reviews) matches it.
    const isListed = and(sql`${briefs.published}`, isNotNull(briefs.publishedClaimReview));
    const [rows, [{ total } = { total: 0 }]] = await Promise.all([
      executor
        .select({
          slug: briefs.slug,
          firstPublishedAt: briefs.firstPublishedAt,
          claimReview: briefs.publishedClaimReview,
        })
        .from(briefs)
        .where(isListed)
        .orderBy(desc(briefs.publishedCheckedOn), desc(briefs.id))
        .limit(CLAIM_REVIEWS_PAGE_SIZE)
        .offset((page - 1) * CLAIM_REVIEWS_PAGE_SIZE),
      executor.select({ total: count() }).from(briefs).where(isListed),
    ]);
    const pages = Math.max(1, Math.ceil(total / CLAIM_REVIEWS_PAGE_SIZE));
    const pageUrl = (n: number) => `${site.baseUrl}/claimreview.json${n > 1 ? `?page=${n}` : ''}`;
    return {
      total,
      page,
      pageSize: CLAIM_REVIEWS_PAGE_SIZE,
      next: page < pages ? pageUrl(page + 1) : null,
      prev: page > 1 ? pageUrl(Math.min(page - 1, pages)) : null,
      claimReviews: rows.flatMap((row) =>
        row.claimReview && row.slug && row.firstPublishedAt
          ? [
              claimReviewDocument(row.claimReview, {
                url: `${site.baseUrl}/briefs/${encodeURIComponent(row.slug)}`,
                datePublished: row.firstPublishedAt.toISOString(),
                organization: { name: site.name, url: site.baseUrl },
                ratingScale: site.ratingScale ?? defaultRatingScale,
              }),
            ]
          : [],
      ),
    };
  });
}
