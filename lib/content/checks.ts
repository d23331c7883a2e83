import { type RatingScale, ratingLevelOf } from '@/lib/settings/rating-scale';
import {
  type BriefClaimReview,
  type BriefDocument,
  claimReviewStarted,
  type Source,
} from './document';
import { isHttpUrl } from './link-url';
import { briefCitations, type CitationRef, numberSources } from './numbering';
import { partLabels, richTextParts } from './parts';
import { type ParagraphFacts, paragraphsOf } from './plain-text';
import { suggestedNodeCount } from './suggestions';

/** Where a check points the editor: a field, a part, or one source. */
export type CheckTarget =
  | 'question'
  | 'summary'
  | 'body'
  | 'limitations'
  | 'sources'
  | 'claimReview'
  | `source:${string}`;

export interface CheckResult {
  id: string;
  passed: boolean;
  label: string;
  /** What is wrong, when it fails. */
  details: string[];
  target: CheckTarget;
}

export const QUESTION_MIN = 10;
export const QUESTION_MAX = 200;

function excerpt(text: string): string {
  return text.length > 60 ? `“${text.slice(0, 57)}…”` : `“${text}”`;
}

/**
 * What the checks read of a brief: the question, the sources, the citations in reading order
 * and the paragraphs of the summary and the body. The editor keeps these up to date as it goes
 * (lib/editor/part-facts) instead of reading whole documents.
 */
export interface CheckFacts {
  question: string;
  sources: Pick<Source, 'id' | 'url' | 'title' | 'accessedAt' | 'incomplete'>[];
  citations: readonly CitationRef[];
  summaryParagraphs: readonly ParagraphFacts[];
  bodyParagraphs: readonly ParagraphFacts[];
  /** Nodes marked as pending suggestions in the summary, the body and the limitations. */
  suggestedNodes: readonly [number, number, number] | readonly number[];
  claimReview?: BriefClaimReview | null;
  /** The newsroom's current rating scale: a verdict must be one of its labels. */
  ratingScale: RatingScale;
}

/**
 * The automated checks of product.md §3: shown live to the editor, enforced on the server at
 * submit, approve and publish. They never block saving a draft.
 */
export function runChecks(document: BriefDocument, ratingScale: RatingScale): CheckResult[] {
  return checkFacts({
    question: document.question,
    sources: document.sources,
    citations: briefCitations(document),
    summaryParagraphs: paragraphsOf(document.summary),
    bodyParagraphs: paragraphsOf(document.body),
    suggestedNodes: richTextParts.map((part) => suggestedNodeCount(document[part])),
    claimReview: document.claimReview,
    ratingScale,
  });
}

/** What keeps a started claim review from being complete (none: nothing, or nothing started). */
export function claimReviewProblems(
  review: BriefClaimReview | null | undefined,
  scale: RatingScale,
): string[] {
  if (!review || !claimReviewStarted(review)) return [];
  const problems: string[] = [];
  if (!review.claim.trim()) problems.push('The claim review has no claim.');
  const verdict = review.verdict.trim();
  if (!verdict) problems.push('The claim review has no verdict.');
  else if (!ratingLevelOf(scale, verdict)) {
    problems.push(`The verdict “${verdict}” is not on the rating scale: choose another.`);
  }
  return problems;
}

/** The checks of `runChecks`, from the facts they read. */
export function checkFacts(facts: CheckFacts): CheckResult[] {
  const { citations, summaryParagraphs } = facts;
  const sourceIds = new Set(facts.sources.map((s) => s.id));
  const numbers = numberSources(
    citations.map((c) => c.sourceId),
    sourceIds,
  );
  const question = facts.question.trim();
  const broken = citations.filter((c) => !sourceIds.has(c.sourceId));
  const uncited = facts.sources.filter((s) => !numbers.has(s.id));
  const uncitedParagraphs = [
    ...summaryParagraphs.map((p) => ({ ...p, part: 'Executive summary' })),
    ...facts.bodyParagraphs.map((p) => ({ ...p, part: 'Body' })),
  ].filter((p) => !p.cites && !p.exempt);
  const incompleteSources = facts.sources.filter(
    (s) => !isHttpUrl(s.url) || !s.title.trim() || !s.accessedAt || s.incomplete,
  );

  const check = (
    id: string,
    label: string,
    details: string[],
    target: CheckTarget,
  ): CheckResult => ({ id, label, details, passed: details.length === 0, target });

  return [
    check(
      'question',
      `Question of ${QUESTION_MIN}–${QUESTION_MAX} characters`,
      question.length === 0
        ? ['The question is empty.']
        : question.length < QUESTION_MIN || question.length > QUESTION_MAX
          ? [`The question has ${question.length} characters.`]
          : [],
      'question',
    ),
    check(
      'summary',
      'Executive summary written',
      summaryParagraphs.length ? [] : ['The executive summary is empty.'],
      'summary',
    ),
    check(
      'sources',
      'At least one source',
      facts.sources.length ? [] : ['No sources yet.'],
      'sources',
    ),
    check(
      'broken-citations',
      'No broken citations',
      broken.map((c) => `A citation in the ${c.part} points to a deleted source.`),
      broken[0]?.part ?? 'body',
    ),
    check(
      'uncited-sources',
      'Every source is cited',
      uncited.map((s) => `Uncited: ${s.title || s.url || 'untitled source'}`),
      uncited[0] ? `source:${uncited[0].id}` : 'sources',
    ),
    check(
      'paragraph-citations',
      'Every paragraph cites a source',
      uncitedParagraphs.map((p) => `${p.part}: ${excerpt(p.text)} cites nothing.`),
      uncitedParagraphs[0]?.part === 'Body' ? 'body' : 'summary',
    ),
    check(
      'source-fields',
      'Every source has an http(s) URL, a title and an accessed date',
      incompleteSources.map((s) => `Incomplete: ${s.title || s.url || 'untitled source'}`),
      incompleteSources[0] ? `source:${incompleteSources[0].id}` : 'sources',
    ),
    check(
      'pending-suggestions',
      'No pending suggestions',
      richTextParts
        .filter((_, index) => (facts.suggestedNodes[index] ?? 0) > 0)
        .map((part) => `${partLabels[part]}: suggested changes to accept or reject.`),
      richTextParts.find((_, index) => (facts.suggestedNodes[index] ?? 0) > 0) ?? 'body',
    ),
    check(
      'claim-review',
      'A claim review has a claim and a verdict on the rating scale',
      claimReviewProblems(facts.claimReview, facts.ratingScale),
      'claimReview',
    ),
  ];
}

export function failedChecks(document: BriefDocument, ratingScale: RatingScale): CheckResult[] {
  return runChecks(document, ratingScale).filter((c) => !c.passed);
}
