import { describe, expect, it } from 'vitest';
import { citingSentences } from './citing-sentences';
import { emptyBriefDocument } from './document';
import type { RichNode } from './numbering';
import { makeSource } from './test-fixtures';

const cite = (sourceId: string, locator: string | null = null): RichNode => ({
  type: 'citation',
  attrs: { citationId: `c-${sourceId}-${locator}`, sourceId, locator },
});
const text = (value: string): RichNode => ({ type: 'text', text: value });

describe('the sentences that cite a source', () => {
  it('writes each citation as readers see it, pinpoint included, and finds the sentences by source', () => {
    const document = {
      ...emptyBriefDocument(),
      summary: {
        type: 'doc',
        content: [
          {
            type: 'paragraph',
            content: [text('Taxes rose. '), text('Spending fell '), cite('a', 'p. 12'), text('.')],
          },
        ],
      },
      body: {
        type: 'doc',
        content: [
          {
            type: 'bulletList',
            content: [
              {
                type: 'listItem',
                content: [
                  {
                    type: 'paragraph',
                    content: [
                      text('Both were announced '),
                      cite('b'),
                      cite('a'),
                      text('. Nobody objected.'),
                    ],
                  },
                ],
              },
            ],
          },
        ],
      },
      sources: [makeSource('a'), makeSource('b')],
    };
    const numbers = new Map([
      ['a', 1],
      ['b', 2],
    ]);
    expect(citingSentences(document, 'a', numbers)).toEqual([
      'Spending fell [1, p. 12].',
      'Both were announced [2][1].',
    ]);
    expect(citingSentences(document, 'b', numbers)).toEqual(['Both were announced [2][1].']);
    expect(citingSentences(document, 'c', numbers)).toEqual([]);
    // A citation after the sentence's full stop belongs to that sentence.
    const after = {
      ...document,
      summary: {
        type: 'doc',
        content: [{ type: 'paragraph', content: [text('First. Second one. '), cite('b', 'p. 3')] }],
      },
    };
    expect(citingSentences(after, 'b', numbers)[0]).toBe('Second one. [2, p. 3]');
  });
});
