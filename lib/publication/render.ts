import { formatCheckedOn } from '@/lib/content/dates';
import { numberedSources } from '@/lib/content/numbered-sources';
import { richTextWithoutCitations } from '@/lib/content/plain-text';
import { dataSafeUrl } from '@/lib/content/safe-text';
import { reportErrorForm } from '@/lib/reports/report-pages';
import { defaultRatingScale, type RatingScale } from '@/lib/settings/rating-scale';
import { type BriefForReaders, httpUrl, type ReaderSource, renderBriefArticle } from './brief-html';
import { claimReviewDocument } from './claim-review-data';
import { publicHtmlPage } from './html-page';
import type { PublicBrief, Withdrawal } from './queries';
import { html, jsonLdScript, type SafeHtml } from './safe-html';

/** What every public page shows of the site (lib/settings/site.ts reads it). */
export interface SiteSettings {
  name: string;
  baseUrl: string;
  /** Shown under "Checked on" on every brief; empty shows none. */
  disclaimer: string;
  /** The newsroom's own pages that have text, linked from every public page's footer. */
  pages: { methodology: boolean; correctionsPolicy: boolean };
  /** The rating scale of claim reviews (absent: the default scale). */
  ratingScale?: RatingScale;
}

export const defaultDisclaimer =
  'Every brief is checked by a second person on the date shown. Briefs can still be wrong: follow the sources, and tell us if you find a mistake.';

/** What readers see of a published brief, as the article renderer takes it. */
export function publicArticle(brief: PublicBrief, site: SiteSettings): BriefForReaders {
  return {
    document: brief.document,
    checkedOn: brief.checkedOn,
    disclaimer: site.disclaimer,
    corrections: brief.corrections,
    relatedSlugs: brief.relatedSlugs,
    archivedCopies: brief.archivedCopies,
    goneSourceIds: brief.goneSourceIds,
    ratingScale: site.ratingScale ?? defaultRatingScale,
  };
}

/**
 * The page of a published brief: its metadata (title, description, canonical address, Open
 * Graph, JSON-LD) around the article. `notice` goes above the article (the staff preview's banner).
 */
export function renderPublicBrief(
  brief: PublicBrief,
  site: SiteSettings,
  notice: SafeHtml | null = null,
): string {
  const description = truncate(richTextWithoutCitations(brief.document.summary), 160);
  const url = `${site.baseUrl}/briefs/${encodeURIComponent(brief.slug)}`;
  const claimReview = brief.document.claimReview
    ? claimReviewDocument(brief.document.claimReview, {
        url,
        datePublished: brief.firstPublishedAt.toISOString(),
        organization: { name: site.name, url: site.baseUrl },
        ratingScale: site.ratingScale ?? defaultRatingScale,
      })
    : null;
  const head = html`<title>${brief.question} — ${site.name}</title>
<meta name="description" content="${description}">
<link rel="canonical" href="${url}">
<meta property="og:type" content="article">
<meta property="og:title" content="${brief.question}">
<meta property="og:description" content="${description}">
<meta property="og:url" content="${url}">
<meta property="og:site_name" content="${site.name}">
${jsonLdScript(structuredData(brief, url))}${claimReview && html`\n${jsonLdScript(claimReview)}`}`;
  const article = renderBriefArticle(publicArticle(brief, site));
  // Readers may report an error in what they read; a staff preview names no version to report.
  const reportForm = brief.report && reportErrorForm({ slug: brief.slug, ...brief.report });
  return publicHtmlPage(
    site,
    head,
    html`${notice && html`${notice}\n`}${article}${reportForm && html`\n${reportForm}`}`,
  );
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).replace(/\s+\S*$/, '')}…`;
}

function structuredData(brief: PublicBrief, url: string) {
  const sources: readonly ReaderSource[] = numberedSources(brief.document).cited;
  return {
    '@context': 'https://schema.org',
    '@type': 'WebPage',
    url,
    lastReviewed: brief.checkedOn,
    reviewedBy: brief.reviewedBy ? { '@type': 'Person', name: brief.reviewedBy } : undefined,
    mainEntity: {
      '@type': 'Article',
      headline: brief.question,
      datePublished: brief.firstPublishedAt.toISOString(),
      dateModified: brief.modifiedAt.toISOString(),
      citation: sources.map((s) => ({
        '@type': 'CreativeWork',
        name: s.title,
        // The address the page links, or none where the page links none.
        url: httpUrl(s.url) ? dataSafeUrl(httpUrl(s.url) as string) : undefined,
        publisher: s.publisher ? { '@type': 'Organization', name: s.publisher } : undefined,
      })),
      correction: brief.corrections.map((c) => ({
        '@type': 'CorrectionComment',
        text: `${c.kind}: ${c.note}`,
        datePublished: c.notedOn,
      })),
    },
  };
}

/**
 * 410 Gone: the brief was unpublished. Nothing of it is shown but the notice the newsroom wrote
 * for readers and the date it was withdrawn, when known.
 */
export function renderGone(
  site: SiteSettings,
  withdrawal: Withdrawal = { notice: null, withdrawnOn: null },
): string {
  const { notice, withdrawnOn } = withdrawal;
  const when =
    withdrawnOn &&
    html`Withdrawn on <time datetime="${withdrawnOn}">${formatCheckedOn(withdrawnOn)}</time>. `;
  return publicHtmlPage(
    site,
    html`<title>Brief withdrawn — ${site.name}</title>\n<meta name="robots" content="noindex">`,
    html`<h1>This brief has been withdrawn</h1>
<p>${when}It is no longer published.</p>
${notice && html`<section class="withdrawal-notice" aria-labelledby="withdrawal-heading"><h2 id="withdrawal-heading">Why it was withdrawn</h2><p>${notice}</p></section>`}
<p><a href="/">See all current briefs</a> · <a href="/corrections">Corrections</a></p>`,
  );
}

export function renderMissing(site: SiteSettings): string {
  return publicHtmlPage(
    site,
    html`<title>Page not found — ${site.name}</title>\n<meta name="robots" content="noindex">`,
    html`<h1>Page not found</h1>\n<p>There is no brief at this address. <a href="/">See all briefs</a>.</p>`,
  );
}
