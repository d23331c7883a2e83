import type { BriefDocument, Source } from '@/lib/content/document';
import { numberedSources } from '@/lib/content/numbered-sources';

type CslDate = { 'date-parts': [[number, number, number]] };

/** One CSL-JSON item (the subset of CSL 1.0.2 variables a source record fills). */
export interface CslItem {
  id: string;
  type: 'webpage';
  title?: string;
  URL?: string;
  'container-title'?: string;
  author?: { literal: string }[];
  issued?: CslDate;
  accessed?: CslDate;
  note?: string;
}

function cslDate(value: string): CslDate | undefined {
  if (!value) return undefined;
  const [year, month, day] = value.split('-').map(Number) as [number, number, number];
  return { 'date-parts': [[year, month, day]] };
}

function cslItem(source: Source): CslItem {
  const item: CslItem = { id: source.id, type: 'webpage' };
  if (source.title) item.title = source.title;
  if (source.url) item.URL = source.url;
  if (source.publisher) item['container-title'] = source.publisher;
  // One free-text name: splitting "given" and "family" would guess wrong for many names.
  if (source.author) item.author = [{ literal: source.author }];
  const issued = cslDate(source.publishedAt);
  if (issued) item.issued = issued;
  const accessed = cslDate(source.accessedAt);
  if (accessed) item.accessed = accessed;
  // CSL has no variable for an archived copy's address; a note keeps it. The internal note stays out.
  if (source.archiveUrl) item.note = `Archived copy: ${source.archiveUrl}`;
  return item;
}

/** A brief's sources as CSL-JSON, in citation-number order, uncited ones last. */
export function sourcesToCsl(document: BriefDocument): CslItem[] {
  const { cited, uncited } = numberedSources(document);
  return [...cited, ...uncited].map(cslItem);
}
