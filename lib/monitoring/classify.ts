/**
 * What a check of a published brief's source found, from what its address answered. Pure: the
 * job (jobs.ts) fetches and stores; this decides.
 *
 * In this order:
 * - `unreachable`: no answer (a network error, a timeout, a refused address, a page too large
 *   or unreadable, a redirect loop) or an error status other than 404 and 410 (a server error,
 *   "too many requests", "forbidden"), for the FAILURES_BEFORE_UNREACHABLE-th time in a row;
 *   before that `retrying`, and the source is checked again sooner (schedule.ts).
 * - `gone`: HTTP 404 or 410, or a redirect to a site's home page (how many sites answer for a
 *   page they removed).
 * - `quote_missing`: the source's quote was in the approved capture's readable text and is no
 *   longer in the page's (quote-match.ts, as the review screen looks for it). A quote the review
 *   screen already said was not in the captured page, and which the reviewer approved anyway,
 *   is not news: such a check goes on to `changed` and the rest.
 * - `changed`: the readable text differs materially from the approved capture's
 *   (text-compare.ts says what "materially" means).
 * - `moved`: it redirects to another page (sameAddress says which addresses are the same page).
 * - `ok`: otherwise.
 * `skipped` (robots.txt refuses us) is decided before anything is fetched (robots.ts).
 */
import { type SourceCheckStatus, unsettledSourceCheckStatuses } from '@/db/enums';
import { findQuote } from '@/lib/sources/quote-match';
import { compareTexts, type TextComparison } from './text-compare';

/** Failed checks in a row after which a source is `unreachable` (before: `retrying`). */
export const FAILURES_BEFORE_UNREACHABLE = 3;

/** What fetching the source's address came to (takeCapture's outcome, in short). */
export type FetchedPage =
  | {
      kind: 'failed';
      /** safeFetch's reason, or `http` for an error status. */
      reason: string;
      message: string;
      httpStatus: number | null;
      finalUrl: string | null;
    }
  | {
      kind: 'answered';
      httpStatus: number;
      finalUrl: string;
      sha256: string;
      /** Null when no text could be read from it. */
      text: string | null;
    };

export interface CheckInput {
  /** The address the published version cites. */
  url: string;
  page: FetchedPage;
  /** The capture the reviewer approved (its content), if there is one. */
  approved: { sha256: string; text: string | null } | null;
  /** The source's quote in the published version ('' for none). */
  quote: string;
  /** How many checks in a row failed just before this one. */
  failuresBefore: number;
}

export interface Classification {
  status: Exclude<SourceCheckStatus, 'skipped'>;
  /** In words, for the newsroom: what was found. */
  message: string;
  /** The comparison with the approved capture, when one was made. */
  comparison: TextComparison | null;
}

const GONE_STATUSES = new Set([404, 410]);

/** Classifies one check (the order is the module's doc). */
export function classifyCheck(input: CheckInput): Classification {
  const { page, url } = input;
  const host = hostOf(page.finalUrl ?? url);
  if (page.kind === 'failed' && page.httpStatus !== null && GONE_STATUSES.has(page.httpStatus)) {
    return {
      status: 'gone',
      message: `${host} answers HTTP ${page.httpStatus}: the page is gone.`,
      comparison: null,
    };
  }
  if (page.kind === 'failed') {
    const failures = input.failuresBefore + 1;
    return failures >= FAILURES_BEFORE_UNREACHABLE
      ? {
          status: 'unreachable',
          message: `${page.message} (${failures} checks in a row failed.)`,
          comparison: null,
        }
      : {
          status: 'retrying',
          message: `${page.message} (Failed ${failures} time${failures === 1 ? '' : 's'} in a row: checked again in an hour.)`,
          comparison: null,
        };
  }
  const redirected = !sameAddress(url, page.finalUrl);
  if (redirected && isHomePage(page.finalUrl) && !isHomePage(url)) {
    return {
      status: 'gone',
      message: `The page now redirects to the home page of ${hostOf(page.finalUrl)} (${page.finalUrl}): it is gone.`,
      comparison: null,
    };
  }
  const comparison =
    input.approved?.text != null && page.text !== null && input.approved.sha256 !== page.sha256
      ? compareTexts(input.approved.text, page.text)
      : null;
  const movedNote = redirected ? ` It now redirects to ${page.finalUrl}.` : '';
  if (quoteLost(input.quote, input.approved?.text ?? null, page.text)) {
    return {
      status: 'quote_missing',
      message: `The source's quote is no longer in the page.${movedNote}`,
      comparison,
    };
  }
  if (comparison?.material) {
    return { status: 'changed', message: `${comparison.reason}${movedNote}`, comparison };
  }
  if (redirected) {
    return {
      status: 'moved',
      message: `The page redirects to another address: ${page.finalUrl}.`,
      comparison,
    };
  }
  return {
    status: 'ok',
    message: okMessage(page, input.approved, comparison),
    comparison,
  };
}

