import { type CheckResult, checkFacts } from '@/lib/content/checks';
import {
  type BriefClaimReview,
  type BriefDocument,
  claimReviewStarted,
  emptyClaimReview,
  type Source,
  type SourceFields,
} from '@/lib/content/document';
import { type RichTextPart, richTextParts } from '@/lib/content/extensions';
import { type CitationRef, citationsIn, numberSources } from '@/lib/content/numbering';
import { paragraphsOf } from '@/lib/content/plain-text';
import { suggestedNodeCount } from '@/lib/content/suggestions';
import type { RatingScale } from '@/lib/settings/rating-scale';
import type { PartFacts } from './part-facts';

/** The brief's fields other than its three rich-text parts (those live in their editors). */
export interface BriefFields {
  question: string;
  /** The related questions as typed: one a line. */
  relatedText: string;
  sources: Source[];
  /** The claim review as typed (all empty: the brief has none). */
  claimReview: BriefClaimReview;
}

export type BriefFieldsAction =
  | { type: 'questionChanged'; question: string }
  | { type: 'relatedChanged'; text: string }
  | { type: 'sourceAdded'; source: Source }
  | { type: 'sourceUpdated'; id: string; fields: SourceFields }
  | { type: 'sourceDeleted'; id: string }
  | { type: 'claimReviewChanged'; claimReview: BriefClaimReview }
  /** A whole document replaced the text (a restored local copy, or theirs in a conflict). */
  | { type: 'replaced'; document: BriefDocument };

export function relatedFromText(text: string): BriefDocument['relatedQuestions'] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => ({ text: line }));
}

/** The claim review as stored: none when nothing is filled in, addresses without empty rows. */
export function storedClaimReview(review: BriefClaimReview): BriefClaimReview | null {
  if (!claimReviewStarted(review)) return null;
  return { ...review, appearances: review.appearances.map((url) => url.trim()).filter(Boolean) };
}

export function fieldsOf(document: BriefDocument): BriefFields {
  return {
    question: document.question,
    relatedText: document.relatedQuestions.map((q) => q.text).join('\n'),
    sources: document.sources,
    claimReview: document.claimReview ?? emptyClaimReview(),
  };
}

export function briefFieldsReducer(fields: BriefFields, action: BriefFieldsAction): BriefFields {
  switch (action.type) {
    case 'questionChanged':
      return { ...fields, question: action.question };
    case 'relatedChanged':
      return { ...fields, relatedText: action.text };
    case 'sourceAdded':
      return { ...fields, sources: [...fields.sources, action.source] };
    case 'sourceUpdated':
      return {
        ...fields,
        sources: fields.sources.map((source) =>
          source.id === action.id
            ? { ...source, ...action.fields, id: source.id, incomplete: undefined }
            : source,
        ),
      };
    case 'claimReviewChanged':
      return { ...fields, claimReview: action.claimReview };
    case 'sourceDeleted':
      return { ...fields, sources: fields.sources.filter((source) => source.id !== action.id) };
    case 'replaced':
      return fieldsOf(action.document);
  }
}

/** Everything the editor's panels show, derived from the fields and the parts' facts. */
export interface BriefSnapshot {
  fields: BriefFields;
  parts: Readonly<Record<RichTextPart, PartFacts>>;
  /** Every citation in reading order (summary, body, limitations). */
  citations: CitationRef[];
  /** Source numbers by first appearance. */
  numbers: ReadonlyMap<string, number>;
  checks: CheckResult[];
}

function factsOfJson(document: BriefDocument, part: RichTextPart): PartFacts {
  return {
    citations: citationsIn(document[part], part),
    paragraphs: paragraphsOf(document[part]),
    suggestedNodes: suggestedNodeCount(document[part]),
  };
}

function sameNumbers(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): boolean {
  if (a.size !== b.size) return false;
  for (const [id, n] of a) if (b.get(id) !== n) return false;
  return true;
}

/** How long the checks wait for a pause in typing (they are shown live, not per keystroke). */
export const CHECKS_DELAY_MS = 400;

