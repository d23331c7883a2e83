import { Node } from '@tiptap/pm/model';
import { EditorState, type Transaction } from '@tiptap/pm/state';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  anchorAt,
  offsetAtPosition,
  partAnchorText,
  positionAtOffset,
} from '@/lib/content/anchor-text';
import { schemaFor } from '@/lib/content/extensions';
import type { RichNode } from '@/lib/content/numbering';
import { textPositions } from '@/lib/content/test-fixtures';
import { findAnchor, mapAnchorRange } from './anchor-ranges';

const schema = schemaFor.body;
const bold = schema.marks.bold!;

const start: RichNode = {
  type: 'doc',
  content: [
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'NATO was founded in 1949 by twelve countries ' },
        { type: 'citation', attrs: { citationId: 'c1', sourceId: 's1', locator: null } },
        { type: 'text', text: ' in Washington.' },
      ],
    },
    { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Members' }] },
    { type: 'paragraph', content: [{ type: 'text', text: 'It has thirty-two members today.' }] },
  ],
};

type Edit =
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'split'; at: number };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.constantFrom('a', 'new ', ' more words'),
  }),
  fc.record({
    kind: fc.constant('delete' as const),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 40 }),
  }),
  fc.record({ kind: fc.constant('split' as const), at: fc.nat() }),
);

/** Where the bold characters of a document are, first to last (null: none left). */
function boldExtent(doc: Node): { from: number; to: number } | null {
  let from = -1;
  let to = -1;
  doc.descendants((node, pos) => {
    if (node.isInline && bold.isInSet(node.marks)) {
      if (from === -1) from = pos;
      to = pos + node.nodeSize;
    }
  });
  return from === -1 ? null : { from, to };
}

/**
 * One edit as a person makes it: typing, deleting a stretch, pressing Enter. Text typed strictly
 * inside the bold stretch is bold too (it joins the commented text), and only that text.
 */
function apply(state: EditorState, change: Edit): Transaction {
  const tr = state.tr;
  const positions = textPositions(tr.doc);
  const at = positions[change.at % positions.length]!;
  const inside = boldExtent(tr.doc);
  const joins = inside !== null && at > inside.from && at < inside.to;
  if (change.kind === 'insert')
    tr.insert(at, schema.text(change.text, joins ? [bold.create()] : []));
  else if (change.kind === 'split') tr.split(at);
  else {
    const later = positions.filter((p) => p > at);
    const to = later[Math.min(change.length, later.length) - 1];
    if (to !== undefined) tr.delete(at, to);
  }
  return tr;
}

/** The first and last inline content of a range (a range may end past a block's end). */
function inlineExtent(doc: Node, range: { from: number; to: number }) {
  let from = -1;
  let to = -1;
  doc.nodesBetween(range.from, range.to, (node, pos) => {
    if (!node.isInline) return true;
    const start = Math.max(pos, range.from);
    const end = Math.min(pos + node.nodeSize, range.to);
    if (end > start) {
      if (from === -1) from = start;
      to = end;
    }
    return false;
  });
  return from === -1 ? null : { from, to };
}

/** The text between two positions, citations as U+FFFC, as the anchor text counts it. */
function textOf(doc: Node, from: number, to: number): string {
  return doc.textBetween(from, to, '\n', '\uFFFC');
}

describe('comment anchors', () => {
  it('follow their words through random edits, or detach once all of them are deleted', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 1, max: 30 }),
        fc.array(edit, { maxLength: 12 }),
        (startOffset, length, edits) => {
          const doc = Node.fromJSON(schema, start);
          const text = partAnchorText(start);
          // A selection as the editor takes it: trimmed of the line breaks between blocks.
          let a = Math.min(startOffset, text.text.length - 1);
          let b = Math.min(a + length, text.text.length);
          while (a < b && text.text[a] === '\n') a++;
          while (b > a && text.text[b - 1] === '\n') b--;
          if (a === b) return;
          let range: { from: number; to: number } | null = {
            from: positionAtOffset(text, a),
            to: positionAtOffset(text, b),
          };
          // A shadow of the document where the commented characters, and only they, are bold:
          // the same edits move them as they move the range.
          let shadow = EditorState.create({
            doc: doc.type.create(null, doc.content).copy(doc.content),
          });
          shadow = shadow.apply(shadow.tr.addMark(range.from, range.to, bold.create()));
          for (const change of edits) {
            const tr = apply(shadow, change);
            if (range) range = mapAnchorRange(range, tr.mapping, tr.doc);
            shadow = shadow.apply(tr);
          }
          // Where the commented characters (and what was typed among them) still are.
          const expected = boldExtent(shadow.doc);
          if (expected === null) expect(range).toBeNull();
          else expect(range && inlineExtent(shadow.doc, range)).toEqual(expected);
        },
      ),
      {
        numRuns: 500,
        // Found by this test: after a deletion the range's end rested past a block's end, and a
        // letter typed after the last commented word joined the comment.
        examples: [
          [
            49,
            28,
            [
              { kind: 'split', at: 0 },
              { kind: 'split', at: 759215885 },
              { kind: 'insert', at: 0, text: 'new ' },
              { kind: 'split', at: 0 },
              { kind: 'delete', at: 1397703643, length: 16 },
              { kind: 'insert', at: 153040072, text: 'a' },
            ],
          ],
        ],
      },
    );
  });

  it('keep the very words they were on when no edit touches them', () => {
    fc.assert(
      fc.property(fc.array(edit, { maxLength: 12 }), (edits) => {
        const doc = Node.fromJSON(schema, start);
        const text = partAnchorText(start);
        const quoteStart = text.text.indexOf('twelve countries');
        const stored = anchorAt(text.text, quoteStart, quoteStart + 'twelve countries'.length);
        let range: { from: number; to: number } | null = {
          from: positionAtOffset(text, stored.start),
          to: positionAtOffset(text, stored.end),
        };
        let state = EditorState.create({ doc });
        for (const change of edits) {
          const tr = apply(state, change);
          if (range) {
            const mapped = mapAnchorRange(range, tr.mapping, tr.doc);
            // Only edits outside the words: one that reaches into them ends this run.
            if (!mapped || textOf(tr.doc, mapped.from, mapped.to) !== stored.quote) return;
            range = mapped;
          }
          state = state.apply(tr);
        }
        // And found again by its quote and context in the saved text, wherever it moved.
        const now = partAnchorText(state.doc.toJSON() as RichNode);
        const found = findAnchor(now.text, stored);
        expect(found).not.toBeNull();
        expect(positionAtOffset(now, found!.start)).toBe(range!.from);
        expect(offsetAtPosition(now, range!.to)).toBe(found!.end);
      }),
      { numRuns: 500 },
    );
  });

  it('finds a quote by its context among repeats, and says when it is gone', () => {
    const text = 'The vote was 12 to 3. Later the vote was 12 to 3 again.';
    const second = text.lastIndexOf('12 to 3');
    const anchor = anchorAt(text, second, second + 7);
    const edited = `Update. ${text}`;
    expect(findAnchor(edited, anchor)).toEqual({ start: second + 8, end: second + 15 });
    expect(findAnchor('The vote was unanimous.', anchor)).toBeNull();
  });
});