/** Whether the quote was in the approved capture's text and is not in the page's. */
function quoteLost(quote: string, approvedText: string | null, pageText: string | null): boolean {
  if (!quote.trim() || approvedText === null || pageText === null) return false;
  return findQuote(quote, approvedText).found && !findQuote(quote, pageText).found;
}

function okMessage(
  page: Extract<FetchedPage, { kind: 'answered' }>,
  approved: CheckInput['approved'],
  comparison: TextComparison | null,
): string {
  if (comparison) return comparison.reason;
  if (approved?.sha256 === page.sha256) return 'The page is exactly as in the approved capture.';
  if (page.text === null) return 'The page answers; no text could be read from it to compare.';
  return 'The page answers; there is no approved captured text to compare it with.';
}

/** `host[:port]` of an address, or the address itself when it is not one. */
export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/**
 * Whether two addresses name the same page: the scheme (http or https), a leading `www.`, the
 * default port, a trailing slash, the fragment and the order of query parameters do not count.
 */
export function sameAddress(a: string, b: string): boolean {
  const key = (url: string) => {
    try {
      const parsed = new URL(url);
      parsed.searchParams.sort();
      const host = parsed.hostname.toLowerCase().replace(/^www\./, '');
      const port = parsed.port && !['80', '443'].includes(parsed.port) ? `:${parsed.port}` : '';
      const path = parsed.pathname.replace(/\/+$/, '');
      return `${host}${port}${path}${parsed.search}`;
    } catch {
      return url;
    }
  };
  return key(a) === key(b);
}

/**
 * ISO 639-1 codes of the languages a site's root commonly starts with (`/en`, `/fr-ca`). A short
 * explicit list, not every two letters: `/tv`, `/ai` or `/us` are sections, not home pages. `uk`
 * (Ukrainian) is left out on purpose: a root `/uk` is as often a site's UK section, and taking a
 * section for a home page would call a page gone (and tell readers so) when it only moved; a
 * Ukrainian site's removed page that redirects to `/uk` is still reported (moved, or changed).
 */
const HOME_LANGUAGES = new Set([
  ...'ar cs da de el en es fa fi fr he hi hu id it'.split(' '),
  ...'ja ko nb nl no pl pt ro ru sv th tr vi zh'.split(' '),
]);

/**
 * Whether an address is a site's home page: its path is `/`, an index file, `/home`, or a
 * language's root (`/en`, `/fr-ca/`: HOME_LANGUAGES); whatever its query.
 */
export function isHomePage(url: string): boolean {
  let path: string;
  try {
    path = new URL(url).pathname.toLowerCase();
  } catch {
    return false;
  }
  if (/^\/(?:index\.\w+|home)?\/?$/.test(path)) return true;
  const language = /^\/([a-z]{2})(?:[-_][a-z]{2})?\/?$/.exec(path)?.[1];
  return language !== undefined && HOME_LANGUAGES.has(language);
}

/** What a source needing attention is: the statuses listed on the desk and notified. */
export const ATTENTION_STATUSES: readonly SourceCheckStatus[] = [
  'gone',
  'changed',
  'quote_missing',
];

/**
 * Whether a check says something of the page (db/enums.ts: unsettledSourceCheckStatuses): an
 * outage or a robots.txt refusal leaves the page state found before it standing.
 */
export const isSettled = (status: SourceCheckStatus) =>
  !(unsettledSourceCheckStatuses as readonly SourceCheckStatus[]).includes(status);

/** A settled check, as far as attention goes: what it found, against which approved capture. */
export interface SettledCheck {
  status: SourceCheckStatus;
  approvedSha256: string | null;
}

/**
 * Whether a settled check puts its source into attention: it found the source gone, changed or
 * without its quote, and the settled check before it found something else, or judged against
 * another approved capture (a re-check bound a newer one). Its reviewers are told then, and
 * not at every check that finds the same, nor again after an outage in between (`previous` is
 * the latest settled check: outages are not).
 */
export function entersAttention(previous: SettledCheck | null, current: SettledCheck): boolean {
  if (!ATTENTION_STATUSES.includes(current.status)) return false;
  return (
    previous === null ||
    previous.status !== current.status ||
    previous.approvedSha256 !== current.approvedSha256
  );
}

export const statusLabels: Record<SourceCheckStatus, string> = {
  ok: 'OK',
  moved: 'Moved',
  gone: 'Gone',
  unreachable: 'Unreachable',
  changed: 'Changed',
  quote_missing: 'Quote missing',
  retrying: 'Could not be reached (trying again)',
  skipped: 'Skipped (robots.txt)',
};
