import { Node as PmNode } from '@tiptap/pm/model';
import { EditorState } from '@tiptap/pm/state';
import { describe, expect, it } from 'vitest';
import { bodySchema } from '@/lib/content/extensions';
import type { RichNode } from '@/lib/content/numbering';
import { makeSource } from '@/lib/content/test-fixtures';
import { briefDocumentJson, nodeJson } from './document-json';

const json: RichNode = {
  type: 'doc',
  content: [
    { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Section "1"' }] },
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'Bold ', marks: [{ type: 'bold' }] },
        {
          type: 'text',
          text: 'link',
          marks: [{ type: 'link', attrs: { href: 'https://example.org/' } }],
        },
        { type: 'citation', attrs: { citationId: 'c1', sourceId: 's1', locator: 'p. 2' } },
      ],
    },
    {
      type: 'bulletList',
      content: [
        {
          type: 'listItem',
          content: [{ type: 'paragraph', content: [{ type: 'text', text: 'x' }] }],
        },
        { type: 'listItem', content: [{ type: 'paragraph' }] },
      ],
    },
    { type: 'blockquote', content: [{ type: 'paragraph', attrs: { noCitationNeeded: true } }] },
  ],
};

describe('document JSON from cached pieces', () => {
  it('is the JSON of toJSON(), before and after an edit', () => {
    const state = EditorState.create({ doc: PmNode.fromJSON(bodySchema, json) });
    expect(nodeJson(state.doc)).toBe(JSON.stringify(state.doc.toJSON()));
    const edited = state.apply(state.tr.insertText('more ', 3)).doc;
    expect(nodeJson(edited)).toBe(JSON.stringify(edited.toJSON()));
    const empty = bodySchema.nodes.doc!.createAndFill()!;
    expect(nodeJson(empty)).toBe(JSON.stringify(empty.toJSON()));
  });

  it('builds the brief document the save request carries', () => {
    const part = '{"type":"doc","content":[{"type":"paragraph"}]}';
    const text = briefDocumentJson({
      question: 'Is it "so"?',
      summary: part,
      body: part,
      limitations: part,
      relatedText: 'One?\n\nTwo?',
      sources: [makeSource('a')],
    });
    expect(JSON.parse(text)).toEqual({
      question: 'Is it "so"?',
      summary: JSON.parse(part),
      body: JSON.parse(part),
      limitations: JSON.parse(part),
      relatedQuestions: [{ text: 'One?' }, { text: 'Two?' }],
      sources: [makeSource('a')],
    });
  });

  it('carries a claim review only when one is started, without its empty address rows', () => {
    const part = '{"type":"doc","content":[{"type":"paragraph"}]}';
    const input = {
      question: 'Q',
      summary: part,
      body: part,
      limitations: part,
      relatedText: '',
      sources: [],
    };
    const empty = { claim: '', claimant: ' ', claimDate: '', appearances: ['', ' '], verdict: '' };
    expect('claimReview' in JSON.parse(briefDocumentJson({ ...input, claimReview: empty }))).toBe(
      false,
    );
    const started = { ...empty, claim: 'It fell.', appearances: ['', ' https://a.example/x '] };
    expect(JSON.parse(briefDocumentJson({ ...input, claimReview: started })).claimReview).toEqual({
      ...started,
      appearances: ['https://a.example/x'],
    });
  });
});
