import { describe, expect, it } from 'vitest';
import { MATCH_END, MATCH_START, searchQueryText, snippetParts } from './search';

describe('searchQueryText', () => {
  it('reads characters no text may hold as spaces and keeps the rest', () => {
    expect(searchQueryText('\u0000')).toBe(' ');
    expect(searchQueryText('ferry\u0000treaty\ud800 é 😀')).toBe('ferry treaty  é 😀');
  });

  it('keeps at most 200 characters, never half a surrogate pair', () => {
    expect(searchQueryText('a'.repeat(300))).toHaveLength(200);
    expect(searchQueryText(`${'a'.repeat(199)}😀`)).toBe(`${'a'.repeat(199)} `);
  });
});

describe('snippetParts', () => {
  it('flags the text between the markers as matches', () => {
    expect(
      snippetParts(`The ${MATCH_START}ferry${MATCH_END} stopped ${MATCH_START}in${MATCH_END}`),
    ).toEqual([
      { text: 'The ', match: false },
      { text: 'ferry', match: true },
      { text: ' stopped ', match: false },
      { text: 'in', match: true },
    ]);
  });

  it('returns plain text that any output can hold', () => {
    expect(snippetParts(`<b>&\u0008\ud800 ${MATCH_START}x${MATCH_END}`)).toEqual([
      { text: '<b>& ', match: false },
      { text: 'x', match: true },
    ]);
  });
});
