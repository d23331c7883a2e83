import { renderToHTMLString } from '@tiptap/static-renderer/pm/html-string';
import { formatCheckedOn } from '@/lib/content/dates';
import { extensionsFor, type RichTextPart } from '@/lib/content/extensions';
import { numberedSources } from '@/lib/content/numbered-sources';
import type { RichNode } from '@/lib/content/numbering';
import { richTextToPlain } from '@/lib/content/plain-text';
import { displaySafeUrl, xmlSafe } from '@/lib/content/safe-text';
import { escapeHtml, publicHtmlPage } from './html-page';
import type { PublicBrief, PublicSource } from './queries';
import { questionKey } from './related';

export interface SiteSettings {
  name: string;
  baseUrl: string;
  disclaimer: string;
}

export const defaultDisclaimer =
  'Every brief is checked by a second person on the date shown. Briefs can still be wrong: follow the sources, and tell us if you find a mistake.';

/** JSON inside a <script> element: `<` escaped so no text can close the element. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** The page of a published brief: question, "Checked on", parts, sources, corrections. */
export function renderPublicBrief(brief: PublicBrief, site: SiteSettings): string {
  const { document } = brief;
  const { numbers, cited: numbered } = numberedSources(document);
  const occurrences = new Map<number, number>();
  const renderPart = (part: RichTextPart) =>
    renderToHTMLString({
      extensions: extensionsFor[part],
      content: document[part],
      options: {
        nodeMapping: {
          citation: ({ node }) => {
            const n = numbers.get(String(node.attrs.sourceId));
            if (!n) return '';
            const k = (occurrences.get(n) ?? 0) + 1;
            occurrences.set(n, k);
            return `<a class="citation" id="cite-${n}-${k}" href="#source-${n}" role="doc-biblioref">[${n}]</a>`;
          },
        },
      },
    })
      // Adjacent citations read "[1] [2] [5]".
      .replaceAll('</a><a class="citation"', '</a> <a class="citation"');
  const summary = renderPart('summary');
  const body = renderPart('body');
  const limitations = hasText(document.limitations) ? renderPart('limitations') : '';
  const description = truncate(
    richTextToPlain(document.summary, new Map()).replace(/\s*\[\?\]/g, ''),
    160,
  );
  const url = `${site.baseUrl}/briefs/${encodeURIComponent(brief.slug)}`;
  const title = `${brief.question} — ${site.name}`;

  const head = [
    `<title>${escapeHtml(title)}</title>`,
    `<meta name="description" content="${escapeHtml(description)}">`,
    `<link rel="canonical" href="${escapeHtml(url)}">`,
    `<meta property="og:type" content="article">`,
    `<meta property="og:title" content="${escapeHtml(brief.question)}">`,
    `<meta property="og:description" content="${escapeHtml(description)}">`,
    `<meta property="og:url" content="${escapeHtml(url)}">`,
    `<meta property="og:site_name" content="${escapeHtml(site.name)}">`,
    `<script type="application/ld+json">${jsonForScript(structuredData(brief, numbered, url))}</script>`,
  ].join('\n');

  const main = `<article class="brief">
<h1>${escapeHtml(brief.question)}</h1>
<p class="checked-on">Checked on <time datetime="${escapeHtml(brief.checkedOn)}">${formatCheckedOn(brief.checkedOn)}</time></p>
<p class="disclaimer">${escapeHtml(site.disclaimer)}</p>
<section class="summary" aria-labelledby="summary-heading"><h2 id="summary-heading">Executive summary</h2>${summary}</section>
<div class="body">${body}</div>
${limitations ? `<section class="limitations" aria-labelledby="limitations-heading"><h2 id="limitations-heading">Limitations</h2>${limitations}</section>` : ''}
${relatedQuestions(brief)}
${sourcesSection(numbered, numbers, occurrences)}
${correctionsSection(brief)}
</article>`;
  return publicHtmlPage(site.name, head, main);
}

