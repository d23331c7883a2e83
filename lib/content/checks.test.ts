import { describe, expect, it } from 'vitest';
import { defaultRatingScale } from '@/lib/settings/rating-scale';
import { runChecks } from './checks';
import { type BriefDocument, emptyBriefDocument } from './document';
import type { RichNode } from './numbering';
import { makeSource } from './test-fixtures';

const source = makeSource;
const paragraph = (text: string, sourceId?: string, noCitationNeeded = false): RichNode => ({
  type: 'paragraph',
  attrs: { noCitationNeeded },
  content: [
    { type: 'text', text },
    ...(sourceId ? [{ type: 'citation', attrs: { citationId: `c-${text}`, sourceId } }] : []),
  ],
});
const docOf = (...content: RichNode[]): RichNode => ({ type: 'doc', content });

const complete: BriefDocument = {
  ...emptyBriefDocument(),
  question: 'Did the alliance promise not to expand?',
  summary: docOf(paragraph('Summary', 'a')),
  body: docOf(
    { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: '1. Section' }] },
    paragraph('Body', 'b'),
    paragraph('An aside', undefined, true),
  ),
  sources: [source('a'), source('b')],
};

const failing = (document: BriefDocument) =>
  Object.fromEntries(
    runChecks(document, defaultRatingScale)
      .filter((c) => !c.passed)
      .map((c) => [c.id, c.details]),
  );

describe('automated checks', () => {
  it('all pass for a complete brief (headings and exempt paragraphs need no citation)', () => {
    expect(failing(complete)).toEqual({});
  });

  it('reports an empty draft', () => {
    expect(Object.keys(failing(emptyBriefDocument()))).toEqual(['question', 'summary', 'sources']);
  });

  it('reports a question too short or too long', () => {
    expect(failing({ ...complete, question: 'Short?' })).toEqual({
      question: ['The question has 6 characters.'],
    });
    expect(failing({ ...complete, question: 'x'.repeat(201) }).question).toEqual([
      'The question has 201 characters.',
    ]);
  });

  it('reports broken citations, uncited sources and uncited paragraphs', () => {
    const document = {
      ...complete,
      body: docOf(paragraph('Body', 'gone'), paragraph('Nothing cited here')),
      sources: [source('a'), source('b')],
    };
    expect(failing(document)).toEqual({
      'broken-citations': ['A citation in the body points to a deleted source.'],
      'uncited-sources': ['Uncited: Source b'],
      'paragraph-citations': ['Body: “Nothing cited here” cites nothing.'],
    });
  });

  it('reports incomplete sources', () => {
    const document = {
      ...complete,
      sources: [source('a', { url: '', title: '' }), source('b', { accessedAt: '' })],
    };
    expect(failing(document)['source-fields']).toEqual([
      'Incomplete: untitled source',
      'Incomplete: Source b',
    ]);
  });
});
