import { describe, expect, it } from 'vitest';
import { type BriefClaimReview, emptyBriefDocument } from '@/lib/content/document';
import { defaultRatingScale } from '@/lib/settings/rating-scale';
import { claimReviewData } from './claim-review-data';
import type { PublicBrief } from './queries';
import { defaultDisclaimer, renderPublicBrief, type SiteSettings } from './render';

const site: SiteSettings = {
  name: 'Factdesk <Checks>',
  baseUrl: 'https://facts.example',
  disclaimer: defaultDisclaimer,
  pages: { methodology: false, correctionsPolicy: false },
  ratingScale: defaultRatingScale,
};

const review: BriefClaimReview = {
  claim: 'The alliance promised never to expand </script><b>.',
  claimant: 'A. Politician',
  claimDate: '2025-11-03',
  appearances: ['https://video.example/speech', 'https://news.example/quote'],
  verdict: 'Mostly false',
};

function brief(claimReview: BriefClaimReview | undefined): PublicBrief {
  return {
    slug: 'did-it-happen',
    question: 'Did the alliance promise not to expand?',
    checkedOn: '2025-12-06',
    firstPublishedAt: new Date('2025-12-06T10:00:00Z'),
    modifiedAt: new Date('2025-12-06T10:00:00Z'),
    reviewedBy: 'Rae Reviewer',
    corrections: [],
    document: {
      ...emptyBriefDocument(),
      question: 'Did the alliance promise not to expand?',
      claimReview,
    },
  } as PublicBrief;
}

/** Every JSON-LD object of a page, parsed strictly (JSON.parse throws on anything else). */
function jsonLdOf(page: string): Record<string, unknown>[] {
  const scripts = [...page.matchAll(/<script type="application\/ld\+json">([^<]*)<\/script>/g)];
  return scripts.map((match) => JSON.parse(match[1] as string) as Record<string, unknown>);
}

// What Google's fact-check documentation requires of a ClaimReview, and what it recommends.
function expectGoogleClaimReview(data: Record<string, unknown>) {
  expect(data['@type']).toBe('ClaimReview');
  expect(typeof data.claimReviewed).toBe('string');
  expect(data.url).toMatch(/^https:\/\//);
  const author = data.author as Record<string, unknown>;
  expect(['Organization', 'Person']).toContain(author['@type']);
  expect(typeof author.name).toBe('string');
  const rating = data.reviewRating as Record<string, unknown>;
  expect(rating['@type']).toBe('Rating');
  expect(typeof rating.alternateName).toBe('string');
  const claim = data.itemReviewed as Record<string, unknown>;
  expect(claim['@type']).toBe('Claim');
}

describe('ClaimReview JSON-LD', () => {
  it('a published brief with a claim review carries one, with what Google requires and recommends', () => {
    const page = renderPublicBrief(brief(review), site);
    const claimReviews = jsonLdOf(page).filter((data) => data['@type'] === 'ClaimReview');
    expect(claimReviews).toHaveLength(1);
    const data = claimReviews[0]!;
    expectGoogleClaimReview(data);
    expect(data).toEqual({
      '@context': 'https://schema.org',
      '@type': 'ClaimReview',
      url: 'https://facts.example/briefs/did-it-happen',
      claimReviewed: review.claim,
      datePublished: '2025-12-06T10:00:00.000Z',
      author: { '@type': 'Organization', name: 'Factdesk <Checks>', url: 'https://facts.example' },
      itemReviewed: {
        '@type': 'Claim',
        author: { '@type': 'Person', name: 'A. Politician' },
        datePublished: '2025-11-03',
        appearance: [
          { '@type': 'CreativeWork', url: 'https://video.example/speech' },
          { '@type': 'CreativeWork', url: 'https://news.example/quote' },
        ],
        firstAppearance: { '@type': 'CreativeWork', url: 'https://video.example/speech' },
      },
      // Six levels, best first: "Mostly false" is the fourth, worth 3.
      reviewRating: {
        '@type': 'Rating',
        ratingValue: 3,
        bestRating: 6,
        worstRating: 1,
        alternateName: 'Mostly false',
      },
    });
    // The claim's markup stays inside the JSON string.
    expect(page).not.toContain('</script><b>');
  });

  it('none for a brief without a claim review', () => {
    const page = renderPublicBrief(brief(undefined), site);
    expect(jsonLdOf(page).map((data) => data['@type'])).toEqual(['WebPage']);
  });

  it('a verdict no longer on the scale keeps its label and loses its value; empty parts are left out', () => {
    const data = claimReviewData(
      { ...review, claimant: '', claimDate: '', appearances: [], verdict: 'Pants on fire' },
      {
        url: 'https://facts.example/briefs/x',
        datePublished: '2025-12-06T10:00:00.000Z',
        organization: { name: 'Factdesk', url: 'https://facts.example' },
        ratingScale: defaultRatingScale,
      },
    );
    expect(JSON.parse(JSON.stringify(data))).toMatchObject({
      itemReviewed: { '@type': 'Claim' },
      reviewRating: { '@type': 'Rating', alternateName: 'Pants on fire' },
    });
    const claim = JSON.parse(JSON.stringify(data.itemReviewed)) as Record<string, unknown>;
    expect(Object.keys(claim)).toEqual(['@type']);
    expect(Object.keys(JSON.parse(JSON.stringify(data.reviewRating)))).toEqual([
      '@type',
      'alternateName',
    ]);
  });
});

describe('the verdict on the page', () => {
  it('shows under the question: the claim, who made it and when, the verdict and its explanation', () => {
    const page = renderPublicBrief(brief(review), site);
    const article = page.slice(page.indexOf('<h1>'));
    const section = article.slice(0, article.indexOf('</section>'));
    expect(section).toContain('<section class="claim-review" aria-label="Claim review">');
    expect(section).toContain(
      'Claim:</span> The alliance promised never to expand &lt;/script&gt;&lt;b&gt;.',
    );
    expect(section).toContain(
      '— A. Politician, <time datetime="2025-11-03">November 3, 2025</time>, <a href="https://video.example/speech" rel="nofollow noopener">where it appeared</a>',
    );
    expect(section).toContain('<strong class="verdict-label">Mostly false</strong>');
    expect(section).toContain(defaultRatingScale[3]!.explanation);
    // Under the question, before "Checked on".
    expect(article.indexOf('claim-review')).toBeLessThan(article.indexOf('checked-on'));
  });
});
