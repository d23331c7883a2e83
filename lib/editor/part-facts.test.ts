import { Node as PmNode } from '@tiptap/pm/model';
import { EditorState } from '@tiptap/pm/state';
import { describe, expect, it } from 'vitest';
import { bodySchema } from '@/lib/content/extensions';
import { briefCitations, type RichNode } from '@/lib/content/numbering';
import { paragraphsOf } from '@/lib/content/plain-text';
import { partFacts, partFactsKey, partFactsPlugin } from './part-facts';

const text = (value: string): RichNode => ({ type: 'text', text: value });
const cite = (citationId: string, sourceId: string, locator: string | null = null): RichNode => ({
  type: 'citation',
  attrs: { citationId, sourceId, locator },
});
const paragraph = (...content: RichNode[]): RichNode => ({ type: 'paragraph', content });
const json: RichNode = {
  type: 'doc',
  content: [
    { type: 'heading', attrs: { level: 2 }, content: [text('Section '), cite('h', 'c')] },
    paragraph(text('First claim '), cite('1', 'a'), text('.')),
    paragraph(text('  No citation here.  ')),
    {
      type: 'bulletList',
      content: [
        { type: 'listItem', content: [paragraph(text('An item '), cite('2', 'b'))] },
        { type: 'listItem', content: [paragraph()] },
      ],
    },
    { type: 'paragraph', attrs: { noCitationNeeded: true }, content: [text('Exempt.')] },
  ],
};

function stateOf(doc: RichNode) {
  return EditorState.create({
    doc: PmNode.fromJSON(bodySchema, doc),
    plugins: [partFactsPlugin('body', () => {})],
  });
}
const factsOf = (state: EditorState) => partFactsKey.getState(state)!;

describe('part facts', () => {
  it('are what numbering and the checks read of the stored JSON', () => {
    const facts = factsOf(stateOf(json));
    expect(facts.citations).toEqual(briefCitations({ body: json }));
    expect(facts.paragraphs).toEqual(paragraphsOf(json));
  });

  it('keep the same citation list while only text changes', () => {
    const state = stateOf(json);
    const before = factsOf(state);
    // Typing inside the cited paragraph, before its citation.
    const typed = state.apply(state.tr.insertText('really ', 20));
    const after = factsOf(typed);
    expect(after.citations).toBe(before.citations);
    expect(after.paragraphs).not.toBe(before.paragraphs);
    expect(after.paragraphs[0]?.text).toContain('really');
    // A selection change alone changes nothing.
    expect(factsOf(typed.apply(typed.tr.setMeta('noop', true)))).toBe(after);
  });

  it('change when a citation is inserted, deleted, or its pinpoint changes', () => {
    let state = stateOf(json);
    const citationType = bodySchema.nodes.citation!;
    // In the heading, before its citation.
    const insert = state.tr.insert(3, citationType.create({ citationId: 'new', sourceId: 'z' }));
    state = state.apply(insert);
    expect(factsOf(state).citations.map((c) => c.citationId)).toEqual(['new', 'h', '1', '2']);
    const before = factsOf(state).citations;

    let position = -1;
    state.doc.descendants((node, pos) => {
      if (node.attrs.citationId === '1') position = pos;
    });
    state = state.apply(
      state.tr.setNodeMarkup(position, undefined, {
        citationId: '1',
        sourceId: 'a',
        locator: 'p. 12',
      }),
    );
    expect(factsOf(state).citations).not.toBe(before);
    expect(factsOf(state).citations[2]?.locator).toBe('p. 12');

    state = state.apply(state.tr.delete(position, position + 1));
    expect(factsOf(state).citations.map((c) => c.citationId)).toEqual(['new', 'h', '2']);
  });

  it('keep the same citation list when a paragraph is split or joined', () => {
    const state = stateOf(json);
    const before = factsOf(state);
    const split = state.apply(state.tr.split(16));
    expect(split.doc.childCount).toBe(state.doc.childCount + 1);
    expect(factsOf(split).citations).toBe(before.citations);
    expect(factsOf(split).paragraphs).toHaveLength(before.paragraphs.length + 1);
  });

  it('are the same facts for the same document', () => {
    const doc = PmNode.fromJSON(bodySchema, json);
    const first = partFacts(doc, 'body');
    expect(partFacts(doc, 'body', { doc, facts: first })).toBe(first);
  });
});
