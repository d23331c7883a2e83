import { z } from 'zod';
import { DOCUMENT_LIMITS } from './limits';
import { isHttpUrl } from './link-url';
import type { RichNode } from './numbering';
import { idSchema } from './record-id';
import { safeString, safeUrlString } from './safe-text';

export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

const optionalDate = z
  .string()
  .trim()
  .refine((value) => value === '' || isCalendarDate(value), 'Enter a date as YYYY-MM-DD.');

const optionalHttpUrl = (field: string) =>
  safeUrlString(field)
    .trim()
    .max(2048, 'Addresses have at most 2,048 characters.')
    .refine(
      (value) => value === '' || isHttpUrl(value),
      'Enter an address starting with http:// or https://.',
    );

/** Trimmed text of at most `max` characters; `field` names it in the message about bad characters. */
export const boundedText = (field: string, max: number) =>
  safeString(field)
    .trim()
    .max(max, `At most ${max.toLocaleString('en-US')} characters.`);

/** One source record. Optional values are empty strings; drafts may leave any of them empty. */
export const sourceSchema = z
  .object({
    id: idSchema,
    url: optionalHttpUrl('Source URL'),
    title: boundedText('Source title', 500),
    publisher: boundedText('Publisher', 300),
    author: boundedText('Author', 300),
    publishedAt: optionalDate,
    accessedAt: optionalDate,
    archiveUrl: optionalHttpUrl('Archive URL'),
    quote: boundedText('Quote', 5000),
    note: boundedText('Internal note', 5000),
    /** Set by import for placeholder sources that still need their details. */
    incomplete: z.boolean().optional(),
  })
  .strict();
export type Source = z.infer<typeof sourceSchema>;

/** The fields a person edits in the source form (the id is generated). */
export const sourceFieldsSchema = sourceSchema.omit({ id: true, incomplete: true });
export type SourceFields = z.infer<typeof sourceFieldsSchema>;

/** A source with nothing filled in but the date it was added (its accessed date by default). */
export function emptySourceFields(accessedAt: string): SourceFields {
  return {
    url: '',
    title: '',
    publisher: '',
    author: '',
    publishedAt: '',
    accessedAt,
    archiveUrl: '',
    quote: '',
    note: '',
  };
}

export const relatedQuestionSchema = z
  .object({
    text: boundedText('Related question', 300).min(1, 'A related question cannot be empty.'),
    briefId: z.uuid().nullable().optional(),
  })
  .strict();

/** The longest claim, and how many places a claim review may name. */
export const CLAIM_REVIEW_LIMITS = { claim: 1000, claimant: 300, verdict: 40, appearances: 20 };

/**
 * The claim a brief checks, who made it, when and where, and the verdict (a label of the
 * newsroom's rating scale, lib/settings/rating-scale). Drafts may leave any field empty; the
 * checks ask for the claim and a verdict on the current scale before review.
 */
export const claimReviewSchema = z
  .object({
    claim: boundedText('Claim', CLAIM_REVIEW_LIMITS.claim),
    claimant: boundedText('Claimant', CLAIM_REVIEW_LIMITS.claimant),
    claimDate: safeString('Claim date')
      .trim()
      .refine(
        (value) => value === '' || isCalendarDate(value),
        'Claim date: enter a date as YYYY-MM-DD.',
      ),
    appearances: z
      .array(
        safeUrlString('Where the claim appeared')
          .trim()
          .max(2048, 'Addresses have at most 2,048 characters.')
          .refine(
            (value) => value === '' || isHttpUrl(value),
            'Where the claim appeared: enter each address starting with http:// or https://.',
          ),
      )
      .max(
        CLAIM_REVIEW_LIMITS.appearances,
        `Where the claim appeared: at most ${CLAIM_REVIEW_LIMITS.appearances} addresses.`,
      ),
    verdict: boundedText('Verdict', CLAIM_REVIEW_LIMITS.verdict),
  })
  .strict();
export type BriefClaimReview = z.infer<typeof claimReviewSchema>;

export function emptyClaimReview(): BriefClaimReview {
  return { claim: '', claimant: '', claimDate: '', appearances: [], verdict: '' };
}

/** Whether anything of a claim review is filled in (an empty one is stored as none). */
export function claimReviewStarted(review: BriefClaimReview | null | undefined): boolean {
  return Boolean(
    review &&
      (review.claim.trim() ||
        review.claimant.trim() ||
        review.claimDate.trim() ||
        review.verdict.trim() ||
        review.appearances.some((url) => url.trim())),
  );
}

export interface BriefDocument {
  question: string;
  summary: RichNode;
  body: RichNode;
  limitations: RichNode;
  relatedQuestions: { text: string; briefId?: string | null }[];
  sources: Source[];
  /**
   * The claim review, when the brief has one. Absent (never null) in what is stored, so that
   * the versions without one, older ones included, keep their content hash.
   */
  claimReview?: BriefClaimReview | null;
}

export const emptyRichDoc = (): RichNode => ({ type: 'doc', content: [{ type: 'paragraph' }] });

export function emptyBriefDocument(): BriefDocument {
  return {
    question: '',
    summary: emptyRichDoc(),
    body: emptyRichDoc(),
    limitations: emptyRichDoc(),
    relatedQuestions: [],
    sources: [],
  };
}

export { DOCUMENT_LIMITS };
