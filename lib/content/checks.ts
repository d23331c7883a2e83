import type { BriefDocument } from './document';
import { isHttpUrl } from './link-url';
import { briefCitations, numberSources } from './numbering';
import { paragraphsOf } from './plain-text';

/** Where a check points the editor: a field, a part, or one source. */
export type CheckTarget =
  | 'question'
  | 'summary'
  | 'body'
  | 'limitations'
  | 'sources'
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
 * The automated checks of product.md §3: shown live to the editor, enforced on the server at
 * submit, approve and publish. They never block saving a draft.
 */
export function runChecks(document: BriefDocument): CheckResult[] {
  const sourceIds = new Set(document.sources.map((s) => s.id));
  const citations = briefCitations(document);
  const numbers = numberSources(
    citations.map((c) => c.sourceId),
    sourceIds,
  );
  const question = document.question.trim();
  const summaryParagraphs = paragraphsOf(document.summary);
  const broken = citations.filter((c) => !sourceIds.has(c.sourceId));
  const uncited = document.sources.filter((s) => !numbers.has(s.id));
  const uncitedParagraphs = [
    ...summaryParagraphs.map((p) => ({ ...p, part: 'Executive summary' })),
    ...paragraphsOf(document.body).map((p) => ({ ...p, part: 'Body' })),
  ].filter((p) => !p.cites && !p.exempt);
  const incompleteSources = document.sources.filter(
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
      document.sources.length ? [] : ['No sources yet.'],
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
  ];
}

export function failedChecks(document: BriefDocument): CheckResult[] {
  return runChecks(document).filter((c) => !c.passed);
}