/**
 * The editor's state outside ProseMirror, as an external store (React reads it with
 * useSyncExternalStore). Each derived value keeps its identity until what it depends on
 * changes: numbers follow the citations and the sources, not the text, so typing re-renders
 * nothing that shows them.
 */
export class BriefStore {
  private snapshot: BriefSnapshot;
  private readonly listeners = new Set<() => void>();
  private checksTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    document: BriefDocument,
    private readonly ratingScale: RatingScale,
  ) {
    const fields = fieldsOf(document);
    const parts = {
      summary: factsOfJson(document, 'summary'),
      body: factsOfJson(document, 'body'),
      limitations: factsOfJson(document, 'limitations'),
    };
    const citations = richTextParts.flatMap((part) => parts[part].citations);
    this.snapshot = {
      fields,
      parts,
      citations,
      numbers: numberSources(
        citations.map((c) => c.sourceId),
        new Set(fields.sources.map((s) => s.id)),
      ),
      checks: [],
    };
    this.snapshot.checks = this.computeChecks();
  }

  getSnapshot = (): BriefSnapshot => this.snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  dispatch(action: BriefFieldsAction): void {
    const fields = briefFieldsReducer(this.snapshot.fields, action);
    this.update({ ...this.snapshot, fields });
    if (action.type === 'replaced') this.checkNow();
  }

  /** A part's facts changed (told by its editor's plugin, see part-facts). */
  setPart(part: RichTextPart, facts: PartFacts): void {
    if (this.snapshot.parts[part] === facts) return;
    this.update({ ...this.snapshot, parts: { ...this.snapshot.parts, [part]: facts } });
  }

  /** Runs the checks now rather than after the pause. */
  checkNow(): void {
    clearTimeout(this.checksTimer);
    this.checksTimer = undefined;
    const checks = this.computeChecks();
    // The same results as before: nothing to re-render (checks run after every pause).
    if (JSON.stringify(checks) === JSON.stringify(this.snapshot.checks)) return;
    this.publish({ ...this.snapshot, checks });
  }

  dispose(): void {
    clearTimeout(this.checksTimer);
    this.listeners.clear();
  }

  private update(next: BriefSnapshot): void {
    const previous = this.snapshot;
    const citationsChanged = richTextParts.some(
      (part) => next.parts[part].citations !== previous.parts[part].citations,
    );
    const citations = citationsChanged
      ? richTextParts.flatMap((part) => next.parts[part].citations)
      : previous.citations;
    let numbers = previous.numbers;
    if (citationsChanged || next.fields.sources !== previous.fields.sources) {
      const fresh = numberSources(
        citations.map((c) => c.sourceId),
        new Set(next.fields.sources.map((s) => s.id)),
      );
      if (!sameNumbers(fresh, numbers)) numbers = fresh;
    }
    const checksInputChanged =
      citationsChanged ||
      next.fields.question !== previous.fields.question ||
      next.fields.sources !== previous.fields.sources ||
      next.fields.claimReview !== previous.fields.claimReview ||
      // The paragraphs are read only when the checks run (they may be computed lazily).
      next.parts.summary !== previous.parts.summary ||
      next.parts.body !== previous.parts.body ||
      // The limitations are read for their pending suggestions.
      next.parts.limitations !== previous.parts.limitations;
    this.publish({ ...next, citations, numbers });
    if (checksInputChanged) this.scheduleChecks();
  }

  private scheduleChecks(): void {
    clearTimeout(this.checksTimer);
    this.checksTimer = setTimeout(() => this.checkNow(), CHECKS_DELAY_MS);
  }

  private computeChecks(): CheckResult[] {
    const { fields, parts, citations } = this.snapshot;
    return checkFacts({
      question: fields.question,
      sources: fields.sources,
      citations,
      summaryParagraphs: parts.summary.paragraphs,
      bodyParagraphs: parts.body.paragraphs,
      suggestedNodes: richTextParts.map((part) => parts[part].suggestedNodes),
      claimReview: fields.claimReview,
      ratingScale: this.ratingScale,
    });
  }

  private publish(next: BriefSnapshot): void {
    this.snapshot = next;
    for (const listener of this.listeners) listener();
  }
}
