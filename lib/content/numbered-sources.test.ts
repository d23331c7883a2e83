import { describe, expect, it } from 'vitest';
import { emptyBriefDocument } from './document';
import { numberedSources } from './numbered-sources';
import { makeSource } from './test-fixtures';

describe('numberedSources', () => {
  it('lists cited sources in number order and keeps the uncited apart', () => {
    const cite = (citationId: string, sourceId: string) => ({
      type: 'citation',
      attrs: { citationId, sourceId },
    });
    const result = numberedSources({
      ...emptyBriefDocument(),
      body: {
        type: 'doc',
        content: [
          { type: 'paragraph', content: [cite('1', 'b'), cite('2', 'gone'), cite('3', 'a')] },
        ],
      },
      sources: [makeSource('a'), makeSource('b'), makeSource('c')],
    });
    expect(result.cited.map((s) => s.id)).toEqual(['b', 'a']);
    expect(result.uncited.map((s) => s.id)).toEqual(['c']);
    expect(Object.fromEntries(result.numbers)).toEqual({ b: 1, a: 2 });
  });
});
