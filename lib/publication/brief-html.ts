import { formatCheckedOn } from '@/lib/content/dates';
import {
  type BriefClaimReview,
  type BriefDocument,
  isCalendarDate,
  type Source,
} from '@/lib/content/document';
import { isHttpUrl, normalizeLinkUrl } from '@/lib/content/link-url';
import { numberedSources } from '@/lib/content/numbered-sources';
import { citationMarker, type RichNode } from '@/lib/content/numbering';
import { richTextToPlain } from '@/lib/content/plain-text';
import { displaySafeUrl } from '@/lib/content/safe-text';
import { type RatingScale, ratingLevelOf } from '@/lib/settings/rating-scale';
import { correctionAnchor, correctionKindName, correctionNotice } from './correction-notice';
import { questionKey } from './related';
import { html, joinHtml, type SafeHtml } from './safe-html';

/**
 * The article of a brief as readers see it: question, "Checked on", disclaimer, summary, body,
 * limitations, related questions, numbered sources, corrections. The one renderer of a brief:
 * the public page, the staff preview and the review screen all show this markup. Pure.
 */

/** A source as readers may see it: never the internal note. */
export type ReaderSource = Omit<Source, 'note'>;

export interface ReaderCorrection {
  /** Its entry's anchor on the page (`correction-<id>`), which the notice near the top links to. */
  id: string;
  kind: string;
  note: string;
  notedOn: string;
}

export interface BriefForReaders {
  document: Omit<BriefDocument, 'sources'> & { sources: ReaderSource[] };
  /** YYYY-MM-DD; null leaves the line out (history, import: versions nobody has checked). */
  checkedOn: string | null;
  /** The site's disclaimer; empty shows none. */
  disclaimer: string;
  corrections: readonly ReaderCorrection[];
  /** Slugs of published briefs whose question matches a related question (by questionKey). */
  relatedSlugs?: Readonly<Record<string, string>>;
  /**
   * Copies the archive service made of sources' addresses, by source id: shown for a source
   * without an archive URL of its own, while its address is still `url`.
   */
  archivedCopies?: Readonly<Record<string, ArchivedCopy>>;
  /**
   * Sources whose page the checks after publication found gone (lib/monitoring): their link
   * offers the archived copy first, when there is one.
   */
  goneSourceIds?: readonly string[];
  /** The rating scale, for the explanation of a claim review's verdict (absent: none shown). */
  ratingScale?: RatingScale;
}

/** A copy of an address kept by a web archive, and the day (UTC) it was taken. */
export interface ArchivedCopy {
  url: string;
  archiveUrl: string;
  /** YYYY-MM-DD. */
  archivedOn: string;
}

const space = html` `;

export function renderBriefArticle(brief: BriefForReaders): SafeHtml {
  const { document } = brief;
  const { numbers, cited } = numberedSources(document);
  // The pinpoints of each source's citations so far ('' for none), in reading order: the k-th
  // gets the id cite-n-k to link back to, and the source's entry lists them.
  const pinpoints = new Map<number, string[]>();
  const cards = new CitationCards(
    document.sources,
    brief.archivedCopies ?? {},
    brief.goneSourceIds ?? [],
  );
  const citation = (node: RichNode): SafeHtml => {
    const n = numbers.get(String(node.attrs?.sourceId));
    if (!n) return html`<span class="citation broken">[?]</span>`;
    const locator = typeof node.attrs?.locator === 'string' ? node.attrs.locator.trim() : '';
    const ofSource = pinpoints.get(n) ?? [];
    ofSource.push(locator);
    pinpoints.set(n, ofSource);
    const card = cards.idFor(String(node.attrs?.sourceId), n, locator);
    return html`<a class="citation" id="cite-${n}-${ofSource.length}" href="#source-${n}" role="doc-biblioref"${card && html` interestfor="${card}"`}>${citationMarker(n, locator)}</a>`;
  };
  // Parts render in reading order, so that citation ids count up through the page.
  const summary = richText(document.summary, citation);
  const body = richText(document.body, citation);
  const limitations = hasText(document.limitations)
    ? richText(document.limitations, citation)
    : null;
  return html`<article class="brief">
<h1>${document.question || 'Untitled brief'}</h1>
${document.claimReview && claimReviewSection(document.claimReview, brief.ratingScale ?? [])}
${checkedOnLine(brief.checkedOn)}
${correctionNotice(brief.corrections)}
${brief.disclaimer && html`<p class="disclaimer">${brief.disclaimer}</p>`}
<section class="summary" aria-labelledby="summary-heading"><h2 id="summary-heading">Executive summary</h2>${summary}</section>
<div class="body">${body}</div>
${limitations && html`<section class="limitations" aria-labelledby="limitations-heading"><h2 id="limitations-heading">Limitations</h2>${limitations}</section>`}
${relatedQuestions(document.relatedQuestions, brief.relatedSlugs ?? {})}
${sourcesSection(cited, numbers, pinpoints, brief.archivedCopies ?? {}, brief.goneSourceIds ?? [])}
${correctionsSection(brief.corrections)}
${cards.render()}
</article>`;
}

