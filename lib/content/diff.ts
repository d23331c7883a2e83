import { diffWordsWithSpace } from 'diff';
import type { BriefClaimReview, BriefDocument, Source } from './document';
import { briefCitations, numberSources } from './numbering';
import { richTextToPlain } from './plain-text';

export interface TextChange {
  value: string;
  added: boolean;
  removed: boolean;
}

export interface PartComparison {
  part: string;
  label: string;
  changed: boolean;
  changes: TextChange[];
}

export interface CitationChange {
  citationId: string;
  part: string;
  /** "[2] Title of the source", in the version it belongs to. */
  source: string;
}

export interface SourceFieldChange {
  field: string;
  from: string;
  to: string;
}

export interface VersionComparison {
  parts: PartComparison[];
  citations: {
    added: CitationChange[];
    removed: CitationChange[];
    repointed: { citationId: string; part: string; from: string; to: string }[];
  };
  sources: {
    added: Source[];
    removed: Source[];
    changed: { id: string; title: string; fields: SourceFieldChange[] }[];
  };
}

const sourceFieldLabels: Record<string, string> = {
  url: 'URL',
  title: 'Title',
  publisher: 'Publisher',
  author: 'Author',
  publishedAt: 'Published date',
  accessedAt: 'Accessed date',
  archiveUrl: 'Archive URL',
  quote: 'Quote',
  note: 'Internal note',
};

function numbering(document: BriefDocument) {
  const citations = briefCitations(document);
  const sources = new Map(document.sources.map((s) => [s.id, s]));
  const numbers = numberSources(
    citations.map((c) => c.sourceId),
    new Set(sources.keys()),
  );
  const describe = (sourceId: string) => {
    const source = sources.get(sourceId);
    const n = numbers.get(sourceId);
    return source
      ? `[${n ?? '–'}] ${source.title || source.url || 'untitled source'}`
      : '[?] deleted source';
  };
  return { citations, numbers, describe };
}

/** A claim review as lines of text, one a field, for comparing versions ('' for none). */
export function claimReviewText(review: BriefClaimReview | null | undefined): string {
  if (!review) return '';
  return [
    `Claim: ${review.claim}`,
    `Claimant: ${review.claimant}`,
    `Claim date: ${review.claimDate}`,
    `Where the claim appeared: ${review.appearances.join(' ')}`,
    `Verdict: ${review.verdict}`,
  ].join('\n');
}

function textDiff(part: string, label: string, from: string, to: string): PartComparison {
  const changes = diffWordsWithSpace(from, to).map((change) => ({
    value: change.value,
    added: !!change.added,
    removed: !!change.removed,
  }));
  return { part, label, changed: changes.some((c) => c.added || c.removed), changes };
}

/**
 * What changed from one version to another, as people read it: the text of each part (with
 * citations as their numbers), the citations, and the sources. Not a JSON diff.
 */
export function compareVersions(from: BriefDocument, to: BriefDocument): VersionComparison {
  const before = numbering(from);
  const after = numbering(to);

  const parts = [
    textDiff('question', 'Question', from.question, to.question),
    textDiff(
      'summary',
      'Executive summary',
      richTextToPlain(from.summary, before.numbers),
      richTextToPlain(to.summary, after.numbers),
    ),
    textDiff(
      'body',
      'Body',
      richTextToPlain(from.body, before.numbers),
      richTextToPlain(to.body, after.numbers),
    ),
    textDiff(
      'limitations',
      'Limitations',
      richTextToPlain(from.limitations, before.numbers),
      richTextToPlain(to.limitations, after.numbers),
    ),
    textDiff(
      'relatedQuestions',
      'Related questions',
      from.relatedQuestions.map((q) => q.text).join('\n'),
      to.relatedQuestions.map((q) => q.text).join('\n'),
    ),
    textDiff(
      'claimReview',
      'Claim review',
      claimReviewText(from.claimReview),
      claimReviewText(to.claimReview),
    ),
  ];

  const beforeById = new Map(before.citations.map((c) => [c.citationId, c]));
  const afterById = new Map(after.citations.map((c) => [c.citationId, c]));
  const citations: VersionComparison['citations'] = { added: [], removed: [], repointed: [] };
  for (const citation of after.citations) {
    const old = beforeById.get(citation.citationId);
    if (!old) {
      citations.added.push({
        citationId: citation.citationId,
        part: citation.part,
        source: after.describe(citation.sourceId),
      });
    } else if (old.sourceId !== citation.sourceId) {
      citations.repointed.push({
        citationId: citation.citationId,
        part: citation.part,
        from: before.describe(old.sourceId),
        to: after.describe(citation.sourceId),
      });
    }
  }
  for (const citation of before.citations) {
    if (!afterById.has(citation.citationId)) {
      citations.removed.push({
        citationId: citation.citationId,
        part: citation.part,
        source: before.describe(citation.sourceId),
      });
    }
  }

  const beforeSources = new Map(from.sources.map((s) => [s.id, s]));
  const afterSources = new Map(to.sources.map((s) => [s.id, s]));
  const sources: VersionComparison['sources'] = {
    added: to.sources.filter((s) => !beforeSources.has(s.id)),
    removed: from.sources.filter((s) => !afterSources.has(s.id)),
    changed: [],
  };
  for (const source of to.sources) {
    const old = beforeSources.get(source.id);
    if (!old) continue;
    const fields = Object.keys(sourceFieldLabels)
      .filter(
        (field) =>
          (old as Record<string, unknown>)[field] !== (source as Record<string, unknown>)[field],
      )
      .map((field) => ({
        field: sourceFieldLabels[field] ?? field,
        from: String((old as Record<string, unknown>)[field] ?? ''),
        to: String((source as Record<string, unknown>)[field] ?? ''),
      }));
    if (fields.length)
      sources.changed.push({ id: source.id, title: source.title || source.url, fields });
  }
  return { parts, citations, sources };
}
