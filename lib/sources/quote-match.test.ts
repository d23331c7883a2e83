import { describe, expect, it } from 'vitest';
import { findQuote, normalizeForQuote } from './quote-match';

describe('finding a quote in a captured page', () => {
  it('ignores whitespace, quote marks, dashes, case and Unicode forms', () => {
    const page =
      'The Minister said:\n  “We will NOT raise taxes—not this year,” adding that\u00ADreforms ﬁt the plan.';
    expect(findQuote('"we will not raise taxes - not this year,"', page)).toMatchObject({
      found: true,
      match: '“We will NOT raise taxes—not this year,”',
    });
    expect(findQuote('reforms fit the plan', page)).toMatchObject({
      found: true,
      match: 'that\u00ADreforms ﬁt the plan'.slice('that\u00AD'.length),
    });
    expect(findQuote("we won't raise taxes", page)).toEqual({ found: false });
    expect(findQuote('   ', page)).toEqual({ found: false });
  });

  it('gives the passage around it, cut at words, as it is on the page', () => {
    const words = Array.from({ length: 200 }, (_, i) => `w${i}`);
    const page = [...words.slice(0, 100), 'the exact quote', ...words.slice(100)].join(' \n');
    const found = findQuote('The exact   quote', page);
    if (!found.found) throw new Error('not found');
    expect(found.match).toBe('the exact quote');
    expect(found.before.startsWith('…w')).toBe(true);
    expect(found.before.endsWith('w99 ')).toBe(true);
    expect(found.after.startsWith(' w100 w101')).toBe(true);
    expect(found.after.endsWith('…')).toBe(true);
    expect(found.before.length).toBeLessThanOrEqual(162);
    // At the start of the page, no ellipsis.
    const early = findQuote('w0 w1', page);
    expect(early).toMatchObject({ found: true, before: '', match: 'w0 \nw1' });
  });

  it('maps characters outside the basic plane back to the page', () => {
    const page = 'Before 𝒜 quoted 😀 text after.';
    expect(findQuote('𝒜 quoted 😀', page)).toMatchObject({ found: true, match: '𝒜 quoted 😀' });
    expect(normalizeForQuote('A\u00A0 B').text).toBe('a b');
    // An accent composed or combining, as PDFs hold it, is the same letter.
    expect(findQuote('café crème', 'Un cafe\u0301 cre\u0300me.')).toMatchObject({
      found: true,
      match: 'cafe\u0301 cre\u0300me',
    });
  });
});
