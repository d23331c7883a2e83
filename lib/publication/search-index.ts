import 'server-only';
import { sql } from 'drizzle-orm';
import type { BriefDocument } from '@/lib/content/document';
import { searchableText } from '@/lib/content/plain-text';
import { questionKey } from './related';

/**
 * The public search index of a published version: the question weighs most (A), then the text
 * (B), then the related questions (C), so that a brief found only by one of its related questions
 * ranks below those that treat the words themselves. The related questions are appended exactly
 * as migration 0024 back-filled the briefs published before it. And the related questions as
 * they are matched, for the pages a publication changes (page-events.ts).
 */
export function searchIndexColumns(document: BriefDocument) {
  const searchable = searchableText(document);
  const related = relatedQuestionsText(document);
  const relatedWeight = related
    ? sql` || setweight(to_tsvector('english', ${related}), 'C')`
    : sql``;
  return {
    searchDocument: sql`setweight(to_tsvector('english', ${searchable.title}), 'A') || setweight(to_tsvector('english', ${searchable.text}), 'B')${relatedWeight}`,
    searchText: searchable.text,
    publishedRelatedKeys: document.relatedQuestions.map((q) => questionKey(q.text)),
  };
}

/** The related questions' texts, one a line, as the index and the search's snippets read them. */
export function relatedQuestionsText(document: Pick<BriefDocument, 'relatedQuestions'>): string {
  return document.relatedQuestions.map((q) => q.text).join('\n');
}
