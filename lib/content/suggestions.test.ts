import { transformToSuggestionTransaction } from '@handlewithcare/prosemirror-suggest-changes';
import { Node } from '@tiptap/pm/model';
import { EditorState, type Transaction } from '@tiptap/pm/state';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type BriefDocument, emptyBriefDocument } from './document';
import { schemaFor } from './extensions';
import type { RichNode } from './numbering';
import { newSuggestionId, suggestionAuthorId } from './suggestion-ids';
import { withoutSuggestions, withSuggestionsAccepted } from './suggestion-projections';
import { hasSuggestions, pendingSuggestions } from './suggestions';
import { textPositions } from './test-fixtures';
import { parseBriefDocument } from './validate';

const schema = schemaFor.body;
const ADA = '11111111-1111-4111-8111-111111111111';

const start: RichNode = {
  type: 'doc',
  content: [
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'NATO was founded in 1949 by twelve countries ' },
        { type: 'citation', attrs: { citationId: 'c1', sourceId: 's1', locator: null } },
      ],
    },
    { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Members' }] },
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'It has thirty-two members today.', marks: [{ type: 'bold' }] },
      ],
    },
  ],
};

/** One random edit, as positions chosen in whatever document it is applied to. */
type Edit =
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'cite'; at: number }
  | { kind: 'split'; at: number };

const edit = fc.oneof(
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.constantFrom('a', 'new ', 'words here', ' x'),
  }),
  fc.record({
    kind: fc.constant('delete' as const),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 12 }),
  }),
  fc.record({ kind: fc.constant('cite' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('split' as const), at: fc.nat() }),
);

/**
 * Edits within paragraphs. A suggested paragraph break whose marker is then deleted leaves an
 * empty paragraph that rejecting does not take away (the library's behaviour, found here): the
 * server then sees a change of the text (a real edit, the safe side), so breaks are left out of
 * the "rejecting gives back the document" property and kept in the "accepting" one.
 */
const textEdit = edit.filter((change) => change.kind !== 'split');

function transactionFor(state: EditorState, edits: Edit[]): Transaction {
  const tr = state.tr;
  for (const change of edits) {
    const positions = textPositions(tr.doc);
    const at = positions[change.at % positions.length]!;
    if (change.kind === 'insert') tr.insertText(change.text, at);
    else if (change.kind === 'split') tr.split(at);
    else if (change.kind === 'cite') {
      tr.insert(at, schema.nodes.citation!.create({ citationId: `c${at}`, sourceId: 's1' }));
    } else {
      // Within one text block: what a person selects and deletes with a key.
      const $at = tr.doc.resolve(at);
      const to = Math.min(at + change.length, $at.end());
      if (to > at) tr.delete(at, to);
    }
  }
  return tr;
}

function brief(body: Node): BriefDocument {
  return { ...emptyBriefDocument(), body: body.toJSON() as RichNode };
}

/** The document with runs of spaces as one, merged text nodes compared as ProseMirror sees them. */
function singleSpaced(doc: RichNode): string {
  return Node.fromJSON(schema, doc).toString().replace(/ {2,}/g, ' ');
}

const suggest = (state: EditorState, tr: Transaction) =>
  state.apply(transformToSuggestionTransaction(tr, state, () => newSuggestionId(ADA)));

describe('suggested changes', () => {
  it('rejecting every suggestion gives back the document as it was, over rounds of random edits', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(textEdit, { minLength: 1, maxLength: 1 }), { maxLength: 8 }),
        async (rounds) => {
          const original = Node.fromJSON(schema, start);
          let state = EditorState.create({ doc: original });
          for (const round of rounds) state = suggest(state, transactionFor(state, round));
          expect((await withoutSuggestions(brief(state.doc))).body).toEqual(brief(original).body);
        },
      ),
      {
        numRuns: 300,
        // Found by this test: one pass of the library's revert left " herea" behind.
        examples: [
          [
            [
              [{ kind: 'insert', at: 17718289, text: 'a' }],
              [{ kind: 'insert', at: 17, text: 'words here' }],
              [{ kind: 'cite', at: 0 }],
              [{ kind: 'cite', at: 2147483623 }],
            ],
          ],
        ],
      },
    );
  });

  it('accepting every suggestion equals making the same edits directly', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(edit, { minLength: 1, maxLength: 1 }), { maxLength: 8 }),
        async (rounds) => {
          let state = EditorState.create({ doc: Node.fromJSON(schema, start) });
          for (const round of rounds) {
            const direct = state.apply(transactionFor(state, round)).doc;
            const suggested = suggest(state, transactionFor(state, round)).doc;
            // Up to spacing: accepting a deleted word between two spaces also removes one of them
            // (the library's choice), where deleting it directly leaves a double space.
            expect(singleSpaced((await withSuggestionsAccepted(brief(suggested))).body)).toEqual(
              singleSpaced(brief(direct).body),
            );
            // The next round starts from the accepted text, as an editor's Accept all leaves it.
            state = EditorState.create({ doc: direct });
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('lists each pending suggestion with its author, and its stored form passes validation', () => {
    let state = EditorState.create({ doc: Node.fromJSON(schema, start) });
    const tr = state.tr.insertText('sixteen ', 20);
    state = suggest(state, tr);
    const document = brief(state.doc);
    expect(hasSuggestions(document)).toBe(true);
    const [suggestion] = pendingSuggestions(document);
    expect(suggestion).toMatchObject({ authorId: ADA, part: 'body', inserted: 'sixteen ' });
    expect(suggestionAuthorId(suggestion!.id)).toBe(ADA);
    const parsed = parseBriefDocument(document);
    expect(parsed.ok).toBe(true);
  });

  it('refuses a suggestion mark whose id names nobody', () => {
    const document = brief(Node.fromJSON(schema, start));
    const body = structuredClone(document.body);
    body.content![0]!.content![0]!.marks = [{ type: 'insertion', attrs: { id: 7 } }];
    expect(parseBriefDocument({ ...document, body }).ok).toBe(false);
  });
});