/** The claim checked and its verdict, under the question: "Claim: … — Claimant, date — Verdict". */
function claimReviewSection(review: BriefClaimReview, scale: RatingScale): SafeHtml {
  const level = ratingLevelOf(scale, review.verdict);
  const firstAppearance = httpUrl(review.appearances[0]);
  const made = [
    review.claimant && html`${review.claimant}`,
    isCalendarDate(review.claimDate) &&
      html`<time datetime="${review.claimDate}">${formatCheckedOn(review.claimDate)}</time>`,
    firstAppearance &&
      html`<a href="${firstAppearance}" rel="nofollow noopener">where it appeared</a>`,
  ].filter((part): part is SafeHtml => Boolean(part));
  return html`<section class="claim-review" aria-label="Claim review">
<p class="claim"><span class="claim-label">Claim:</span> ${review.claim}${made.length ? html` <span class="claim-source">— ${joinHtml(made, html`, `)}</span>` : ''}</p>
${review.verdict && html`<p class="verdict"><span class="claim-label">Verdict:</span> <strong class="verdict-label">${level?.label ?? review.verdict}</strong>${level?.explanation && html` <span class="verdict-explanation">${level.explanation}</span>`}</p>`}
</section>`;
}

function checkedOnLine(checkedOn: string | null): SafeHtml | null {
  return checkedOn
    ? html`<p class="checked-on">Checked on <time datetime="${checkedOn}">${formatCheckedOn(checkedOn)}</time></p>`
    : null;
}

// Older data, or data written past the input checks, may hold anything here: a source's
// addresses link only when they are http(s), its dates show only when they are dates.

export function httpUrl(value: string | null | undefined): string | null {
  return value && isHttpUrl(value) ? normalizeLinkUrl(value) : null;
}

function dateText(label: string, value: string | null | undefined): string | null {
  return value && isCalendarDate(value) ? `${label} ${formatCheckedOn(value)}` : null;
}

function hasText(doc: RichNode): boolean {
  return richTextToPlain(doc, new Map()).trim().length > 0;
}

/**
 * One rich-text part. Every node and mark of the shared extension list has its element here
 * (brief-html.test.ts checks the list against the schema); an unknown one shows its content.
 */
