import { describe, expect, it } from 'vitest';
import { briefCitations, citationMarker, numberSources, type RichNode } from './numbering';

const cite = (citationId: string, sourceId: string): RichNode => ({
  type: 'citation',
  attrs: { citationId, sourceId, locator: null },
});
const doc = (...citations: RichNode[]): RichNode => ({
  type: 'doc',
  content: [{ type: 'paragraph', content: [{ type: 'text', text: 'x' }, ...citations] }],
});
const numbersOf = (parts: Record<string, RichNode>, sources: string[]) =>
  Object.fromEntries(
    numberSources(
      briefCitations(parts).map((c) => c.sourceId),
      new Set(sources),
    ),
  );

describe('citation numbering', () => {
  it('numbers by first appearance and reuses a number for the same source', () => {
    expect(
      numbersOf({ body: doc(cite('1', 'b'), cite('2', 'a'), cite('3', 'b')) }, ['a', 'b']),
    ).toEqual({
      b: 1,
      a: 2,
    });
  });

  it('reads summary, then body, then limitations', () => {
    const parts = {
      limitations: doc(cite('1', 'c')),
      body: doc(cite('2', 'b')),
      summary: doc(cite('3', 'a')),
    };
    expect(numbersOf(parts, ['a', 'b', 'c'])).toEqual({ a: 1, b: 2, c: 3 });
  });

  it('follows text that moves', () => {
    const before = { body: doc(cite('1', 'a'), cite('2', 'b')) };
    const after = { body: doc(cite('2', 'b'), cite('1', 'a')) };
    expect(numbersOf(before, ['a', 'b'])).toEqual({ a: 1, b: 2 });
    expect(numbersOf(after, ['a', 'b'])).toEqual({ b: 1, a: 2 });
  });

  it('gives broken citations no number and does not skip one for them', () => {
    expect(numbersOf({ body: doc(cite('1', 'gone'), cite('2', 'a')) }, ['a'])).toEqual({ a: 1 });
  });

  it('lists citations in reading order with their part', () => {
    const parts = { summary: doc(cite('s', 'a')), body: doc(cite('b', 'a')) };
    expect(briefCitations(parts).map((c) => `${c.part}:${c.citationId}`)).toEqual([
      'summary:s',
      'body:b',
    ]);
  });
});

describe('citationMarker', () => {
  it('shows the number, the pinpoint after it, and [?] for a missing source', () => {
    expect(citationMarker(4, null)).toBe('[4]');
    expect(citationMarker(4, 'p. 12')).toBe('[4, p. 12]');
    expect(citationMarker(4, '  p. 12 ')).toBe('[4, p. 12]');
    expect(citationMarker(4, '   ')).toBe('[4]');
    expect(citationMarker(undefined, 'p. 12')).toBe('[?]');
  });
});
