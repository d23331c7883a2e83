import type { ClaimReview, CreativeWork, WithContext } from 'schema-dts';
import { type BriefClaimReview, isCalendarDate } from '@/lib/content/document';
import { isHttpUrl, normalizeLinkUrl } from '@/lib/content/link-url';
import { dataSafeUrl, xmlSafe } from '@/lib/content/safe-text';
import { type RatingScale, ratingValueOf } from '@/lib/settings/rating-scale';

/** What a ClaimReview says about who published it, where and when. */
export interface ClaimReviewContext {
  /** The brief's canonical address. */
  url: string;
  /** When the brief was first published (ISO 8601). */
  datePublished: string;
  /** The newsroom: the review's author. */
  organization: { name: string; url: string };
  ratingScale: RatingScale;
}

/** An http(s) address as the data holds it (bidirectional controls encoded), or null. */
function dataUrl(url: string): string | null {
  return isHttpUrl(url) ? dataSafeUrl(normalizeLinkUrl(url) as string) : null;
}

/**
 * A claim review as schema.org's ClaimReview, with what Google's fact-check documentation
 * requires (claimReviewed, reviewRating.alternateName, url, author) and recommends (the
 * claim as itemReviewed, its author, date and appearances; the rating's place on the scale).
 * A verdict no longer on the scale keeps its label and loses its value. Pure.
 */
export function claimReviewData(
  review: BriefClaimReview,
  context: ClaimReviewContext,
): ClaimReview {
  const appearances = review.appearances
    .map(dataUrl)
    .filter((url): url is string => url !== null)
    .map((url): CreativeWork => ({ '@type': 'CreativeWork', url }));
  const rating = ratingValueOf(context.ratingScale, review.verdict);
  const claimant = review.claimant.trim();
  return {
    '@type': 'ClaimReview',
    url: context.url,
    claimReviewed: xmlSafe(review.claim),
    datePublished: context.datePublished,
    author: {
      '@type': 'Organization',
      name: xmlSafe(context.organization.name),
      url: context.organization.url,
    },
    itemReviewed: {
      '@type': 'Claim',
      // Who made the claim is typed as a name: a person is the common case.
      author: claimant ? { '@type': 'Person', name: xmlSafe(claimant) } : undefined,
      datePublished: isCalendarDate(review.claimDate) ? review.claimDate : undefined,
      appearance: appearances.length ? appearances : undefined,
      firstAppearance: appearances[0],
    },
    reviewRating: rating
      ? { '@type': 'Rating', ...rating, alternateName: xmlSafe(rating.alternateName) }
      : { '@type': 'Rating', alternateName: xmlSafe(review.verdict) },
  };
}

/** The same, standing alone (the /claimreview.json list). */
export function claimReviewDocument(
  review: BriefClaimReview,
  context: ClaimReviewContext,
): WithContext<ClaimReview> {
  return { '@context': 'https://schema.org', ...claimReviewData(review, context) };
}
