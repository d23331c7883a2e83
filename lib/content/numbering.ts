import { type RichTextPart, richTextParts } from './parts';

/** A ProseMirror document as JSON (the stored form of summary, body and limitations). */
export interface RichNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: RichNode[];
  marks?: { type: string; attrs?: Record<string, unknown> }[];
  text?: string;
}

export interface CitationRef {
  citationId: string;
  sourceId: string;
  locator: string | null;
  part: RichTextPart;
}

/**
 * A citation as every rendering of a brief shows it (editor, article, Markdown): `[4]`, or
 * `[4, p. 12]` with a pinpoint; `[?]` when its source is gone, whose pinpoint then means nothing.
 */
export function citationMarker(n: number | undefined, locator: string | null | undefined): string {
  if (!n) return '[?]';
  const pinpoint = locator?.trim();
  return pinpoint ? `[${n}, ${pinpoint}]` : `[${n}]`;
}

/**
 * Numbers sources by first appearance in a sequence of cited source ids; the same source keeps
 * its number. Ids of unknown sources (broken citations) get none.
 */
export function numberSources(
  citedSourceIds: Iterable<string>,
  existingSourceIds: ReadonlySet<string>,
): Map<string, number> {
  const numbers = new Map<string, number>();
  for (const sourceId of citedSourceIds) {
    if (!numbers.has(sourceId) && existingSourceIds.has(sourceId)) {
      numbers.set(sourceId, numbers.size + 1);
    }
  }
  return numbers;
}

/** Every citation of a JSON document, in document order. */
export function citationsIn(doc: RichNode | undefined, part: RichTextPart): CitationRef[] {
  const found: CitationRef[] = [];
  const visit = (node: RichNode) => {
    if (node.type === 'citation') {
      found.push({
        citationId: String(node.attrs?.citationId ?? ''),
        sourceId: String(node.attrs?.sourceId ?? ''),
        locator: (node.attrs?.locator as string | null | undefined) ?? null,
        part,
      });
    }
    for (const child of node.content ?? []) visit(child);
  };
  if (doc) visit(doc);
  return found;
}

/** All citations of a brief in reading order: summary → body → limitations. */
export function briefCitations(parts: Partial<Record<RichTextPart, RichNode>>): CitationRef[] {
  return richTextParts.flatMap((part) => citationsIn(parts[part], part));
}