function richText(node: RichNode, citation: (node: RichNode) => SafeHtml): SafeHtml {
  const children = (parent: RichNode): SafeHtml[] => {
    const content = parent.content ?? [];
    return content.map((child, i) => {
      const rendered = richText(child, citation);
      // Adjacent citations read "[1] [2] [5]".
      return child.type === 'citation' && content[i - 1]?.type === 'citation'
        ? html` ${rendered}`
        : rendered;
    });
  };
  switch (node.type) {
    case 'doc':
      return html`${children(node)}`;
    case 'text':
      return withMarks(node.text ?? '', node.marks ?? []);
    case 'citation':
      return citation(node);
    case 'paragraph':
      return html`<p>${children(node)}</p>`;
    case 'heading':
      return node.attrs?.level === 3
        ? html`<h3>${children(node)}</h3>`
        : html`<h2>${children(node)}</h2>`;
    case 'hardBreak':
      return html`<br>`;
    case 'blockquote':
      return html`<blockquote>${children(node)}</blockquote>`;
    case 'bulletList':
      return html`<ul>${children(node)}</ul>`;
    case 'orderedList':
      return orderedList(node, children(node));
    case 'listItem':
      return html`<li>${children(node)}</li>`;
    default:
      return html`${children(node)}`;
  }
}

export const renderedNodeTypes = [
  'doc',
  'text',
  'citation',
  'paragraph',
  'heading',
  'hardBreak',
  'blockquote',
  'bulletList',
  'orderedList',
  'listItem',
] as const;
/**
 * Suggested changes never reach readers (a published version holds none, and previews render
 * the text as it stands); should one slip through, an inserted piece is left out and a deleted
 * one kept, as rejecting them would.
 */
export const renderedMarkTypes = [
  'bold',
  'italic',
  'link',
  'insertion',
  'deletion',
  'modification',
] as const;

function orderedList(node: RichNode, items: SafeHtml[]): SafeHtml {
  const start = Number(node.attrs?.start ?? 1);
  const type = String(node.attrs?.type ?? '');
  return html`<ol${Number.isInteger(start) && start !== 1 ? html` start="${start}"` : ''}${/^[1aAiI]$/.test(type) ? html` type="${type}"` : ''}>${items}</ol>`;
}

/** Text inside its marks, the first mark outermost; a link to a disallowed address is text. */
function withMarks(text: string, marks: NonNullable<RichNode['marks']>): SafeHtml {
  return marks.reduceRight<SafeHtml>((inner, mark) => {
    switch (mark.type) {
      case 'bold':
        return html`<strong>${inner}</strong>`;
      case 'italic':
        return html`<em>${inner}</em>`;
      case 'link': {
        const href = normalizeLinkUrl(String(mark.attrs?.href ?? ''));
        return href
          ? html`<a href="${href}" rel="noopener noreferrer nofollow">${inner}</a>`
          : inner;
      }
      case 'insertion':
        return html``;
      default:
        return inner;
    }
  }, html`${text}`);
}

function relatedQuestions(
  questions: BriefForReaders['document']['relatedQuestions'],
  slugs: Readonly<Record<string, string>>,
): SafeHtml | null {
  if (questions.length === 0) return null;
  const items = questions.map((q) => {
    const slug = slugs[questionKey(q.text)];
    return slug
      ? html`<li><a href="/briefs/${encodeURIComponent(slug)}">${q.text}</a></li>`
      : html`<li>${q.text}</li>`;
  });
  return html`<section class="related" aria-labelledby="related-heading"><h2 id="related-heading">Want to dive deeper?</h2><ul>${items}</ul></section>`;
}

