import { describe, expect, it } from 'vitest';
import { firstFreeSlug, slugFromQuestion } from './slug';

describe('slugs', () => {
  it('turns a question into lowercase words', () => {
    expect(
      slugFromQuestion('How has NATO expansion influenced Russia’s decision to invade Ukraine?'),
    ).toBe('how-has-nato-expansion-influenced-russias-decision-to-invade-ukraine');
  });

  it('keeps at most 80 characters and never cuts a word in half', () => {
    const slug = slugFromQuestion(
      'Why '.repeat(10) +
        'did the extraordinarily long-winded committee never publish its findings?',
    );
    expect(slug.length).toBeLessThanOrEqual(80);
    expect(slug).not.toMatch(/-$/);
    expect(
      'why-why-why-why-why-why-why-why-why-why-did-the-extraordinarily-long-winded-committee-never'.startsWith(
        slug,
      ),
    ).toBe(true);
  });

  it('never returns an empty slug', () => {
    expect(slugFromQuestion('???')).toBe('brief');
  });

  it('numbers a slug that is taken', () => {
    expect(firstFreeSlug('a', new Set())).toBe('a');
    expect(firstFreeSlug('a', new Set(['a', 'a-2']))).toBe('a-3');
  });
});