function hasText(doc: RichNode): boolean {
  return richTextToPlain(doc, new Map()).trim().length > 0;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).replace(/\s+\S*$/, '')}…`;
}

function relatedQuestions(brief: PublicBrief): string {
  if (brief.document.relatedQuestions.length === 0) return '';
  const items = brief.document.relatedQuestions
    .map((q) => {
      const slug = brief.relatedSlugs?.[questionKey(q.text)];
      return slug
        ? `<li><a href="/briefs/${encodeURIComponent(slug)}">${escapeHtml(q.text)}</a></li>`
        : `<li>${escapeHtml(q.text)}</li>`;
    })
    .join('');
  return `<section class="related" aria-labelledby="related-heading"><h2 id="related-heading">Want to dive deeper?</h2><ul>${items}</ul></section>`;
}

function sourcesSection(
  sources: PublicSource[],
  numbers: ReadonlyMap<string, number>,
  occurrences: ReadonlyMap<number, number>,
): string {
  const items = sources
    .map((source) => {
      const n = numbers.get(source.id) ?? 0;
      const details = [
        source.publisher && escapeHtml(source.publisher),
        source.author && escapeHtml(source.author),
        source.publishedAt && `Published ${formatCheckedOn(source.publishedAt)}`,
        source.accessedAt && `Accessed ${formatCheckedOn(source.accessedAt)}`,
      ]
        .filter(Boolean)
        .join('. ');
      const links = [
        source.url &&
          `<a href="${escapeHtml(linkUrl(source.url))}" rel="nofollow noopener noreferrer">${escapeHtml(displayUrl(source.url))}</a>`,
        source.archiveUrl &&
          `<a href="${escapeHtml(linkUrl(source.archiveUrl))}" rel="nofollow noopener noreferrer">Archived copy</a>`,
      ]
        .filter(Boolean)
        .join(' · ');
      const backlinks = Array.from(
        { length: occurrences.get(n) ?? 0 },
        (_, i) =>
          `<a href="#cite-${n}-${i + 1}" role="doc-backlink" aria-label="Back to citation ${i + 1} of source ${n}">↩${(occurrences.get(n) ?? 0) > 1 ? i + 1 : ''}</a>`,
      ).join(' ');
      return `<li id="source-${n}"><cite>${escapeHtml(source.title || displayUrl(source.url))}</cite>${details ? `. ${details}.` : ''} ${links} <span class="backlinks">${backlinks}</span></li>`;
    })
    .join('\n');
  return `<section class="sources" role="doc-bibliography" aria-labelledby="sources-heading"><h2 id="sources-heading">Sources</h2><ol>${items}</ol></section>`;
}

function correctionsSection(brief: PublicBrief): string {
  if (brief.corrections.length === 0) return '';
  const kinds: Record<string, string> = {
    correction: 'Correction',
    clarification: 'Clarification',
    update: 'Update',
  };
  const items = brief.corrections
    .map(
      (c) =>
        `<li><time datetime="${escapeHtml(c.notedOn)}">${formatCheckedOn(c.notedOn)}</time> — <strong>${kinds[c.kind] ?? 'Note'}:</strong> ${escapeHtml(c.note)}</li>`,
    )
    .join('');
  return `<section class="corrections" aria-labelledby="corrections-heading"><h2 id="corrections-heading">Corrections and updates</h2><ul>${items}</ul></section>`;
}

/** An address as link text: no bidirectional control can make it read as another address. */
function displayUrl(url: string): string {
  return displaySafeUrl(url)
    .replace(/^https?:\/\/(www\.)?/, '')
    .replace(/\/$/, '');
}

// Bidirectional controls percent-encoded: the same address to a browser (its URL parser encodes
// them anyway), but nothing that reorders what a status bar or a consumer of the data shows.
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
function linkUrl(url: string): string {
  return xmlSafe(url).replace(BIDI_CONTROLS, (char) => encodeURIComponent(char));
}

function structuredData(brief: PublicBrief, sources: PublicSource[], url: string) {
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
        url: s.url ? linkUrl(s.url) : undefined,
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

/** 410 Gone: the brief was unpublished. Nothing of it is shown. */
export function renderGone(site: SiteSettings): string {
  return publicHtmlPage(
    site.name,
    `<title>${escapeHtml(`Brief withdrawn — ${site.name}`)}</title>\n<meta name="robots" content="noindex">`,
    `<h1>This brief has been withdrawn</h1>\n<p>It is no longer published. <a href="/">See all current briefs</a>.</p>`,
  );
}

export function renderMissing(site: SiteSettings): string {
  return publicHtmlPage(
    site.name,
    `<title>${escapeHtml(`Page not found — ${site.name}`)}</title>\n<meta name="robots" content="noindex">`,
    `<h1>Page not found</h1>\n<p>There is no brief at this address. <a href="/">See all briefs</a>.</p>`,
  );
}