function sourcesSection(
  sources: readonly ReaderSource[],
  numbers: ReadonlyMap<string, number>,
  pinpoints: ReadonlyMap<number, readonly string[]>,
  archivedCopies: Readonly<Record<string, ArchivedCopy>>,
  goneSourceIds: readonly string[],
): SafeHtml {
  const items = sources.map((source) => {
    const n = numbers.get(source.id) ?? 0;
    const url = httpUrl(source.url);
    const version = versionOf(source, archivedCopies[source.id]);
    const archiveUrl = version && httpUrl(version.url);
    // Robust Links (robustlinks.mementoweb.org): both links name the page, its archived copy
    // and the day of that copy, so that a reader's tools can find it when either link rots.
    const robust =
      url && archiveUrl
        ? html` data-originalurl="${url}" data-versionurl="${archiveUrl}"${version?.date ? html` data-versiondate="${version.date}"` : ''}`
        : '';
    const details = sourceDetails(source);
    const original =
      url &&
      html`<a href="${url}" rel="nofollow noopener noreferrer"${robust}>${displayUrl(source.url)}</a>`;
    const archived =
      archiveUrl &&
      html`<a href="${archiveUrl}" rel="nofollow noopener noreferrer"${robust}>Archived copy</a>`;
    // A page gone since publication: the copy comes first, and the address says it is gone.
    const gone = archived && goneSourceIds.includes(source.id);
    const links = gone
      ? joinHtml([archived, original && html`${original} (no longer online)`], html` · `)
      : joinHtml([original, archived], html` · `);
    const backlinks = backlinksOf(n, pinpoints.get(n) ?? []);
    return html`<li id="source-${n}"><cite>${source.title || displayUrl(source.url)}</cite>${String(details) && html`. ${details}.`} ${links} <span class="backlinks">${backlinks}</span></li>`;
  });
  return html`<section class="sources" role="doc-bibliography" aria-labelledby="sources-heading"><h2 id="sources-heading">Sources</h2><ol>${joinHtml(items, html`\n`)}</ol></section>`;
}

/**
 * The archived copy of a source: its own archive URL, dated by the Wayback timestamp in it or
 * else by the day it was accessed; without one, a copy the archive service made of its address.
 */
function versionOf(
  source: ReaderSource,
  copy: ArchivedCopy | undefined,
): { url: string; date: string | null } | null {
  if (source.archiveUrl) {
    const stamp = /\/web\/(\d{4})(\d{2})(\d{2})\d*[a-z_]*\//.exec(source.archiveUrl);
    const stamped = stamp ? `${stamp[1]}-${stamp[2]}-${stamp[3]}` : null;
    const date = [stamped, source.accessedAt].find((d) => d && isCalendarDate(d)) ?? null;
    return { url: source.archiveUrl, date };
  }
  return copy && copy.url === source.url ? { url: copy.archiveUrl, date: copy.archivedOn } : null;
}

/**
 * A link back to each citation of source n: "↩" for one, "↩1 ↩2" for several; a citation with a
 * pinpoint shows it, "↩1 p. 12 · ↩2 · ↩3 p. 40", so that the entry lists the pinpoints used.
 */
function backlinksOf(n: number, pinpoints: readonly string[]): SafeHtml {
  const links = pinpoints.map((pinpoint, i) => {
    const k = i + 1;
    const label = `Back to citation ${k} of source ${n}${pinpoint ? ` (${pinpoint})` : ''}`;
    const index = pinpoints.length > 1 ? k : '';
    // A no-break space: the pinpoint stays beside its arrow.
    return html`<a href="#cite-${n}-${k}" role="doc-backlink" aria-label="${label}">↩${index}${pinpoint && `\u00a0${pinpoint}`}</a>`;
  });
  return joinHtml(links, pinpoints.some(Boolean) ? html` · ` : space);
}

/**
 * The card of a citation: the source's title, publisher and dates, the citation's pinpoint, the
 * quote, and links to the source and to its entry in the list. No script: each citation link
 * names its card with `interestfor` (HTML interest invokers), so the browser shows the card as a
 * `popover="hint"` when the reader hovers the link, focuses it from the keyboard (Tab then moves
 * into the card's links; Escape closes it) or long-presses it on a touch screen, and anchors it
 * to the link. A click still follows the link to the entry, which is all a browser without
 * interest invokers does; one without popovers never shows the cards (brief.css hides them
 * unless open). Citations of one source with one pinpoint share a card, so that 50 citations
 * of a few sources cost a few cards; the cards sit at the end of the article, out of the text.
 */
class CitationCards {
  private readonly sources: ReadonlyMap<string, ReaderSource>;
  private readonly ids = new Map<string, string>();
  private readonly cards: SafeHtml[] = [];
  private readonly perSource = new Map<number, number>();

