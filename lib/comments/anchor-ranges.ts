/**
 * Where a comment thread's text is: found again in a part's anchor text (lib/content/
 * anchor-text) from what the server stored, then followed through every edit as a ProseMirror
 * range. Pure: the editor and the review screen run it, and its property tests.
 */
import type { Node as PmNode } from '@tiptap/pm/model';
import type { Mappable } from '@tiptap/pm/transform';

export interface AnchorRange {
  from: number;
  to: number;
}

/**
 * A range after an edit (`doc` is the document after it): text typed at either edge stays
 * outside it, text typed inside joins it; null once every character of it is deleted (the
 * thread is then detached), even when a block boundary is left between where it was. A range
 * that lost characters is tightened to the text it still covers, so that an edge never rests
 * past the end of a block (where typing would then join it).
 */
export function mapAnchorRange(
  range: AnchorRange,
  mapping: Mappable,
  doc: PmNode,
): AnchorRange | null {
  const from = mapping.map(range.from, 1);
  const to = mapping.map(range.to, -1);
  if (to <= from) return null;
  // Only a range that shrank can have lost characters: typing never pays for a look.
  return to - from < range.to - range.from ? inlineExtent(doc, from, to) : { from, to };
}

/** The first and last inline content between two positions, or null when there is none. */
function inlineExtent(doc: PmNode, from: number, to: number): AnchorRange | null {
  let first = -1;
  let last = -1;
  doc.nodesBetween(from, to, (node, pos) => {
    if (!node.isInline) return true;
    const start = Math.max(pos, from);
    const end = Math.min(pos + node.nodeSize, to);
    if (end > start) {
      if (first === -1) first = start;
      last = end;
    }
    return false;
  });
  return first === -1 ? null : { from: first, to: last };
}

const MAX_CANDIDATES = 1000;

function sharedEnd(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

function sharedStart(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/**
 * The offsets of a stored anchor in `text` (a part's anchor text), or null when its text is not
 * there (a detached thread). Where it was, if the quote is still there; else the occurrence of
 * the quote whose surroundings best match the stored prefix and suffix, the nearest on a tie.
 * A quote shortened with `…` (over 5,000 characters) is found by its stored offsets alone.
 */
export function findAnchor(
  text: string,
  anchor: { start: number; end: number; quote: string; prefix: string; suffix: string },
): { start: number; end: number } | null {
  const { start, end, quote } = anchor;
  if (!quote) return null;
  if (text.slice(start, end) === quote) return { start, end };
  if (quote.endsWith('…') && end - start > quote.length) {
    return text.slice(start, start + quote.length - 1) === quote.slice(0, -1) && end <= text.length
      ? { start, end }
      : null;
  }
  let best: { start: number; score: number; distance: number } | null = null;
  let found = text.indexOf(quote);
  for (let seen = 0; found !== -1 && seen < MAX_CANDIDATES; seen++) {
    const score =
      sharedEnd(text.slice(Math.max(0, found - anchor.prefix.length), found), anchor.prefix) +
      sharedStart(text.slice(found + quote.length), anchor.suffix);
    const distance = Math.abs(found - start);
    if (!best || score > best.score || (score === best.score && distance < best.distance)) {
      best = { start: found, score, distance };
    }
    found = text.indexOf(quote, found + 1);
  }
  return best ? { start: best.start, end: best.start + quote.length } : null;
}
