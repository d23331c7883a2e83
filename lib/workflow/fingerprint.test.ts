import { describe, expect, it } from 'vitest';
import { type BriefDocument, emptyBriefDocument } from '@/lib/content/document';
import { makeSource } from '@/lib/content/test-fixtures';
import { sourceFingerprints } from './fingerprint';

const cite = (text: string, sourceId: string, citationId: string) => [
  { type: 'text', text },
  { type: 'citation', attrs: { citationId, sourceId } },
];

/** `a` cited in the summary, `b` in eight sentences of the body (the last one `last`). */
function document(last = 'The eighth says so.', titleOfA = 'Source a'): BriefDocument {
  const body = Array.from({ length: 7 }, (_, i) =>
    cite(`Sentence ${i + 1} says so. `, 'b', `b${i}`),
  )
    .flat()
    .concat(cite(last, 'b', 'b7'));
  return {
    ...emptyBriefDocument(),
    question: 'Did the alliance promise not to expand east?',
    summary: {
      type: 'doc',
      content: [{ type: 'paragraph', content: cite('In short, no.', 'a', 'c1') }],
    },
    body: { type: 'doc', content: [{ type: 'paragraph', content: body }] },
    sources: [makeSource('a', { title: titleOfA }), makeSource('b')],
  };
}

describe('source fingerprints', () => {
  const before = sourceFingerprints(document(), { a: 'aa', b: null });

  it('are equal for the same record, capture and citing sentences', () => {
    expect(sourceFingerprints(document(), { a: 'aa', b: null })).toEqual(before);
  });

  it("change with the source's record or its capture, and only that source's", () => {
    const retitled = sourceFingerprints(document(undefined, 'Another title'), { a: 'aa', b: null });
    expect(retitled.get('a')).not.toBe(before.get('a'));
    expect(retitled.get('b')).toBe(before.get('b'));
    const recaptured = sourceFingerprints(document(), { a: 'bb', b: null });
    expect(recaptured.get('a')).not.toBe(before.get('a'));
  });

  it('change with any citing sentence, beyond the few a screen shows', () => {
    const rewritten = sourceFingerprints(document('The eighth says otherwise.'), {
      a: 'aa',
      b: null,
    });
    expect(rewritten.get('b')).not.toBe(before.get('b'));
    expect(rewritten.get('a')).toBe(before.get('a'));
  });
});
