/**
 * Suggested changes in a brief's stored JSON (marks of lib/content/suggestion-marks): which are
 * pending, by whom, and what they change. Pure and DOM-free: the checks, the save path and the
 * editor's list read it.
 */
import { canonicalJson } from './canonical-json';
import type { BriefDocument } from './document';
import type { RichNode } from './numbering';
import { type RichTextPart, richTextParts } from './parts';
import { type SuggestionMarkName, suggestionAuthorId, suggestionMarkNames } from './suggestion-ids';

export interface PendingSuggestion {
  id: string;
  authorId: string | null;
  part: RichTextPart;
  /** Text it would add and text it would remove (citations as `[cite]`, blocks as `¶`). */
  inserted: string;
  deleted: string;
  /** Nodes whose attributes or marks it changes (a pinpoint, a heading level). */
  modified: number;
  /**
   * Everything of the nodes it marks (text, attributes such as a citation's source and
   * pinpoint, other marks such as a link's address), to tell whether a save changed it.
   */
  fingerprint: string;
}

const markNames = new Set<string>(suggestionMarkNames);

function suggestionMarkOf(node: RichNode): { type: SuggestionMarkName; id: string } | null {
  for (const mark of node.marks ?? []) {
    if (markNames.has(mark.type)) {
      return { type: mark.type as SuggestionMarkName, id: String(mark.attrs?.id) };
    }
  }
  return null;
}

function textOf(node: RichNode): string {
  if (node.type === 'text') return node.text ?? '';
  if (node.type === 'citation') return '[cite]';
  if (node.type === 'hardBreak') return '\n';
  return (node.content ?? []).map(textOf).join('');
}

/** Every pending suggestion of a document, in reading order (summary, body, limitations). */
export function pendingSuggestions(
  document: Pick<BriefDocument, RichTextPart>,
): PendingSuggestion[] {
  const byId = new Map<string, PendingSuggestion>();
  for (const part of richTextParts) {
    const visit = (node: RichNode) => {
      const mark = suggestionMarkOf(node);
      if (mark) {
        let entry = byId.get(mark.id);
        if (!entry) {
          entry = {
            id: mark.id,
            authorId: suggestionAuthorId(mark.id),
            part,
            inserted: '',
            deleted: '',
            modified: 0,
            fingerprint: '',
          };
          byId.set(mark.id, entry);
        }
        const text = node.type === 'text' || node.type === 'citation' ? textOf(node) : '¶';
        if (mark.type === 'insertion') entry.inserted += text;
        else if (mark.type === 'deletion') entry.deleted += text;
        else entry.modified += 1;
        entry.fingerprint += `${canonicalJson(node)}\n`;
      }
      for (const child of node.content ?? []) visit(child);
    };
    visit(document[part]);
  }
  return [...byId.values()];
}

/** How many nodes of a part are marked as a suggested change. */
export function suggestedNodeCount(doc: RichNode): number {
  return (
    (suggestionMarkOf(doc) ? 1 : 0) +
    (doc.content ?? []).reduce((sum, child) => sum + suggestedNodeCount(child), 0)
  );
}

/** Whether any part holds a suggested change (cheaper than listing them). */
export function hasSuggestions(document: Pick<BriefDocument, RichTextPart>): boolean {
  const found = (node: RichNode): boolean =>
    suggestionMarkOf(node) !== null || (node.content ?? []).some(found);
  return richTextParts.some((part) => found(document[part]));
}