  constructor(
    sources: readonly ReaderSource[],
    private readonly archivedCopies: Readonly<Record<string, ArchivedCopy>>,
    private readonly goneSourceIds: readonly string[],
  ) {
    this.sources = new Map(sources.map((source) => [source.id, source]));
  }

  /** The id of the card of source n cited at a pinpoint ('' for none). */
  idFor(sourceId: string, n: number, pinpoint: string): string | null {
    const source = this.sources.get(sourceId);
    if (!source) return null;
    const key = `${n} ${pinpoint}`;
    const known = this.ids.get(key);
    if (known) return known;
    const k = (this.perSource.get(n) ?? 0) + 1;
    this.perSource.set(n, k);
    const id = `card-${n}-${k}`;
    this.ids.set(key, id);
    const archived = versionOf(source, this.archivedCopies[source.id]);
    const archiveUrl = archived && httpUrl(archived.url);
    const gone = Boolean(archiveUrl) && this.goneSourceIds.includes(source.id);
    this.cards.push(citationCard(id, source, n, pinpoint, archiveUrl, gone));
    return id;
  }

  render(): SafeHtml | null {
    return this.cards.length > 0
      ? html`<div class="citation-cards">${joinHtml(this.cards, html`\n`)}</div>`
      : null;
  }
}

/** What a source's entry and card say of it: publisher, author, its dates. */
function sourceDetails(source: ReaderSource): SafeHtml {
  return joinHtml(
    [
      source.publisher,
      source.author,
      dateText('Published', source.publishedAt),
      dateText('Accessed', source.accessedAt),
    ],
    html`. `,
  );
}

/** A card's links are the entry's: the archived copy first for a page gone since publication. */
function citationCard(
  id: string,
  source: ReaderSource,
  n: number,
  pinpoint: string,
  archiveUrl: string | null,
  gone: boolean,
): SafeHtml {
  const url = httpUrl(source.url);
  const details = sourceDetails(source);
  const quote = source.quote?.trim();
  const original =
    url && html`<a href="${url}" rel="nofollow noopener noreferrer">${displayUrl(source.url)}</a>`;
  const archived =
    archiveUrl &&
    html`<a href="${archiveUrl}" rel="nofollow noopener noreferrer">Archived copy</a>`;
  const links = joinHtml(
    [
      ...(gone
        ? [archived, original && html`${original} (no longer online)`]
        : [original, archived]),
      html`<a href="#source-${n}">Source ${n} in the list</a>`,
    ],
    html` · `,
  );
  return html`<div class="citation-card" id="${id}" popover="hint"><p class="card-title"><cite>${source.title || displayUrl(source.url)}</cite></p>${String(details) && html`<p class="card-details">${details}.</p>`}${pinpoint && html`<p class="card-pinpoint">Pinpoint: ${pinpoint}</p>`}${quote && html`<blockquote class="card-quote"><p>${quote}</p></blockquote>`}<p class="card-links">${links}</p></div>`;
}

function correctionsSection(corrections: readonly ReaderCorrection[]): SafeHtml | null {
  if (corrections.length === 0) return null;
  const items = corrections.map(
    (c) =>
      html`<li id="${correctionAnchor(c.id)}"><time datetime="${c.notedOn}">${formatCheckedOn(c.notedOn)}</time> — <strong>${correctionKindName(c.kind)}:</strong> ${c.note}</li>`,
  );
  return html`<section class="corrections" aria-labelledby="corrections-heading"><h2 id="corrections-heading">Corrections and updates</h2><ul>${items}</ul></section>`;
}

/** An address as link text: no bidirectional control can make it read as another address. */
function displayUrl(url: string): string {
  return displaySafeUrl(url)
    .replace(/^https?:\/\/(www\.)?/, '')
    .replace(/\/$/, '');
}

/** Rich text without citations (the newsroom's own pages): the elements a brief's text uses. */
export function renderRichText(doc: RichNode): SafeHtml {
  return richText(doc, () => html``);
}
