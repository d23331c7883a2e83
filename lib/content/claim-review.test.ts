import { describe, expect, it } from 'vitest';
import { defaultRatingScale } from '@/lib/settings/rating-scale';
import { claimReviewProblems, runChecks } from './checks';
import { compareVersions } from './diff';
import { type BriefClaimReview, emptyBriefDocument } from './document';
import { contentHash } from './hash';
import { parseBriefDocument } from './validate';

const review = (overrides: Partial<BriefClaimReview> = {}): BriefClaimReview => ({
  claim: 'The alliance promised never to expand.',
  claimant: 'A. Politician',
  claimDate: '2025-11-03',
  appearances: ['https://video.example/speech', 'https://news.example/quote'],
  verdict: 'Mostly false',
  ...overrides,
});

const parse = (claimReview: unknown) =>
  parseBriefDocument({ ...emptyBriefDocument(), claimReview });

const problemsOf = (claimReview: unknown) => {
  const result = parse(claimReview);
  return result.ok ? [] : result.problems;
};

describe('claim review in the brief document', () => {
  it('is stored as given, trimmed, without empty address rows', () => {
    const result = parse(
      review({ claim: '  The claim.  ', appearances: ['https://a.example/x', '', ' '] }),
    );
    expect(result.ok && result.document.claimReview).toEqual(
      review({ claim: 'The claim.', appearances: ['https://a.example/x'] }),
    );
  });

  it('is stored as no key at all when absent, null or empty: the hash of a brief without one does not move', () => {
    const without = parse(undefined);
    const empty = parse({
      claim: '',
      claimant: ' ',
      claimDate: '',
      appearances: [''],
      verdict: '',
    });
    const none = parse(null);
    for (const result of [without, empty, none]) {
      expect(result.ok).toBe(true);
      if (result.ok) expect('claimReview' in result.document).toBe(false);
    }
    if (without.ok && none.ok)
      expect(contentHash(none.document)).toBe(contentHash(without.document));
  });

  it('is part of the content hash', () => {
    const a = parse(review());
    const b = parse(review({ verdict: 'False' }));
    if (!a.ok || !b.ok) throw new Error('expected both to parse');
    expect(contentHash(a.document)).not.toBe(contentHash(b.document));
  });

  it('refuses addresses that are not http(s), naming the field', () => {
    const problems = problemsOf(review({ appearances: ['javascript:alert(1)'] }));
    expect(problems).toEqual([
      {
        path: 'claimReview.appearances.0',
        message: 'Where the claim appeared: enter each address starting with http:// or https://.',
      },
    ]);
    expect(problemsOf(review({ appearances: ['ftp://files.example/a'] }))).toHaveLength(1);
  });

  it('refuses a date that is not YYYY-MM-DD or not a real day', () => {
    for (const claimDate of ['03/11/2025', '2025-02-30']) {
      expect(problemsOf(review({ claimDate }))).toEqual([
        { path: 'claimReview.claimDate', message: 'Claim date: enter a date as YYYY-MM-DD.' },
      ]);
    }
  });

  it('refuses control characters with a message naming the field', () => {
    expect(problemsOf(review({ claimant: 'A\u0002B' }))[0]?.message).toMatch(
      /^Claimant contains a control character \(U\+0002\)/,
    );
    expect(
      problemsOf(review({ appearances: ['https://a.example/\u202Eevil'] }))[0]?.message,
    ).toMatch(/^Where the claim appeared contains a bidirectional control character/);
  });

  it('bounds lengths and the number of addresses, and refuses unknown keys', () => {
    expect(problemsOf(review({ claim: 'x'.repeat(1001) }))[0]?.path).toBe('claimReview.claim');
    expect(
      problemsOf(
        review({ appearances: Array.from({ length: 21 }, (_, i) => `https://a.example/${i}`) }),
      )[0]?.path,
    ).toBe('claimReview.appearances');
    expect(problemsOf({ ...review(), rating: 3 })).toHaveLength(1);
  });
});

describe('the claim review check', () => {
  const failingIds = (claimReview: BriefClaimReview | undefined) =>
    runChecks({ ...emptyBriefDocument(), claimReview }, defaultRatingScale)
      .filter((check) => !check.passed)
      .map((check) => check.id);

  it('passes without a claim review, and with a complete one', () => {
    expect(failingIds(undefined)).not.toContain('claim-review');
    expect(failingIds(review())).not.toContain('claim-review');
  });

  it('asks a started claim review for its claim and its verdict', () => {
    expect(claimReviewProblems(review({ claim: '', verdict: '' }), defaultRatingScale)).toEqual([
      'The claim review has no claim.',
      'The claim review has no verdict.',
    ]);
    expect(failingIds(review({ claim: ' ' }))).toContain('claim-review');
  });

  it('refuses a verdict that is not on the current scale, whatever its case', () => {
    expect(claimReviewProblems(review({ verdict: 'mostly FALSE' }), defaultRatingScale)).toEqual(
      [],
    );
    expect(claimReviewProblems(review({ verdict: 'Pants on fire' }), defaultRatingScale)).toEqual([
      'The verdict “Pants on fire” is not on the rating scale: choose another.',
    ]);
    const scale = [
      { label: 'Correct', explanation: '' },
      { label: 'Wrong', explanation: '' },
    ];
    expect(claimReviewProblems(review(), scale)).toHaveLength(1);
    expect(claimReviewProblems(review({ verdict: 'Wrong' }), scale)).toEqual([]);
  });
});

describe('comparing versions', () => {
  it('shows a claim review added or changed, and nothing when neither version has one', () => {
    const without = emptyBriefDocument();
    const part = (from: typeof without, to: typeof without) =>
      compareVersions(from, to).parts.find((p) => p.part === 'claimReview');
    expect(part(without, without)?.changed).toBe(false);
    const added = part(without, { ...without, claimReview: review() });
    expect(added?.label).toBe('Claim review');
    expect(added?.changed).toBe(true);
    const changed = part(
      { ...without, claimReview: review() },
      { ...without, claimReview: review({ verdict: 'False' }) },
    );
    expect(changed?.changes.filter((c) => c.removed).map((c) => c.value.trim())).toEqual([
      'Mostly false',
    ]);
    expect(changed?.changes.filter((c) => c.added).map((c) => c.value.trim())).toEqual(['False']);
  });
});
