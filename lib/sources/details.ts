/**
 * Fetch details: a source's title, publisher, author and published date from its address or
 * DOI, fetched on the server through safeFetch (the one fetcher of addresses people type). Every
 * way the remote side can fail is a result with a sentence for the editor, never an exception:
 * a source is saved whether or not its details could be fetched.
 */
import 'server-only';
import { getConfig } from '@/lib/config';
import { isHttpUrl } from '@/lib/content/link-url';
import { InvalidError } from '@/lib/errors';
import { FETCH_LIMITS, type SafeFetchResponse, safeFetch } from '@/lib/fetching/safe-fetch';

/** Less time than this left for a DOI's landing page: not worth asking. */
const MIN_PAGE_MS = 500;

import { assertCan } from '@/lib/policy/authorize';
import type { Actor } from '@/lib/policy/policy';
import { detailsFromCsl, doiAddress, parseDoi } from './doi';
import {
  type DetailField,
  type DetailValues,
  decodePage,
  type ExtractedDetails,
  extractSourceDetails,
} from './metadata';

export type SourceDetailsResult =
  | {
      ok: true;
      fields: DetailValues;
      found: ExtractedDetails['found'];
      missing: DetailField[];
      /** The address that answered, after redirects. */
      finalUrl: string;
      /** For a DOI: the address to store as the source's URL (https://doi.org/…). */
      url?: string;
    }
  | { ok: false; message: string };

const HTML_TYPES = ['text/html', 'application/xhtml+xml'];
const CSL_JSON = 'application/vnd.citationstyles.csl+json';

/**
 * The details of the source at `input`: an http(s) address or a DOI (`10.…`, `doi:10.…`,
 * `https://doi.org/10.…`). Anything else is refused as invalid input.
 */
export async function fetchSourceDetails(
  actor: Actor,
  input: string,
): Promise<SourceDetailsResult> {
  assertCan(actor, 'briefs.edit');
  const doi = parseDoi(input);
  if (doi) return doiDetails(doi);
  const address = input.trim();
  if (!isHttpUrl(address)) {
    throw new InvalidError(
      'Enter a web address starting with http:// or https://, or a DOI such as 10.1000/182, to fetch its details.',
    );
  }
  return pageDetails(address);
}

async function pageDetails(
  address: string,
  timeoutMs: number = FETCH_LIMITS.timeoutMs,
): Promise<SourceDetailsResult> {
  const response = await safeFetch(address, {
    accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5',
    timeoutMs,
  });
  if (!response.ok) return { ok: false, message: response.message };
  const host = new URL(response.finalUrl).host;
  const refusal = statusRefusal(response, host);
  if (refusal) return refusal;
  const type = response.mediaType;
  if (type === 'application/pdf') return { ok: false, message: pdfMessage(host) };
  if (type !== null && !HTML_TYPES.includes(type)) {
    return {
      ok: false,
      message: `${host} sent ${describeType(type)}, not a web page, so Factdesk could not read its details. Fill them in by hand.`,
    };
  }
  const page = decodePage(response.body, response.contentType);
  if (!page.ok) {
    return {
      ok: false,
      message:
        page.problem === 'pdf'
          ? pdfMessage(host)
          : `${host} said it sent a web page but sent something else (binary data), so Factdesk could not read its details. Fill them in by hand.`,
    };
  }
  const details = await extractSourceDetails(page.html, response.finalUrl);
  return { ok: true, ...details, finalUrl: response.finalUrl };
}

async function doiDetails(doi: string): Promise<SourceDetailsResult> {
  // One deadline for the resolver and the landing page, as for any one fetch.
  const started = Date.now();
  const resolver = getConfig().FACTDESK_DOI_RESOLVER;
  const response = await safeFetch(doiAddress(doi, resolver), { accept: CSL_JSON });
  if (!response.ok) return { ok: false, message: response.message };
  const resolverHost = new URL(resolver).host;
  if (response.status === 404) {
    return {
      ok: false,
      message: `${resolverHost} does not know the DOI ${doi}: check it, or paste the article's web address instead.`,
    };
  }
  const url = doiAddress(doi, 'https://doi.org');
  const details = response.status < 300 ? detailsFromCsl(parseJson(response.body)) : null;
  if (details) return { ok: true, ...details, finalUrl: response.finalUrl, url };
  // Not every registration agency answers with CSL-JSON: the DOI's landing page may still say.
  const left = FETCH_LIMITS.timeoutMs - (Date.now() - started);
  if (left < MIN_PAGE_MS) {
    return {
      ok: false,
      message: `${resolverHost} sent no citation data for the DOI ${doi}, and there was no time left to read its page (${FETCH_LIMITS.timeoutMs / 1000} seconds in all).`,
    };
  }
  const page = await pageDetails(doiAddress(doi, resolver), left);
  if (page.ok) return { ...page, url };
  return {
    ok: false,
    message: `${resolverHost} sent no citation data for the DOI ${doi}, and its page could not be read: ${page.message}`,
  };
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** An error status: the site's own answer, for the editor to read. */
function statusRefusal(response: SafeFetchResponse, host: string): SourceDetailsResult | null {
  if (response.status < 400 && response.status >= 200) return null;
  return {
    ok: false,
    message: `${host} answered ${response.status}${reasonOf(response.status)} instead of the page, so there are no details to read.`,
  };
}

function reasonOf(status: number): string {
  const reasons: Record<number, string> = {
    401: 'the page needs a sign-in',
    403: 'access refused',
    404: 'page not found',
    410: 'page gone',
    429: 'too many requests; try again later',
    500: 'server error',
    502: 'bad gateway',
    503: 'unavailable; try again later',
  };
  return reasons[status] ? ` (${reasons[status]})` : '';
}

function pdfMessage(host: string): string {
  return `${host} sent a PDF: Factdesk cannot read details from a PDF yet. Fill them in by hand.`;
}

function describeType(type: string): string {
  if (type.startsWith('image/')) return 'an image';
  if (type.startsWith('video/')) return 'a video';
  if (type.startsWith('audio/')) return 'an audio file';
  if (type === 'text/plain') return 'plain text';
  return `a ${type} file`;
}
