import type { RichNode } from './numbering';

/**
 * A part's "anchor text": what comment threads count their offsets in (lib/comments). The text
 * of each paragraph and heading in order, one line break between two of them and for a hard
 * break, and one U+FFFC for each citation, whatever its number, so that offsets do not move
 * when citations are renumbered. Offsets are UTF-16 code units, as in JavaScript strings.
 */
export const CITATION_CHARACTER = '\uFFFC';

const BLOCK_SEPARATOR = '\n';

/** The inline nodes of a brief's parts that hold no content (ProseMirror leaves). */
const inlineLeaves: Record<string, string> = {
  citation: CITATION_CHARACTER,
  hardBreak: '\n',
};

export interface AnchorText {
  text: string;
  /**
   * Where the characters of `text` are in the ProseMirror document, as runs whose positions
   * follow each other (a text node; a citation or a block separator is a run of one, at the end
   * of the block before it), in order of offset and of position.
   */
  runs: { offset: number; pos: number; length: number }[];
  /** The end of the last block's content: the position of the offset `text.length`. */
  end: number;
}

/**
 * A part (its stored JSON, or the editor's `getJSON()`) as anchor text, with positions. One run
 * per node, not a position per character: a 50,000-word body is read in a few milliseconds.
 */
export function partAnchorText(doc: RichNode | undefined): AnchorText {
  const pieces: string[] = [];
  const runs: AnchorText['runs'] = [];
  let offset = 0;
  let lastBlockEnd: number | null = null;
  const add = (piece: string, pos: number) => {
    runs.push({ offset, pos, length: piece.length });
    pieces.push(piece);
    offset += piece.length;
  };
  /** Walks the content of a node whose content starts at `start`; returns where it ends. */
  const walkContent = (node: RichNode, start: number): number => {
    let pos = start;
    for (const child of node.content ?? []) pos = walk(child, pos);
    return pos;
  };
  const walk = (node: RichNode, pos: number): number => {
    if (node.type === 'text') {
      const value = node.text ?? '';
      if (value) add(value, pos);
      return pos + value.length;
    }
    const leaf = inlineLeaves[node.type];
    if (leaf !== undefined) {
      add(leaf, pos);
      return pos + 1;
    }
    const isTextblock = node.type === 'paragraph' || node.type === 'heading';
    if (isTextblock && lastBlockEnd !== null) add(BLOCK_SEPARATOR, lastBlockEnd);
    const end = walkContent(node, pos + 1);
    if (isTextblock) lastBlockEnd = end;
    return end + 1;
  };
  // The document's own content starts at position 0.
  if (doc) walkContent(doc, 0);
  return { text: pieces.join(''), runs, end: lastBlockEnd ?? 0 };
}

/** The offset in the anchor text of a ProseMirror position (the nearest character after it). */
export function offsetAtPosition({ text, runs }: AnchorText, position: number): number {
  // The first run whose last character is at or after the position.
  let low = 0;
  let high = runs.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    const run = runs[middle]!;
    if (run.pos + run.length - 1 < position) low = middle + 1;
    else high = middle;
  }
  const run = runs[low];
  if (!run) return text.length;
  return run.offset + Math.max(0, Math.min(position - run.pos, run.length - 1));
}

/** The ProseMirror position of an offset in the anchor text (clamped to the text). */
export function positionAtOffset({ text, runs, end }: AnchorText, offset: number): number {
  const at = Math.max(0, Math.min(offset, text.length));
  if (at === text.length) return end;
  // The last run starting at or before the offset.
  let low = 0;
  let high = runs.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (runs[middle]!.offset <= at) low = middle;
    else high = middle - 1;
  }
  const run = runs[low]!;
  return run.pos + (at - run.offset);
}

export const MAX_QUOTE_LENGTH = 5000;
export const MAX_CONTEXT_LENGTH = 64;

/** `text` cut to at most `max` code units at a code-point boundary (a pair is never split). */
function cut(text: string, max: number, from: 'start' | 'end'): string {
  if (text.length <= max) return text;
  let piece = from === 'start' ? text.slice(0, max) : text.slice(text.length - max);
  const edge = from === 'start' ? piece.charCodeAt(piece.length - 1) : piece.charCodeAt(0);
  const splitsAPair =
    from === 'start' ? edge >= 0xd800 && edge <= 0xdbff : edge >= 0xdc00 && edge <= 0xdfff;
  if (splitsAPair) piece = from === 'start' ? piece.slice(0, -1) : piece.slice(1);
  return piece;
}

/**
 * A thread's anchor on `start`–`end` of an anchor text: the quote (a long one shortened, with
 * `…`), and up to 64 code units before and after it, to find the text again.
 */
export function anchorAt(
  text: string,
  start: number,
  end: number,
): { start: number; end: number; quote: string; prefix: string; suffix: string } {
  const from = Math.max(0, Math.min(start, text.length));
  const to = Math.max(from, Math.min(end, text.length));
  const selected = text.slice(from, to);
  const quote =
    selected.length > MAX_QUOTE_LENGTH
      ? `${cut(selected, MAX_QUOTE_LENGTH - 1, 'start')}…`
      : selected;
  return {
    start: from,
    end: to,
    quote,
    prefix: cut(text.slice(0, from), MAX_CONTEXT_LENGTH, 'end'),
    suffix: cut(text.slice(to), MAX_CONTEXT_LENGTH, 'start'),
  };
}

/** A quote as people read it: each citation shown as `[citation]`. */
export function readableQuote(quote: string): string {
  return quote.replaceAll(CITATION_CHARACTER, '[citation]');
}
