import 'server-only';
import { sql } from 'drizzle-orm';
import type { BriefDocument } from '@/lib/content/document';
import { searchableText } from '@/lib/content/plain-text';

/** The public search index of a published version: the question weighs more than the text. */
export function searchIndexColumns(document: BriefDocument) {
  const searchable = searchableText(document);
  return {
    searchDocument: sql`setweight(to_tsvector('english', ${searchable.title}), 'A') || setweight(to_tsvector('english', ${searchable.text}), 'B')`,
    searchText: searchable.text,
  };
}
